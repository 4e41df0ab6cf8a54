"""Counts per item, cited from ingest's evidence: a member who leaves before a vote changes that
item's présents; votes per item; the number of deliberations of a séance, counted."""
import pytest
from registers import LIGNON


@pytest.fixture(scope="module")
def lignon(register):
    return register({"lignon.txt": LIGNON})


def test_presents_of_the_item_asked(lignon):
    answer = lignon.ask("combien de présents lors du vote du marché de nettoyage au bureau du 9 mars 2023 ?")
    assert answer.answer.startswith("44 présents")
    séance, departure = answer.citations  # 45 at the séance (its preamble: the document), less one
    assert (séance.deliberation, séance.source, séance.quote) == (None, "lignon.txt", "Présents : 45")
    assert departure.deliberation == "2023.00013" and "quitte la salle" in departure.quote
    assert answer.trace.verdict == "vérifiée"


def test_presents_of_the_seance_with_the_item_that_differs(lignon):
    answer = lignon.ask("combien de présents au bureau métropolitain du 9 mars 2023 ?")
    assert answer.answer.startswith("45 présents")
    assert "; 44 (pour la délibération n° 2023.00013 du 9 mars 2023 : 45 à la séance" in answer.answer


def test_votes_for_and_against_per_item(lignon):
    assert lignon.ask("combien de voix contre la garantie d'emprunt à Lignon Habitat ?").answer.startswith("2 voix contre")
    assert lignon.ask("combien d'abstentions sur la garantie d'emprunt ?").answer.startswith("5 abstentions")


def test_unanimous_votes_for_are_the_votants(lignon):
    answer = lignon.ask("combien de voix pour la délibération 2023.00011 ?")
    assert answer.answer.startswith("47 voix pour")


def test_deliberations_of_a_seance_are_counted(lignon):
    answer = lignon.ask("combien de délibérations le bureau métropolitain a-t-il prises le 9 mars 2023 ?")
    assert answer.answer.startswith("3 délibérations")
    assert [c.deliberation for c in answer.citations] == [None]  # the séance's preamble: the document
    assert answer.citations[0].source == "lignon.txt"


def test_deliberations_counted_when_abbreviated(lignon):
    for text in ("combien de délibs au bureau du 9 mars 2023 ?", "nombre de délibérations du bureau du 9 mars 2023"):
        assert lignon.ask(text).answer.startswith("3 délibérations"), text

