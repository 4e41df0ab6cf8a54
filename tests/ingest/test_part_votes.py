"""Items that hold several votes, one per part: each vote with the line its part opens with,
kept in the index and the export; an item voted once (a result and its tally, an earlier
deliberation recalled in the exposé) has none."""
import json

import pytest
from dev_corpus import deliberations, item

from registre.index.codec import AMOUNT_COLUMNS, amount_rows, load_deliberation, record_json, section_rows
from registre.index.export import to_json

FOLDER = "samples"


def parts(delib):
    return [(part.subject[:40], part.vote.result, part.vote.unanimous, part.vote.pour, part.vote.abstention)
            for part in delib.part_votes]


def test_an_agenda_point_voting_each_association_in_turn():
    adhesions = item("couthenans_2021-01-29.pdf", "Adhésion aux associations")
    assert parts(adhesions) == [("SHAARL (Société d'Histoire et d'Archéolo", "adopted", True, None, None),
                                ("ACCDM (Association de Citoyens Contre le", "adopted", False, 9, 5)]
    assert adhesions.part_votes[1].evidence.quote.startswith("ADOPTÉ 9 voix pour, 5 abstentions.")
    assert adhesions.vote == adhesions.part_votes[0].vote  # the item's vote stays its first


def test_enumerated_proposals_of_a_numbered_deliberation():
    cantine = item("preuilly-sur-claise_2020-07-23.pdf", "2020-045")
    assert [(p.subject, p.vote.pour, p.vote.contre) for p in cantine.part_votes] == [
        ("1) Il propose d'appliquer les tarifs suivants pour les enfants :", 13, 1),
        ("2) Il propose d'appliquer le tarif suivant pour les adultes :", None, None)]
    assert cantine.part_votes[1].vote.result == "adopted"


@pytest.mark.parametrize("name", ["VMM_2019.00207.pdf", "DHV_CP_2022-09-12.pdf", "RSD_CM_2018-10-11.pdf",
                                  "egletons-ccas_2026-07-01.txt", "seloncourt_2026-07-27.txt"])
def test_items_voted_once_have_no_parts(name):
    assert all(d.part_votes == () for d in deliberations(name))


def test_an_earlier_deliberation_recalled_is_no_vote_of_this_one(tmp_path):
    from pathlib import Path

    from registre.ingest import parse_document, read_file

    (contrat,) = parse_document(read_file(Path(FOLDER) / "004_1765d63fdda7c274.txt"))
    assert "Par délibération du Conseil Communautaire en date du" in contrat.text
    assert contrat.part_votes == () and contrat.vote.unanimous


def test_part_votes_survive_the_index_codec_and_the_export():
    adhesions = item("couthenans_2021-01-29.pdf", "Adhésion aux associations")
    row = {"source": adhesions.source, "first_page": adhesions.first_page, "number": None, "date": None,
           "instance": None, "collectivite": None, "title": adhesions.title, "record": record_json(adhesions),
           "matiere": None}
    sections = [dict(zip(("kind", "start", "end", "page", "text"), r)) for r in section_rows(adhesions)]
    amounts = [dict(zip(AMOUNT_COLUMNS, r)) for r in amount_rows(adhesions)]
    loaded = load_deliberation(row, sections, amounts)
    assert loaded.part_votes == adhesions.part_votes
    exported = json.loads(json.dumps(to_json(loaded), ensure_ascii=False))["part_votes"]
    assert exported[1]["vote"] == {"result": "adopted", "unanimous": False, "pour": 9, "contre": 0, "abstention": 5}
    assert exported[1]["subject"].startswith("ACCDM") and exported[1]["evidence"]["page"] == 1
