"""An item that holds several votes: a question on one part is answered from that part's vote,
cited where it is printed; a question that names no part gets the item's own vote."""
import pytest

MINUTES = """Compte rendu du conseil municipal du 12 mars 2021

Présents : Anne DUPRE, Paul MARCHAND, Louis BERTIN, Claire MOREAU.

1/ Voirie communale

Le maire présente le programme de réfection des chemins ruraux.
Vote : 14 pour.

2/ Adhésions aux associations

Les Amis du Patrimoine Lurien sollicitent une cotisation de 20 € par an.
ADOPTÉ à l'unanimité.

Collectif des Usagers du Rail Comtois
Le collectif demande une adhésion annuelle ; le dossier est examiné.
ADOPTÉ 9 voix pour, 5 abstentions.
"""

PROPOSALS = """EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL DE SAINT-ROMAIN-SUR-VEZE

Séance du 2 juillet 2021

Délibération n° 2021-031 : Tarifs de la garderie

1) Le maire propose un tarif de 1,50 € par heure pour les familles résidentes.
Le conseil municipal, après en avoir délibéré,
Par 12 voix POUR – 3 voix CONTRE
ACCEPTE ce tarif.

2) Le maire propose un tarif de 2 € par heure pour les familles extérieures.
Le conseil municipal, après en avoir délibéré à l'unanimité,
ACCEPTE ce tarif.

Délibération n° 2021-032 : Cimetière

Le conseil municipal, après en avoir délibéré à l'unanimité, fixe le prix des concessions.
"""


@pytest.fixture(scope="module")
def registers(register):
    return register({"valbrune_2021-03-12.txt": MINUTES, "saint-romain_2021-07-02.txt": PROPOSALS})


@pytest.mark.parametrize("question, expected", [
    ("combien d'abstentions sur l'adhésion au Collectif des Usagers du Rail à Valbrune le 12 mars 2021 ?", "5 "),
    ("combien de voix contre pour le tarif de garderie des familles résidentes à Saint-Romain-sur-Vèze ?", "3 "),
])
def test_a_count_on_one_part_reads_that_parts_vote(registers, question, expected):
    answer = registers.ask(question)
    assert not answer.abstained and answer.answer.startswith(expected), answer.answer


def test_a_part_named_by_the_most_words_wins_and_none_named_is_no_guess(registers):
    outside = registers.ask("le tarif de garderie des familles extérieures a-t-il été adopté à l'unanimité à "
                            "Saint-Romain-sur-Vèze ?")
    assert outside.answer.startswith("Oui") and "unanimité" in outside.citations[0].quote
    whole = registers.ask("combien de voix contre sur les tarifs de la garderie à Saint-Romain-sur-Vèze ?")
    assert whole.abstained or "3" not in whole.answer.split("(")[0]  # the first part's 3 is not the item's


def test_a_yes_no_on_one_part_reads_that_parts_vote(registers):
    rail = registers.ask("l'adhésion au Collectif des Usagers du Rail a-t-elle été adoptée à l'unanimité à Valbrune ?")
    assert rail.answer.startswith("Non") and "9 voix pour, 5 abstentions" in rail.citations[0].quote
    patrimoine = registers.ask("l'adhésion aux Amis du Patrimoine Lurien a-t-elle été adoptée à l'unanimité à Valbrune ?")
    assert patrimoine.answer.startswith("Oui") and "unanimité" in patrimoine.citations[0].quote
