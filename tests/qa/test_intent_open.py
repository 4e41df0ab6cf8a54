"""Any other question: the deliberation its words fit, by its title and what it decides."""
import pytest
from registers import LIGNON


@pytest.fixture(scope="module")
def lignon(register):
    return register({"lignon.txt": LIGNON})


def test_the_deliberation_the_words_fit(lignon):
    answer = lignon.ask("le nettoyage des locaux de la métropole")
    assert answer.intent == "open"
    assert answer.citations[0].deliberation == "2023.00013"
    assert "Décision : « approuve l'attribution du marché de nettoyage" in answer.answer


def test_words_that_fit_nothing(lignon):
    answer = lignon.ask("la recette de la tarte tatin")
    assert answer.abstained and answer.intent == "open"
