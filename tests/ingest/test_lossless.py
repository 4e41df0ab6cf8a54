"""Nothing is lost or duplicated: sections tile a deliberation, deliberations tile a document."""

import itertools
import re

import pytest

CASES = [(stem, kind) for stem in ("000", "001", "002", "003", "004") for kind in ("txt", "pdf")]
STAMPS = re.compile(r"RE[CÇ]U EN PR[EÉ]FECTURE|VIA DOTELEC|contrôle de légalité|DATE D'AFFICHAGE"
                    r"|^\s*(?:\d{2}_DE-)?\d{3}-\d{9}-\d{8}-", re.IGNORECASE)


@pytest.mark.parametrize("stem, kind", CASES)
def test_sections_tile_each_deliberation(parsed, stem, kind):
    _, delibs = parsed(stem, kind)
    for delib in delibs:
        assert "".join(section.text for section in delib.sections) == delib.text
        assert delib.sections[0].start == 0
        assert delib.sections[-1].end == len(delib.text)
        for before, after in zip(delib.sections, delib.sections[1:]):
            assert before.end == after.start
            assert before.kind != after.kind  # neighbours of one kind are one section
        for section in delib.sections:
            assert delib.text[section.start:section.end] == section.text
            assert section.page == delib.page_at(section.start)


@pytest.mark.parametrize("stem, kind", CASES)
def test_deliberations_tile_the_document(parsed, stem, kind):
    doc, delibs = parsed(stem, kind)
    assert "".join(delib.text for delib in delibs) == doc.text
    assert delibs[0].start == 0
    for before, after in itertools.pairwise(delibs):
        assert before.start + len(before.text) == after.start


@pytest.mark.parametrize("stem, kind", CASES)
def test_amounts_point_into_the_text(parsed, stem, kind):
    _, delibs = parsed(stem, kind)
    for delib in delibs:
        for amount in delib.amounts:
            (section,) = [s for s in delib.sections if s.start <= amount.start < s.end]
            assert section.kind == amount.section
            assert amount.page == delib.page_at(amount.start)
            written = delib.text[amount.start:amount.end]
            assert re.fullmatch(r"[\d .,\n]+(?:\s?(?:€|euros?|EUR))?", written)


@pytest.mark.parametrize("stem, kind", CASES)
def test_stamps_are_furniture(parsed, stem, kind):
    _, delibs = parsed(stem, kind)
    stamped = 0
    for delib in delibs:
        for section in delib.sections:
            for line in section.text.split("\n"):
                if STAMPS.search(line):
                    stamped += 1
                    assert section.kind == "furniture", (section.kind, line)
    assert stamped >= (1 if stem != "003" else 0)


@pytest.mark.parametrize("stem, kind", CASES)
def test_expose_and_dispositif_carry_no_stamp(parsed, stem, kind):
    _, delibs = parsed(stem, kind)
    for delib in delibs:
        body = "".join(s.text for s in delib.sections if s.kind in ("expose", "dispositif"))
        assert body.strip()
        for word in ("RECU EN PREFECTURE", "VIA DOTELEC", "iXBus", "DATE D'AFFICHAGE"):
            assert word not in body


@pytest.mark.parametrize("stem, kind", CASES)
def test_pages_of_sample(parsed, stem, kind):
    doc, (delib,) = parsed(stem, kind)
    assert delib.first_page == 1
    assert delib.last_page == len(doc.pages)
    assert len(doc.pages) == (1 if kind == "txt" else {"000": 4, "001": 2, "002": 3, "003": 4,
                                                       "004": 12}[stem])
