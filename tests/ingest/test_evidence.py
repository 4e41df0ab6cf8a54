"""Every fact carries where it was read: page, span in the deliberation's text and the words
that state it; the index keeps it and the JSON Lines export gives it."""
import json
import re
from pathlib import Path

import pytest

from registre.index.codec import AMOUNT_COLUMNS, amount_rows, load_deliberation, record_json, section_rows
from registre.index.export import to_json

CORPUS = Path(__file__).resolve().parents[2] / "eval" / "corpus"
FILES = sorted(p.name for p in (CORPUS / "fictional" / "pdf").iterdir()) + \
    sorted(p.name for p in (CORPUS / "real" / "docs").iterdir())
FIELDS = ("number", "date", "instance", "collectivite", "title", "president", "secretaire", "rapporteur",
          "membres_en_exercice", "presents", "pouvoirs", "votants", "absents", "convocation_date",
          "affichage_date", "prefecture_date", "actes_id", "siren", "present_members", "absent_members", "proxies")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", FILES)
def test_every_value_has_the_words_that_state_it(corpus, name):
    delibs = corpus(name)
    document = "".join(d.text for d in delibs)
    for delib in delibs:
        filled = {f for f in FIELDS if getattr(delib, f) not in (None, ())}
        if delib.vote.result:
            filled.add("vote")
        assert filled <= {f for f, _ in delib.evidence}, delib.number
        for field, found in delib.evidence:
            # Offsets are in the item's text; a séance fact read in an earlier item's preamble
            # has offsets below 0: the document's text holds it all the same.
            at = delib.start + found.start
            assert squash(document[at:delib.start + found.end]) == found.quote, (delib.number, field)
            # A list (and a count counted in it) is quoted whole, a title as printed.
            lists = {delib.evidence_for(f) for f in ("present_members", "absent_members", "proxies")}
            assert found.quote and (field == "title" or found in lists or len(found.quote) <= 320)
            first = next(d for d in delibs if d.start <= at < d.start + len(d.text))
            assert found.page == first.page_at(at - first.start)


def test_a_seance_fact_inherited_keeps_its_evidence(corpus):
    first, *rest = corpus("preuilly-sur-claise_2020-07-23.pdf")
    item = next(d for d in rest if d.number == "2020-045")
    secretaire = item.evidence_for("secretaire")
    assert secretaire.quote == "Secrétaire de séance : Mme BOTTEMINE Charlotte."
    assert secretaire.start < 0 and secretaire.page == 1
    assert first.evidence_for("secretaire").start == secretaire.start + item.start - first.start
    assert item.evidence_for("vote").quote == "Par 13 voix POUR – 1 voix CONTRE"  # its own, on page 4
    assert item.evidence_for("vote").page == 4 and item.evidence_for("vote").start > 0


def test_quotes_of_one_line_pages_stop_at_their_sentence(corpus):
    (delib,) = corpus("longuyon_2020-07-01_20-06-15.txt")
    assert delib.evidence_for("secretaire").quote == (
        "Mme KOSOWSKI Dominique ayant obtenu la majorité des suffrages, a été désignée pour remplir ces "
        "fonctions qu'elle a acceptées.")
    assert delib.evidence_for("president").quote.endswith("sous la présidence de M. Jean Pierre JACQUE - Maire ;")


def test_evidence_survives_the_index_and_the_export(corpus):
    delib = corpus("RSD_CM_2019-06-27.pdf")[1]
    row = {"source": delib.source, "first_page": delib.first_page, "number": delib.number,
           "date": delib.date.isoformat(), "instance": delib.instance, "collectivite": delib.collectivite,
           "title": delib.title, "record": record_json(delib), "matiere": delib.matiere}
    sections = [dict(zip(("kind", "start", "end", "page", "text"), r)) for r in section_rows(delib)]
    amounts = [dict(zip(AMOUNT_COLUMNS, r)) for r in amount_rows(delib)]
    loaded = load_deliberation(row, sections, amounts)
    assert loaded.evidence == delib.evidence
    assert loaded.absents == delib.absents
    exported = json.loads(json.dumps(to_json(loaded), ensure_ascii=False))
    assert exported["presents"] == 11
    assert exported["evidence"]["presents"] == {
        "page": 3, "start": 232, "end": 299,
        "quote": "présents : 11 pouvoirs : 2 votants : 13 Date d'affichage 20/06/2019"}
    assert exported["evidence"]["vote"]["quote"] == (
        "Le Conseil municipal, après en avoir délibéré, par 11 voix pORE 1 voix contre et 1 abstention,")


def test_records_written_before_evidence_still_load(corpus):
    delib = corpus("VMM_2019.00207.pdf")[0]
    data = json.loads(record_json(delib))
    del data["evidence"], data["absents"]
    row = {"source": delib.source, "first_page": delib.first_page, "number": delib.number, "date": None,
           "instance": None, "collectivite": None, "title": None, "record": json.dumps(data),
           "matiere": None}
    loaded = load_deliberation(row, [], [])
    assert (loaded.evidence, loaded.absents, loaded.president) == ((), None, "Michel TEYSSIER")
