"""What a question's words ask of money: a sum whatever else they count, the kinds of amount
their words call for, and the words an amount's kind answers."""
import pytest

from registre.qa.match import words
from registre.qa.money_asked import asks_sum, cue_words, kinds_asked
from registre.text.fold import fold


@pytest.mark.parametrize("text, asked", [
    ("ils ont touché combien de la métropole", True),
    ("le club a perçu combien en tout ?", True),
    ("quel montant pour la garantie", True),
    ("combien de la région pour le club", True),
    ("combien de conseillers ont voté contre", False),
    ("combien de voix pour le budget", False),
    ("ils ont donné combien de voix au projet ?", False),
])
def test_a_sum_asked_whatever_else_is_counted(text, asked):
    assert asks_sum(fold(text)) is asked


def test_the_kinds_of_amount_the_words_call_for():
    assert kinds_asked(fold("prix de la prestation")) == ({"price", "tariff", "cost"}, {"price", "tariff", "cost"})
    assert kinds_asked(fold("somme due pour la location")) == ({"revenue", "total", "price", "tariff"},
                                                                {"revenue", "total"})
    assert kinds_asked(fold("combien pour le club"))[0] is None  # a grant
    assert kinds_asked(fold("réclamée à l'emprunteur du livre"))[0] == {"revenue", "total"}  # no loan


def test_every_word_that_calls_for_a_kind_is_answered_by_it():
    assert cue_words(fold("le marché de nettoyage, ça coûte combien ?")) == words("marché coûte")
