"""Two records are one deliberation only on evidence, and every merge is reported with both files.

Evidence: the same content (words, number, date, instance, collectivité), or the same printed
number, date and collectivité, all three known. Items with no number, date or title, such as
the items of several comptes rendus of one commune, stay apart and are all found again.
"""
from decimal import Decimal

import pytest

from registre.engine import Engine
from registre.index.embedder import HashEmbedder
from registre.records import FileIssue

# Comptes rendus of one commune: no number, no séance date, no title, one decision each.
MINUTES = {
    "cr-petanque.txt": ("Exposé des motifs\n\nLe club de pétanque des Tilleuls organise un concours régional "
                        "et sollicite une aide de la commune.\n\nLe conseil, après en avoir délibéré, décide "
                        "d'attribuer une subvention de 800 € au club de pétanque des Tilleuls.\n"),
    "cr-jardins.txt": ("Exposé des motifs\n\nL'association Les Jardins de Marthe entretient le jardin partagé "
                       "et demande l'achat d'outils.\n\nLe conseil, après en avoir délibéré, décide d'attribuer "
                       "une subvention de 1 250 € à l'association Les Jardins de Marthe.\n"),
    "cr-chorale.txt": ("Exposé des motifs\n\nL'association Voix du Lignon prépare le concert de printemps de "
                       "sa chorale.\n\nLe conseil, après en avoir délibéré, décide d'attribuer une subvention de "
                       "430 € à l'association Voix du Lignon.\n"),
    "cr-bibliotheque.txt": ("Exposé des motifs\n\nLe comité de lecture Papier Bulle anime la bibliothèque "
                            "municipale.\n\nLe conseil, après en avoir délibéré, décide d'attribuer une subvention "
                            "de 2 100 € au comité de lecture Papier Bulle.\n"),
}
ASKED = {"cr-petanque.txt": ("club de pétanque des Tilleuls", Decimal(800)),
         "cr-jardins.txt": ("Jardins de Marthe", Decimal(1250)),
         "cr-chorale.txt": ("Voix du Lignon", Decimal(430)),
         "cr-bibliotheque.txt": ("comité de lecture Papier Bulle", Decimal(2100))}

NUMBERED = ("Commune de Rivière-sur-Dore\nDÉLIBÉRATION N° 2024-017\nSéance du conseil municipal du "
            "12 février 2024\nObjet : {title}\nLe conseil municipal décide d'attribuer une subvention de "
            "1 500 € au club de judo.\n")


def write(folder, files: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_items_without_number_date_or_title_are_all_indexed_and_found(tmp_path, embedder):
    folder = write(tmp_path / "comptes-rendus", MINUTES)
    engine = Engine.open(tmp_path / "index", embedder=embedder)
    report = engine.ingest([folder])
    assert report.failed == [] and report.merged == []
    assert report.indexed == [(name, 1) for name in sorted(MINUTES)]
    records = list(engine.deliberations())
    assert sorted(d.source for d in records) == sorted(MINUTES)
    assert all(d.number is None and d.date is None and d.title is None for d in records)
    for name, (party, amount) in ASKED.items():
        (first, *_) = engine.search(party, k=3)
        assert first.source == name
        answer = engine.ask(f"combien pour {party} ?")
        assert answer.total == amount and [c.source for c in answer.citations] == [name]


def test_a_register_and_its_pdf_are_one_deliberation_by_their_content(tmp_path, samples_dir):
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    text, pdf = samples_dir / "003_d3aa0306cb671a35.txt", samples_dir / "pdf" / "003_d3aa0306cb671a35.pdf"
    report = engine.ingest([text, pdf])
    assert report.indexed == [(text.name, 1), (pdf.name, 0)] and report.deliberations == 1
    assert report.merged == [FileIssue(pdf.name, "délibération 1 (sans numéro) « ACCES ET ACCOMPAGNEMENT DANS "
                                       "L'EMPLOI - SOUTIEN A L'ASSOCIAT » du 19 novembre 2020 : déjà indexée depuis "
                                       f"{text.name} (même texte), non indexée deux fois")]
    assert [d.source for d in engine.deliberations()] == [text.name]
    assert len(list(engine.deliberations(include_duplicates=True))) == 2  # stored, not indexed twice


def test_the_same_printed_number_date_and_collectivite_are_one_deliberation(tmp_path):
    folder = write(tmp_path / "docs", {"a-registre.txt": NUMBERED.format(title="Subvention au club de judo"),
                                       "b-extrait.txt": NUMBERED.format(title="Club de judo : subvention")})
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    report = engine.ingest([folder])
    assert report.indexed == [("a-registre.txt", 1), ("b-extrait.txt", 0)]
    assert report.merged == [FileIssue("b-extrait.txt", "n° 2024-017 du 12 février 2024 : déjà indexée depuis "
                                       "a-registre.txt (même numéro, même date, même collectivité), non indexée "
                                       "deux fois")]


@pytest.mark.parametrize("unknown", ["collectivité", "date"])
def test_a_number_without_its_collectivite_or_date_merges_nothing(tmp_path, unknown):
    text = NUMBERED.replace("Commune de Rivière-sur-Dore\n", "") if unknown == "collectivité" else \
        NUMBERED.replace("Séance du conseil municipal du 12 février 2024\n", "")
    folder = write(tmp_path / "docs", {"a.txt": text.format(title="Subvention au club de judo"),
                                       "b.txt": text.format(title="Club de judo : subvention")})
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    report = engine.ingest([folder])
    assert report.merged == [] and report.indexed == [("a.txt", 1), ("b.txt", 1)]
    assert [d.source for d in engine.deliberations()] == ["a.txt", "b.txt"]


def test_a_merged_deliberation_is_indexed_when_the_one_kept_goes(tmp_path):
    first = NUMBERED.format(title="Subvention au club de judo")
    folder = write(tmp_path / "docs", {"a.txt": first, "b.txt": first + "\n"})  # other bytes, same content
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    assert engine.ingest([folder]).indexed == [("a.txt", 1), ("b.txt", 0)]
    (folder / "a.txt").write_text(first.replace("2024-017", "2024-018").replace("judo", "tennis"), encoding="utf-8")
    report = engine.ingest([folder / "a.txt"])
    assert report.indexed == [("a.txt", 1)] and report.merged == []
    assert sorted((d.source, d.number) for d in engine.deliberations()) == [("a.txt", "2024-018"),
                                                                            ("b.txt", "2024-017")]
    assert {r.source for r in engine.search("club de judo", k=5)} >= {"b.txt"}
    check = engine.store.check()
    assert check["integrity"] == "ok" and check["vectors"] == check["chunks"]
