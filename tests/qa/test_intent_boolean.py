"""Yes/no: adoption, unanimity and withdrawal per item from the vote ingest read; the tally of a
minute that holds several votes; presence from the lists; whether a decision grants money."""
import pytest
from registers import LIGNON, TRETEAUX_2024

MINUTES = """Conseil municipal du 4 juin 2021

Présents : Anne DUPRE, Paul MARCHAND, Luc BERNARD, Marie COLIN.
Absent excusé : Yves NOEL (pouvoir donné à Anne Dupre).

1 Tarification cimetière

Vote pour la gratuité du columbarium : Vote : 10 pour / 1 contre / 0 abstention
Vote pour la hausse des concessions : Vote : 3 pour / 8 contre / 0 abstention
"""


@pytest.fixture(scope="module")
def registers(register):
    return register({"lignon.txt": LIGNON, "t2024.txt": TRETEAUX_2024, "cr-2021-06-04.txt": MINUTES})


def test_unanimity_of_an_item(registers):
    assert registers.ask("la subvention 2023 aux Tréteaux du Lignon a-t-elle été votée à l'unanimité ?").answer.startswith("Oui")
    assert registers.ask("la garantie d'emprunt à Lignon Habitat a-t-elle été adoptée à l'unanimité ?").answer.startswith("Non")


def test_a_withdrawn_item_was_not_voted(registers):
    answer = registers.ask("la subvention 2024 au festival des Bruyères a-t-elle été votée ?")
    assert answer.answer.startswith("Non : point retiré de l'ordre du jour")


def test_the_tally_of_the_vote_asked_in_a_minute_of_several(registers):
    assert registers.ask("le conseil municipal a-t-il voté la gratuité du columbarium le 4 juin 2021 ?").answer.startswith("Oui")
    assert registers.ask("le conseil municipal a-t-il voté la hausse des concessions le 4 juin 2021 ?").answer.startswith("Non")


def test_presence_from_the_lists(registers):
    assert registers.ask("Luc BERNARD était-il présent le 4 juin 2021 ?").answer.startswith("Oui")
    answer = registers.ask("Yves NOEL était-il présent le 4 juin 2021 ?")
    assert answer.answer.startswith("Non : Yves NOEL était absent(e)")


def test_a_decision_that_grants_nothing(registers):
    answer = registers.ask("la métropole verse-t-elle une subvention à Net Services dans la délibération 2023.00013 ?")
    assert answer.answer.startswith("Non")


def test_unanimity_and_adoption_asked_without_inversion(registers):
    assert registers.ask("est-ce que tout le bureau a voté pour la garantie d'emprunt à Lignon Habitat ?").answer \
        .startswith("Non")
    assert registers.ask("tous les élus ont-ils voté pour la subvention 2023 aux Tréteaux du Lignon ?").answer \
        .startswith("Oui")
    assert registers.ask("la subvention 2023 aux Tréteaux du Lignon, votée à l'unanimité ou pas ?").answer.startswith("Oui")
    assert registers.ask("le marché de nettoyage des locaux a été approuvé ?").answer.startswith("Oui")


MAINTIEN = """DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 6 juillet 2020

N° CP-2020-0300

objet : Culture - Rencontres musicales de Valbrune - maintien de la subvention 2020

L'édition 2020 des Rencontres musicales de Valbrune a été annulée du fait de la crise sanitaire.

La Commission permanente, après en avoir délibéré :

Maintient la subvention de 15 000 € attribuée à l'association des Rencontres musicales de Valbrune pour 2020.

Adopté à l'unanimité.
"""


def test_a_grant_the_only_beneficiary_keeps_is_a_yes_whatever_verb_asks(register):
    engine = register({"cp-2020-07-06.txt": MAINTIEN, "lignon.txt": LIGNON})
    # Another beneficiary the ledger knows, named in the question: never the sole one's "Oui".
    assert not engine.ask("les Tréteaux du Lignon ont-ils conservé une subvention dans la décision CP-2020-0300 ?") \
        .answer.startswith("Oui")
    for text in ("la subvention 2020 des Rencontres musicales de Valbrune a-t-elle été maintenue malgré l'annulation ?",
                 "les Rencontres musicales de Valbrune ont-elles conservé leur subvention en 2020 ?"):
        answer = engine.ask(text)
        assert answer.answer.startswith("Oui") and "15 000 €" in answer.citations[0].quote, text


def test_the_deliberation_far_ahead_stands_without_one_word_of_a_paraphrase(registers):
    answer = registers.ask("la nouvelle garantie d'emprunt à Lignon Habitat a-t-elle été votée à l'unanimité ?")
    assert answer.answer.startswith("Non") and answer.citations[0].deliberation == "2023.00012"
    # Two words the records never print: no deliberation is taken for the one asked.
    assert registers.ask("la nouvelle garantie d'emprunt de la résidence des Tilleuls a-t-elle été votée à "
                         "l'unanimité ?").abstained


def test_a_beneficiary_named_is_found_among_several_whatever_verb_asks(register):
    from test_intent_amount import CLUB

    engine = register({"montreuil-2021.txt": CLUB, "lignon.txt": LIGNON})
    answer = engine.ask("le Comité des fêtes a-t-il touché une subvention de la commune en 2021 ?")
    assert answer.answer.startswith("Oui") and "300 €" in answer.citations[0].quote
    assert engine.ask("les Tréteaux du Lignon ont-ils perçu une subvention en 2023 ?").answer.startswith("Oui")
    # One of several beneficiaries, none of them the one asked: no "Non" drawn from a label.
    assert not engine.ask("la société de pêche a-t-elle touché une subvention de Montreuil en 2021 ?").answer \
        .startswith("Oui")

