"""What a question type is: a name, how to recognise it, how to answer it, how to say it
cannot be answered.

In: nothing. Out: `Intent`, and `answer_of`, the `Answer` record a question type fills in.
"""
from collections.abc import Callable
from dataclasses import dataclass

from registre.qa.context import Context
from registre.qa.draft import Draft
from registre.qa.question import Question
from registre.records import Answer, Citation, IntentName


@dataclass(frozen=True, slots=True)
class Intent:
    """A question type: `detect` says whether a question is of it (the registry asks the
    types in order, the first that says yes answers), `answer` drafts an answer from the
    records (None when they do not hold one) and `abstention` says why none is given."""

    name: IntentName
    detect: Callable[[Question], bool]
    answer: Callable[[Context], Draft | None]
    abstention: Callable[[Context], str]


def answer_of(ctx: Context, intent: IntentName, text: str, citations: list[Citation], total=None) -> Answer:
    return Answer(ctx.question.text, text, False, tuple(citations), total, intent)


def nothing_for(ctx: Context, what: str) -> str:
    """"Je n'ai trouvé aucune délibération (collectivité, instance) qui …" with the period asked;
    when nothing at all matches the filters, that is what is said."""
    q = ctx.question
    period = q.period.words()
    named = [m.names[0] for m in q.filters] + ([q.place.text] if q.place else [])
    where = f" ({', '.join(dict.fromkeys(named))})" if named else ""
    scoped = ctx.scope.ids()
    if scoped is not None and not scoped:
        return f"Je n'ai trouvé aucune délibération{where}{period} dans ces registres."
    return f"Je n'ai trouvé aucune délibération{where} qui {what}{period}."
