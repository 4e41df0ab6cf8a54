"""Dates: the séance's date or its convocation, cited from ingest's evidence; a date the text
writes, read in the passage that holds the question's words."""
import pytest
from registers import COMMUNE, LIGNON


@pytest.fixture(scope="module")
def registers(register):
    return register({"lignon.txt": LIGNON, "saint-aubin.txt": COMMUNE})


def test_the_seance_date_of_the_deliberation_asked(registers):
    answer = registers.ask("quand a été votée la garantie d'emprunt à Lignon Habitat ?")
    assert answer.answer.startswith("Séance du 9 mars 2023")
    assert answer.citations[0].quote == "SEANCE DU BUREAU METROPOLITAIN DU 9 MARS 2023"


@pytest.mark.parametrize("question", [
    "quand le bureau métropolitain du 9 mars 2023 a-t-il été convoqué ?",
    # words no item holds ("qui s'est tenu en séance ordinaire"): the séance named by its day is enough
    "date de convocation du bureau métropolitain de Lignon qui s'est tenu en séance ordinaire le 9 mars 2023",
])
def test_the_convocation_date(registers, question):
    answer = registers.ask(question)
    assert answer.answer.startswith("Convocation du 3 mars 2023"), answer.answer


def test_a_date_the_text_writes(registers):
    answer = registers.ask("à compter de quelle date est créé le poste d'adjoint technique à Saint-Aubin-les-Prés ?")
    assert answer.answer.startswith("Le 1er septembre 2021")
    assert answer.citations[0].deliberation == "2021-015"


def test_nothing_dated_for_what_is_asked(registers):
    assert registers.ask("quand a été votée la subvention au club de pétanque ?").abstained
