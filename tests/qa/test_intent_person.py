"""Names read in the text: the name in the passage that holds the question's words (one of them
in the name's own line), the one elected with most votes, a proxy's holder; none when the text
names nobody for what is asked."""
import pytest
from registers import COMMUNE

MINUTES = """Conseil municipal du 3 décembre 2021

Présents : Anne DUPRE, Paul MARCHAND, Luc BERNARD, Marie COLIN.
Absent excusé : Yves NOEL (pouvoir donné à Anne Dupre).

1- Election du 2 ème adjoint

- Anne : 9 votes,
- Paul : 2 votes
- Blanc : 1 vote

2- Déneigement

M. Luc BERNARD, intéressé à l'affaire, quitte la salle et ne prend pas part au vote.
La société Blanchard arrête le déneigement. Le prestataire remplaçant est Romain HORY de Chagey.
Vote : 12 pour / 0 contre / 0 abstention
"""


@pytest.fixture(scope="module")
def registers(register):
    return register({"saint-aubin.txt": COMMUNE, "cr-2021-12-03.txt": MINUTES})


def test_the_name_that_the_passage_asked_about_gives(registers):
    answer = registers.ask("qui a été désigné correspondant incendie de la commune de Saint-Aubin-les-Prés ?")
    assert answer.answer.startswith("Luc BERNARD")
    assert answer.citations[0].deliberation == "2021-016"


def test_the_one_elected_has_most_votes(registers):
    answer = registers.ask("qui a été élu 2ème adjoint lors du conseil du 3 décembre 2021 ?")
    assert answer.answer.startswith("Anne, avec 9 voix")


def test_a_provider_named_in_the_text(registers):
    answer = registers.ask("quel prestataire remplace la société Blanchard pour le déneigement ?")
    assert answer.answer.startswith("Romain HORY")
    assert answer.citations[0].source == "cr-2021-12-03.txt"


def test_to_whom_a_member_gave_proxy(registers):
    answer = registers.ask("à qui Yves NOEL a-t-il donné pouvoir le 3 décembre 2021 ?")
    assert "a donné pouvoir à Anne Dupre" in answer.answer


def test_nobody_named_for_what_is_asked(registers):
    assert registers.ask("quel élu a été désigné correspondant défense de Saint-Aubin-les-Prés ?").abstained


@pytest.mark.parametrize("question", [
    "quel conseiller a quitté la salle pendant le point sur le déneigement le 3 décembre 2021 ?",
    "quel membre n'a pas pris part au vote sur le déneigement ?",
])
def test_which_member_a_question_asks_for_is_read_in_the_text(registers, question):
    answer = registers.ask(question)
    assert answer.answer.startswith("Luc BERNARD"), answer.answer
