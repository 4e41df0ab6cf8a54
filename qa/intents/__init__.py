"""The question types, one module each, in the order they are asked whether a question is theirs.

In: a read `Question`. Out: `intent_for(question)`, the first type whose `detect` says yes
(`open` says yes to anything), and `get(name)`. Adding a type is adding its module here.
"""
from registre.errors import RegistreError
from registre.qa.intents import amount, boolean, count, date, listing, lookup, office, open_, person
from registre.qa.intents.base import Intent
from registre.qa.question import Question
from registre.records import IntentName

# Lists and yes/no questions first: their words ("qui", "combien") would mislead the others; a
# deliberation asked for by what it decides before the amounts it may name.
REGISTRY: tuple[Intent, ...] = (
    listing.INTENT, boolean.INTENT, office.INTENT, count.INTENT, date.INTENT, lookup.INTENT, amount.INTENT,
    person.INTENT, open_.INTENT,
)


class UnknownIntent(RegistreError):
    def __init__(self, name: str):
        super().__init__(f"Type de question inconnu : « {name} » (types : {', '.join(i.name for i in REGISTRY)})")


def intent_for(question: Question) -> Intent:
    return next(intent for intent in REGISTRY if intent.detect(question))


def get(name: IntentName | str) -> Intent:
    for intent in REGISTRY:
        if intent.name == name:
            return intent
    raise UnknownIntent(name)
