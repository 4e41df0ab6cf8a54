"""Records scored against a hand-made manifest: field rules, grants, per collectivité, misses."""
import copy
import json

import pytest

from registre.eval.manifest import ManifestError, load_manifest
from registre.eval.metadata import score_records, vote_result

DELIB = {
    "file": "VMM_bureau_2022-03-17.pdf", "number": "2022.00121", "date": "2022-03-17",
    "instance": "Bureau métropolitain", "collectivite": "Val-Morence Métropole",
    "title": "INCLUSION NUMERIQUE - SOUTIEN A L'ASSOCIATION NUMERIKEO - SUBVENTION 2022",
    "president": "Jean-Marc VERNAY", "secretaire": "Monique ESCOFFIER", "membres_en_exercice": 66,
    "presents": 57, "pouvoirs": 4, "votants": 61, "pages": [1, 2],
    "vote": {"result": "adopted", "unanimous": False, "pour": 58, "contre": 2, "abstention": 1, "counts_printed": True},
    "amounts": [{"beneficiary": "Numérikéo", "amount": 48600.0, "role": "cost", "page": 2},
                {"beneficiary": "Numérikéo", "amount": 15000.0, "role": "grant", "page": 2},
                {"beneficiary": "Centre social des Trois Ponts", "amount": 2500.0, "role": "grant", "page": 2}],
}
OTHER = {**copy.deepcopy(DELIB), "file": "RSD_CM_2019-06-27.pdf", "number": "2019-031", "date": "2019-06-27",
         "instance": "Conseil municipal", "collectivite": "Commune de Rivière-sur-Dore", "title": "Subventions 2019",
         "president": "Gérard COSTE", "secretaire": "Romain SERRE", "pages": [1, 2], "amounts": []}


def manifest(tmp_path, *delibs):
    path = tmp_path / "manifest.json"
    files = {}
    for d in delibs:
        files.setdefault(d["file"], []).append(d)
    path.write_text(json.dumps({"files": [{"file": f, "deliberations": ds} for f, ds in files.items()]}),
                    encoding="utf-8")
    return load_manifest(path)


def record(delib, **changes):
    """A record as `registre export --format jsonl` prints it, read right unless changed."""
    vote = delib["vote"]
    out = {key: delib[key] for key in ("number", "date", "instance", "collectivite", "title", "president",
                                        "secretaire", "membres_en_exercice", "presents", "pouvoirs", "votants")}
    out.update(source=delib["file"], pages=delib["pages"],
               vote={"result": vote["result"], "unanimous": vote["unanimous"], "pour": vote["pour"],
                     "contre": vote["contre"], "abstention": vote["abstention"]},
               amounts=[{"beneficiary": a["beneficiary"], "amount": a["amount"], "role": a["role"], "page": a["page"]}
                        for a in delib["amounts"]])
    out.update(changes)
    return out


def test_records_read_right_score_one_everywhere(tmp_path):
    scores = score_records(manifest(tmp_path, DELIB, OTHER), [record(DELIB), record(OTHER)])
    assert set(scores["fields"].values()) == {1.0} and scores["mean_field_accuracy"] == 1.0
    assert scores["vote_counts_accuracy"] == 1.0
    assert scores["grants"] == {"precision": 1.0, "recall": 1.0, "precision_with_beneficiary": 1.0,
                                "recall_with_beneficiary": 1.0, "tp": 2, "fp": 0, "fn": 0}
    assert scores["misses"] == [] and (scores["deliberations"], scores["records"], scores["matched"]) == (2, 2, 2)


def test_lenient_text_rules(tmp_path):
    read = record(DELIB, number="N° 2022.00121", instance="BUREAU METROPOLITAIN", president="M. VERNAY Jean-Marc",
                  title="Inclusion numérique - soutien à l'association Numérikéo - subvention 2022 (annexe)",
                  collectivite="Métropole de Val-Morence", date="2022-03-17T00:00:00")
    scores = score_records(manifest(tmp_path, DELIB), [read])
    assert scores["misses"] == []


def test_a_paragraph_is_not_a_name_and_an_address_not_the_collectivite(tmp_path):
    read = record(OTHER, president=None, secretaire="PAPAYA Sidoleine. Etaient présents : COSTE",
                  collectivite="Département du Puy-de-Dôme", presents="57", pouvoirs=None)
    scores = score_records(manifest(tmp_path, OTHER), [read])
    assert [(m["field"], m["expected"], m["read"]) for m in scores["misses"]] == [
        ("collectivite", "Commune de Rivière-sur-Dore", "Département du Puy-de-Dôme"),
        ("president", "Gérard COSTE", None),
        ("secretaire", "Romain SERRE", "PAPAYA Sidoleine. Etaient présents : COSTE"),
        ("pouvoirs", 4, None),
    ]
    assert scores["fields"]["presents"] == 1.0  # "57" is read as the number 57


