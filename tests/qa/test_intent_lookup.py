"""The deliberation a question points to: by what it decides, or by its number in any printing."""
import pytest
from registers import LIGNON


@pytest.fixture(scope="module")
def lignon(register):
    return register({"lignon.txt": LIGNON})


def test_the_number_of_the_deliberation_about_a_topic(lignon):
    answer = lignon.ask("numéro de la délibération sur le marché de nettoyage des locaux")
    assert answer.answer.startswith("délibération n° 2023.00013 du 9 mars 2023")
    assert [c.deliberation for c in answer.citations] == ["2023.00013"]


def test_what_a_deliberation_given_by_its_number_decides(lignon):
    for typed in ("2023.00012", "2023-12", "n° 2023.00012"):
        answer = lignon.ask(f"de quoi parle la délibération {typed} ?")
        assert answer.citations[0].deliberation == "2023.00012", typed
        assert "GARANTIE D'EMPRUNT A LIGNON HABITAT" in answer.answer


def test_a_number_no_deliberation_carries(lignon):
    answer = lignon.ask("de quoi parle la délibération n° 2023.00099 ?")
    assert answer.abstained and answer.answer.startswith("Je n'ai trouvé aucune délibération n° 2023.00099 dans ces registres.")
