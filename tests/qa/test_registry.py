"""The question types are a registry: one module each, named by records.IntentName, asked in
order; the evaluation's question types derive from the same names."""
from typing import get_args

import pytest

from registre.eval.questions import TYPES
from registre.qa.intents import REGISTRY, UnknownIntent, get, intent_for
from registre.qa.period import Period
from registre.qa.question import Question, normalise
from registre.records import IntentName
from registre.text.fold import fold


def question(text: str) -> Question:
    text = normalise(text)
    return Question(text, fold(text), Period(), topic=text)


def test_every_intent_name_has_its_module():
    assert [intent.name for intent in REGISTRY][-1] == "open"  # says yes to anything, asked last
    assert sorted(intent.name for intent in REGISTRY) == sorted(get_args(IntentName))
    assert all(callable(i.detect) and callable(i.answer) and callable(i.abstention) for i in REGISTRY)


def test_eval_types_are_the_intents_and_abstain():
    assert set(TYPES) == set(get_args(IntentName)) | {"abstain"}


@pytest.mark.parametrize("text, name", [
    ("combien pour Weeejob en 2022", "amount"),
    ("combien de présents à la séance du 6 octobre 2022 ?", "count"),
    ("combien de voix pour le budget primitif ?", "count"),
    ("qui était le maire de Rivière-sur-Dore en juin 2019 ?", "office"),
    ("qui présidait la commission permanente du 12 septembre 2022 ?", "office"),
    ("qui a été élu 3ème adjoint au maire ?", "person"),
    ("quelle association met en oeuvre l'action Weeejob ?", "person"),
    ("quand a été votée la subvention complémentaire ?", "date"),
    ("la subvention a-t-elle été votée à l'unanimité ?", "boolean"),
    ("numéro de la décision sur la garantie d'emprunt", "lookup"),
    ("liste des délibérations du bureau du 17 mars 2022", "list"),
    ("le nettoyage des locaux", "open"),
])
def test_dispatch(text, name):
    assert intent_for(question(text)).name == name


@pytest.mark.parametrize("text, name", [
    # Money asked by a verb of receiving before "combien", by "quelle somme", "quel montant", an
    # article after "combien de" (where it comes from), or "part de": an amount, not a count.
    ("le club, ils ont perçu combien du département ?", "amount"),
    ("l'association a reçu combien en 2021", "amount"),
    ("combien de la commune pour le comité des fêtes ?", "amount"),
    ("quelle somme pour le comité des fêtes ?", "amount"),
    ("la part de la région pour la rénovation de l'école", "amount"),
    ("devis retenu pour la toiture de l'église", "amount"),
    ("quelle part la région finance pour la rénovation de l'école ?", "amount"),
    # Still counts: a noun after "combien de", or who abstained.
    ("combien de conseillers ont voté contre le budget ?", "count"),
    ("pour la vente du terrain, combien se sont abstenus ?", "count"),
    ("vente du terrain : combien ont voté contre ?", "count"),
    ("combien d'élus ont voté pour la motion ?", "count"),
    # A past participle of a decision after its auxiliary, or "ou pas", with no interrogative.
    ("la décision modificative n°2 a été adoptée ?", "boolean"),
    ("le rapport d'activité a été approuvé ?", "boolean"),
    ("le tarif de la cantine, voté à l'unanimité ou pas ?", "boolean"),
    ("la vente du terrain adoptée ou non ?", "boolean"),
    ("quel montant a été voté ?", "amount"),
    # Deliberations named and nothing asked of them: a list; a verb makes it something else.
    ("les délibs du bureau du 9 mars 2023", "list"),
    ("les délibérations du conseil municipal du 4 juin 2021 ?", "list"),
    ("les délibérations du 4 juin 2021 ont-elles été adoptées ?", "boolean"),
    # The secrétaire asked by "secrétariat de séance" or "secrétaire élu(e)".
    ("qui a assuré le secrétariat de séance du conseil du 4 juin 2021 ?", "office"),
    ("secrétaire élue du bureau du 9 mars 2023 ?", "office"),
    ("qui a été élu secrétaire de séance ?", "office"),
    ("le secrétaire de séance du conseil du 4 juin 2021, c'était qui ?", "office"),
    ("président de la séance du 9 mars 2023 : qui ?", "office"),
    # A question that ends on "qui" asks who.
    ("le correspondant défense désigné en juin, c'est qui ?", "person"),
    ("référent incendie de la commune : qui ?", "person"),
])
def test_informal_wordings_dispatch_by_their_form(text, name):
    assert intent_for(question(text)).name == name


def test_an_unknown_name_is_an_error_that_says_the_names():
    with pytest.raises(UnknownIntent, match="Type de question inconnu : « devinette »"):
        get("devinette")