def test_a_missing_record_misses_every_field_with_file_and_page(tmp_path):
    scores = score_records(manifest(tmp_path, DELIB, OTHER), [record(DELIB), record(OTHER, number="2019-31")])
    missed = [m for m in scores["misses"] if m["number"] == "2019-031"]
    assert [m["field"] for m in missed] == ["number", "date", "instance", "collectivite", "title", "president",
                                           "secretaire", "membres_en_exercice", "presents", "pouvoirs", "votants",
                                           "vote", "vote_counts"]
    assert {(m["file"], m["page"], m["read"]) for m in missed} == {("RSD_CM_2019-06-27.pdf", 1, None)}
    assert scores["fields"]["number"] == 0.5 and scores["matched"] == 1
    assert scores["mean_field_accuracy"] == 0.5  # over the 11 fields of the reference, votants left out


def test_same_number_in_two_files_takes_the_record_of_the_manifest_file(tmp_path):
    wrong_file = record(DELIB, source="VMM_2021.00388.pdf", title="Autre chose")
    scores = score_records(manifest(tmp_path, DELIB), [wrong_file, record(DELIB)])
    assert scores["fields"]["title"] == 1.0


def test_vote_counts_only_where_printed_and_vote_results():
    assert vote_result({"result": "adopted"}) == "adopted"
    assert vote_result("adopté à l'unanimité") == "adopted"
    assert vote_result("Retiré de l'ordre du jour") == "withdrawn"
    assert vote_result({"result": None}) is None


def test_vote_counts_miss(tmp_path):
    read = record(DELIB, vote={"result": "adopted", "unanimous": False, "pour": 58, "contre": None, "abstention": 1})
    scores = score_records(manifest(tmp_path, DELIB, OTHER), [read, record(OTHER)])
    assert scores["vote_counts_accuracy"] == 0.5
    assert [m for m in scores["misses"] if m["field"] == "vote_counts"] == [
        {"file": DELIB["file"], "page": 1, "number": "2022.00121", "field": "vote_counts",
         "expected": [58, 2, 1], "read": None}]


def test_grants_with_and_without_the_beneficiary(tmp_path):
    amounts = [{"beneficiary": "NUMERIKEO", "amount": 15000.0, "role": "grant", "page": 2},
               {"beneficiary": "Pilier 1", "amount": 2500.0, "role": "grant", "page": 2},
               {"beneficiary": "Numérikéo", "amount": 48600.0, "role": "grant", "page": 2},
               {"beneficiary": "Numérikéo", "amount": 212000.0, "role": "cost", "page": 2}]
    scores = score_records(manifest(tmp_path, DELIB), [record(DELIB, amounts=amounts)])
    assert scores["grants"] == {"precision": round(2 / 3, 4), "recall": 1.0, "precision_with_beneficiary": round(1 / 3, 4),
                                "recall_with_beneficiary": 0.5, "tp": 2, "fp": 1, "fn": 0}
    grants = [m for m in scores["misses"] if m["field"].startswith("grant")]
    assert grants == [
        {"file": DELIB["file"], "page": 2, "number": "2022.00121", "field": "grant", "expected": None,
         "read": {"amount": 48600.0, "beneficiary": "Numérikéo"}},
        {"file": DELIB["file"], "page": 2, "number": "2022.00121", "field": "grant_beneficiary",
         "expected": "Centre social des Trois Ponts", "read": ["Pilier 1"]},
    ]


def test_breakdown_per_collectivite_with_its_file_prefix(tmp_path):
    scores = score_records(manifest(tmp_path, DELIB, OTHER), [record(DELIB), record(OTHER, president="Jean DUPONT")])
    groups = scores["by_collectivite"]
    assert list(groups) == ["Val-Morence Métropole", "Commune de Rivière-sur-Dore"]
    assert (groups["Commune de Rivière-sur-Dore"]["prefix"], groups["Commune de Rivière-sur-Dore"]["deliberations"]) == (
        "RSD", 1)
    assert groups["Commune de Rivière-sur-Dore"]["fields"]["president"] == 0.0
    assert groups["Val-Morence Métropole"]["fields"]["president"] == 1.0
    assert scores["fields"]["president"] == 0.5


@pytest.mark.parametrize("text, message", [
    ("{", "Manifeste inutilisable : manifest.json (JSON invalide, ligne 1)"),
    ('{"files": [{"deliberations": [{"file": "a.pdf"}]}]}', "Manifeste inutilisable : manifest.json (champ manquant"),
    ('{"files": []}', "Manifeste inutilisable : manifest.json (aucune délibération)"),
])
def test_unusable_manifest_is_named(tmp_path, text, message):
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError) as error:
        load_manifest(tmp_path / "manifest.json")
    assert str(error.value).startswith(message)
