"""`registre beneficiaries` on the development corpora (every decision per beneficiary, the net
per year, amendments and items without effect shown; CSV), and `registre search --matiere`."""
import csv
import io

from click.testing import CliRunner

from registre.cli import cli
from registre.engine import Engine
from registre.index.embedder import HashEmbedder


def run(*args: str):
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.stdout


def test_beneficiaries_of_the_fictional_corpus(corpus_engine):
    index = str(corpus_engine("fictional").folder)
    text = run("beneficiaries", "--index", index)
    assert text.count("\n") > 100
    agire = text[text.index("AGIRE [agire]"):].split("\n")[:9]
    assert agire == [
        "AGIRE [agire]",
        "  2021 : 18 000 € net (collectivité ?)",
        "    2021-11-22  n° CP-2021-0934  attribution 18 000 €  (total 0 € → 18 000 €)  DHV_CP-2021-0934.pdf, p. 1",
        "  2022 : 20 000 € net (collectivité ?)",
        "    2022-09-12  n° CP-2022-1187  attribution 20 000 €  (total 0 € → 20 000 €)  DHV_CP_2022-09-12.pdf, p. 6",
        "  2023 : 22 000 € net (collectivité ?)",
        "    2023-04-17  n° CP-2023-0298  attribution 22 000 €  (total 0 € → 22 000 €)  DHV_CP-2023-0298.pdf, p. 1",
        "  2025 : 24 000 € net (collectivité ?)",
        "    2025-02-10  n° CP-2025-0077  attribution 24 000 €  (total 0 € → 24 000 €)  DHV_CP-2025-0077.pdf, p. 1",
    ]
    assert ("    2022-09-12  n° CP-2022-1189  attribution 35 000 €  (sans effet : point retiré de l'ordre du jour)"
            "  DHV_CP_2022-09-12.pdf, p. 9") in text
    numerikeo = run("beneficiaries", "numerikeo", "--index", index, "--year", "2023", "--collectivite", "morence")
    assert numerikeo.splitlines() == [
        "Numérikéo [numerikeo]",
        "  2023 : 11 500 € net (Val-Morence Métropole)",
        "    2023-05-11  n° 2023.00410  attribution 7 500 €  (total 0 € → 7 500 €)  VMM_bureau_2023-05-11.pdf, p. 3",
        "    2023-09-21  n° 2023.00577  complément 4 000 €  (total 7 500 € → 11 500 €)  VMM_2023.00577.pdf, p. 2",
    ]
    assert run("beneficiaries", "personne", "--index", index).strip() == "Aucune décision de subvention ne correspond."


def test_beneficiaries_as_csv_on_the_real_corpus(corpus_engine):
    rows = list(csv.DictReader(io.StringIO(run("beneficiaries", "--index", str(corpus_engine("real").folder),
                                               "--csv"))))
    assert len(rows) == 10
    usyp = [r for r in rows if r["cle"] == "usyp"]
    assert [(r["beneficiaire"], r["collectivite"], r["annee"], r["numero"], r["decision"], r["montant"],
             r["net_annee"], r["effet"]) for r in usyp] == [
        ("USYP", "Commune de Preuilly-sur-Claise", "2020", "2020-038", "attribution", "2500.00", "2500.00", "oui")]
    assert {r["cle"] for r in rows if r["annee"] == "2021"} == {"banque alimentaire", "cooperative scolaire",
                                                                 "cyclo club", "handy up"}


REGISTER = """EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU {date}

DELIBERATION N°{number}

{title}

Le Bureau de Val-Morence Métropole, après en avoir délibéré :

{decided}

Ce dossier a été adopté à l'unanimité.
"""


def test_an_amendment_is_shown_with_the_figure_it_replaces(tmp_path):
    path = tmp_path / "treteaux.txt"
    path.write_text("\n".join(REGISTER.format(date=d, number=n, title=t, decided=x) for d, n, t, x in [
        ("10 FEVRIER 2022", "2022.00087", "CULTURE - LES TRETEAUX DU LIGNON - SUBVENTION 2022",
         "- attribue à l'association Les Tréteaux du Lignon une subvention de 8 000 € au titre de l'année 2022 ;"),
        ("23 JUIN 2022", "2022.00298", "CULTURE - LES TRETEAUX DU LIGNON - AVENANT N° 1",
         "- approuve l'avenant n° 1 à la convention 2022, qui porte le montant de la subvention attribuée à"
         " l'association Les Tréteaux du Lignon de 8 000 € à 10 000 € ;"),
    ]), encoding="utf-8")
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    engine.ingest([path])
    assert run("beneficiaries", "--index", str(tmp_path / "index")).splitlines() == [
        "Les Tréteaux du Lignon [treteaux du lignon]",
        "  2022 : 10 000 € net (Val-Morence Métropole)",
        "    2022-02-10  n° 2022.00087  attribution 8 000 €  (total 0 € → 8 000 €)  treteaux.txt, p. 1",
        "    2022-06-23  n° 2022.00298  avenant : 8 000 € → 10 000 €  (total 8 000 € → 10 000 €)  treteaux.txt, p. 1",
    ]


def test_search_filters_on_the_actes_matiere(corpus_engine):
    engine = corpus_engine("fictional")
    found = run("search", "subvention", "--index", str(engine.folder), "--matiere", "7.3", "--json")
    assert '"2022.00124"' in found and '"2022.00121"' not in found  # the garantie d'emprunt, not the grant
    finance = [engine.deliberation(r.deliberation_id) for r in engine.search("subvention", k=50, matiere="7")]
    assert len(finance) > 10 and {d.matiere.split(".")[0] for d in finance} == {"7"}
    guarantees = [engine.deliberation(r.deliberation_id).matiere for r in engine.search("garantie", matiere="7")]
    assert "7.3" in guarantees and set(guarantees) <= {"7.1", "7.3", "7.5", "7.10"}
    done = CliRunner().invoke(cli, ["search", "x", "--index", str(engine.folder), "--matiere", "finances"])
    assert done.exit_code == 2 and "code ACTES attendu" in done.stderr


def test_a_name_spelled_otherwise_still_finds_its_beneficiary(corpus_engine):
    text = run("beneficiaries", "WEEJOB", "--index", str(corpus_engine("samples").folder))
    assert text.splitlines()[:2] == ["Weeejob [weeejob]", "  2022 : 22 000 € net (Saint-Etienne Métropole)"]
