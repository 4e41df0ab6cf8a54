"""Acts that never print their collectivité's name: the Département's decisions of the
fictional corpus, settled from what the rest of a real index holds (a name printed in another
collectivité's register, the places they name, their ACTES SIREN, their président)."""
import pytest
from locations import CORPUS

from registre.engine import Engine
from registre.index.authors import FLAG
from registre.index.embedder import HashEmbedder

FICTIONAL = CORPUS / "fictional" / "pdf"
# The Département's text files (its scan left out: OCR is not the point here).
DEPARTEMENT = ["DHV_CD-2019-0112.pdf", "DHV_CP-2020-0412.pdf", "DHV_CP-2021-0934.pdf", "DHV_CP_2022-09-12.pdf",
               "DHV_CP-2024-0145.pdf", "DHV_CP-2025-0077.pdf"]
NAMED_ELSEWHERE = "VMM_bureau_2022-03-17.pdf"  # "…, le Département de la Haute-Vallière et des fondations"


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = Engine.open(tmp_path_factory.mktemp("authors"), embedder=HashEmbedder(32))
    engine.ingest([FICTIONAL / name for name in DEPARTEMENT])
    return engine


def _by_number(engine):
    return {d.number: d for d in engine.deliberations()}


def test_nothing_is_deduced_while_no_departement_is_named(engine):
    found = _by_number(engine)
    assert len(found) == 11
    assert all(d.collectivite is None and FLAG not in d.flags for d in found.values())


def test_a_name_printed_elsewhere_settles_every_act_of_that_departement(engine):
    engine.ingest([FICTIONAL / NAMED_ELSEWHERE])
    found = _by_number(engine)
    departement = [d for n, d in found.items() if n.startswith(("CP-", "CD-"))]
    assert {d.collectivite for d in departement} == {"Département de la Haute-Vallière"}
    assert all(FLAG in d.flags for d in departement)
    # each on its own evidence: a place it names, its SIREN, or the président it shares
    quotes = {d.number: d.evidence_for("collectivite").quote for d in departement}
    assert quotes["CP-2022-1185"] == "canton (s) : Vallières-Nord"
    assert quotes["CP-2024-0145"].startswith("099-229900015-")
    assert quotes["CD-2019-0112"] == "Président : Monsieur Laurent Chapuis"
    # the métropole that printed the name keeps its own, not deduced
    assert {(d.collectivite, FLAG in d.flags) for n, d in found.items() if n.startswith("2022.")} == {
        ("Val-Morence Métropole", False)}


def test_communes_are_never_deduced_from_the_places_they_name(tmp_path):
    engine = Engine.open(tmp_path, embedder=HashEmbedder(32))
    engine.ingest([CORPUS / "real" / "docs" / name for name in
                   ("couthenans_2021-11-05.pdf", "couthenans_2022-10-28.pdf", "seloncourt_2026-07-27.txt")])
    unnamed = [d for d in engine.deliberations() if d.source != "couthenans_2021-11-05.pdf"]
    assert unnamed and all(d.collectivite is None for d in unnamed)
