"""Any other question: the deliberation it fits best, said by its title and its decision.

In: a `Context`. Out: a `Draft` citing the best deliberation's title and the first words of its
decision, when the question's words fit it well enough; None otherwise.
"""
from registre.qa.cite import citation, cite_field, describe
from registre.qa.context import Context
from registre.qa.draft import Draft
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.intents.lookup import decision_sentence
from registre.qa.question import Question

FLOOR = 0.5


def detect(question: Question) -> bool:
    return True


def answer(ctx: Context) -> Draft | None:
    ranked = ctx.ranked(k=5)
    if not ranked or ranked[0].score < FLOOR:
        return None
    record = ranked[0].record
    title = cite_field(record, "title")
    if title is None:
        return None
    citations = [citation(record, title.quote, title.page)]
    text = f"{describe(citations[0])} : « {record.title} »"
    decided = decision_sentence(record)
    if decided is not None:
        citations.append(decided)
        text += f". Décision : « {decided.quote} »"
    return Draft(answer_of(ctx, "open", text + ".", citations))


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    return nothing_for(ctx, "réponde à cette question")


INTENT = Intent("open", detect, answer, abstention)
