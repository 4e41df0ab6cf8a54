"""Who held an office at a séance, from the words ingest read it in: the document when they are
in a preamble shared by several items; a maire only where the text says so; a collectivité the
index does not know gives an abstention that says so."""
import pytest
from registers import COMMUNE, LIGNON


@pytest.fixture(scope="module")
def registers(register):
    return register({"lignon.txt": LIGNON, "saint-aubin.txt": COMMUNE})


def test_secretaire_of_a_seance_by_its_day(registers):
    answer = registers.ask("qui était secrétaire de séance du bureau métropolitain du 9 mars 2023 ?")
    assert answer.answer.startswith("Anne LEROY")
    (cited,) = answer.citations
    assert (cited.deliberation, cited.source, cited.quote) == (None, "lignon.txt", "Secrétaire de séance : Mme Anne LEROY")


def test_the_maire_of_a_commune_at_a_date(registers):
    answer = registers.ask("qui était le maire de saint-aubin-les-prés en mai 2021 ?")
    assert answer.answer.startswith("Jean MARTIN (maire")
    assert "Maire" in answer.citations[0].quote


def test_a_president_who_is_not_said_to_be_maire_is_not_called_so(registers):
    answer = registers.ask("qui était le maire de Lignon Métropole en mars 2023 ?")
    assert answer.abstained and "n'indiquent pas de maire" in answer.answer


def test_no_seance_of_that_collectivite_in_the_period(registers):
    answer = registers.ask("qui était secrétaire de séance du conseil municipal de Saint-Aubin-les-Prés en 2022 ?")
    assert answer.abstained and answer.citations == ()
    assert answer.answer.startswith("Je n'ai trouvé aucune délibération (Conseil municipal, Commune de Saint-Aubin-les-Prés) en 2022")


def test_a_collectivite_unknown_to_the_index_abstains_and_says_so(registers):
    answer = registers.ask("qui était le maire de Trifouilly-les-Oies en 2021 ?")
    assert answer.abstained
    assert answer.answer.startswith("Je ne connais pas la collectivité « trifouilly-les-oies »")
    assert answer.trace.verdict.startswith("aucune réponse rédigée : la collectivité")


def test_the_secretaire_asked_by_other_words(registers):
    for text in ("qui a tenu le secrétariat de séance du bureau métropolitain du 9 mars 2023 ?",
                 "secrétaire élue du bureau métropolitain le 9 mars 2023 ?"):
        assert registers.ask(text).answer.startswith("Anne LEROY"), text


BUDGET = """COMMUNE DE VALBRUNE
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 14 décembre 2023

Président : M. Louis GARNIER
Secrétaire de séance : Mme Claire BONNET

DELIBERATION N° 2023-088

FINANCES - BUDGET PRIMITIF 2024

Le Conseil municipal, après en avoir délibéré, adopte le budget primitif 2024.

Adopté à l'unanimité.
"""


def test_a_budget_named_by_its_year_is_voted_the_year_before(register):
    engine = register({"valbrune-2023-12-14.txt": BUDGET})
    for text in ("qui était secrétaire de la séance qui a voté le BP 2024 ?",
                 "secrétaire de séance lors du vote du budget primitif 2024 ?"):
        assert engine.ask(text).answer.startswith("Claire BONNET"), text
    # Another year's budget is another document, though "2023" is printed in this one's text.
    for text in ("qui était secrétaire de la séance qui a voté le BP 2023 ?", "le BP 2025 a été adopté quand ?"):
        assert engine.ask(text).abstained, text

