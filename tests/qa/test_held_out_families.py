"""Families of forms found wrong on questions written apart from registre: years listed after
"les années", a year typed in a grant question that still bounds the sum, a yes/no on what a
decision contains (not whether it passed), an office held in another body, an acronym naming
the amount asked. Each is tested on two wordings."""
from decimal import Decimal

import pytest
from registers import AVENANT, CCAS, LIGNON, TRETEAUX_2024

from registre.qa.intents.amount import acronyms
from registre.qa.period import read_period

WORKS = """DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 18 mars 2024

N° CP-2024-0200

objet : Aide aux communes - Saint-Fiacre - construction d'une salle des fêtes

Le coût prévisionnel de l'opération est de 1,2 M€ HT. Le plan de financement prévoit une
participation de la Région à hauteur de 200 000 € et une dotation de l'État au titre de la DETR.
Le coût des travaux est de 1 440 000 € TTC.

La Commission permanente attribue à la commune de Saint-Fiacre une subvention de 240 000 €.

Adopté à l'unanimité.

DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 18 mars 2024

N° CP-2024-0201

objet : Économie - convention de partenariat avec la Chambre de métiers

La Commission permanente approuve la convention de partenariat avec la Chambre de métiers et de
l'artisanat. La convention n'emporte aucune incidence financière pour le Département.

Adopté à l'unanimité.
"""


@pytest.fixture(scope="module")
def registers(register):
    return register({"lignon.txt": LIGNON, "avenant.txt": AVENANT, "treteaux-2024.txt": TRETEAUX_2024,
                     "valbrune-cp.txt": WORKS, "ccas.txt": CCAS})


@pytest.mark.parametrize("text, first, last", [
    ("quel montant cumulé pour les années 2022 et 2023 ?", 2022, 2023),
    ("combien sur les exercices 2023 et 2024 ?", 2023, 2024),
    ("combien pour les années 2022 à 2024 ?", 2022, 2024),
])
def test_years_listed_after_les_annees_are_the_period(text, first, last):
    period = read_period(text)
    assert period.given and (period.bounds()[0].year, period.bounds()[1].year) == (first, last)


def test_a_grant_total_over_the_years_listed(registers):
    answer = registers.ask("quel montant cumulé les Tréteaux du Lignon ont-ils obtenu pour les années 2023 et 2024 ?")
    assert answer.total == Decimal("16000")  # 7 500 € (2023, amended) + 8 500 € (2024)
    only = registers.ask("combien les Tréteaux du Lignon ont-ils obtenu pour les années 2024 et 2025 ?")
    assert only.total == Decimal("8500")


@pytest.mark.parametrize("question", [
    "la convention de partenariat avec la Chambre de métiers a-t-elle un coût pour le Département ?",
    "la convention avec la Chambre de métiers prévoit-elle une contrepartie financière ?",
])
def test_a_yes_no_on_what_a_decision_holds_is_not_answered_by_its_vote(registers, question):
    answer = registers.ask(question)
    assert answer.abstained, answer.answer
    assert not answer.answer.startswith(("Oui", "Non"))


@pytest.mark.parametrize("question", [
    "qui est le président de l'association Les Tréteaux du Lignon ?",
    "qui est la présidente des Tréteaux du Lignon ?",
])
def test_an_office_in_another_body_is_not_the_seances(registers, question):
    answer = registers.ask(question)
    assert answer.abstained, answer.answer


def test_an_acronym_names_the_amount_asked(registers):
    detr = registers.ask("quel est le montant de la DETR pour la salle des fêtes de Saint-Fiacre ?")
    assert detr.abstained and detr.total is None, detr.answer
    ttc = registers.ask("quel est le coût TTC de la salle des fêtes de Saint-Fiacre ?")
    assert not ttc.abstained and ttc.total == Decimal("1440000"), ttc.answer


def test_an_acronym_the_index_knows_as_a_name_names_a_body_not_the_amount(registers):
    assert acronyms("le déficit du CCAS repris au budget, avec la DETR ?", registers.gazetteer()) == {"detr"}
