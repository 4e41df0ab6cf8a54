"""The answer chain, as a LangChain runnable: read → route → draft → verify → phrase → format.

In: a question (str) and a `Library` (the index), optionally a LangChain chat model.
Out: an `Answer` with its `Trace`. The question is read against the index's own names; the
question type (qa.intents) drafts an answer from the records; verification checks its meaning
and its words and keeps the reason of a refusal. The default reader is extractive and offline;
an LLM only rephrases a verified answer from its quotes, and its text is kept only if it passes
the same checks.
"""
import dataclasses
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from registre.errors import BadQuestion
from registre.qa.cite import citation, flag_low_confidence
from registre.qa.context import Context
from registre.qa.draft import Draft
from registre.qa.intents import intent_for
from registre.qa.library import Candidate, Library
from registre.qa.llm import phrase
from registre.qa.question import read_question
from registre.qa.scope import scope_of
from registre.qa.verify import check
from registre.records import Answer, Trace

MAX_QUESTION = 2000
LEADS = 3


def build_chain(library: Library, llm=None) -> Runnable:
    def read(text: str) -> dict:
        if not isinstance(text, str) or not text.strip() or not any(ch.isalnum() for ch in text):
            raise BadQuestion("Question vide : écrivez une question en français.")
        question = read_question(text.strip()[:MAX_QUESTION], library.gazetteer(), library.known_word)
        return {"question": question}

    def route(state: dict) -> dict:
        question = state["question"]
        ctx = Context(library, question, scope_of(library, question))
        return {**state, "intent": intent_for(question), "ctx": ctx}

    def draft(state: dict) -> dict:
        question, ctx = state["question"], state["ctx"]
        if question.unknown:
            return {**state, "draft": None, "reason": f"{question.unknown} : inconnu(e) de l'index"}
        if question.unknown_numbers:
            numbers = ", ".join(question.unknown_numbers)
            return {**state, "draft": None, "reason": f"aucune délibération n° {numbers} dans l'index"}
        made = state["intent"].answer(ctx)
        return {**state, "draft": made, "reason": None if made else ("; ".join(ctx.notes) or "rien de trouvé")}

    def verify(state: dict) -> dict:
        made: Draft | None = state["draft"]
        if made is None:
            return {**state, "answer": None}
        reason = check(made)
        return {**state, "answer": made.answer if reason is None else None, "reason": reason}

    def phrase_with_llm(state: dict) -> dict:
        if llm is None or state["answer"] is None:
            return state
        phrased = phrase(llm, state["answer"])
        if phrased is None or check(dataclasses.replace(state["draft"], answer=phrased)) is not None:
            return state
        return {**state, "answer": phrased}

    def format_answer(state: dict) -> Answer:
        trace = _trace(state)
        if state["answer"] is not None:
            return dataclasses.replace(flag_low_confidence(state["answer"]), trace=trace)
        return dataclasses.replace(abstention(library, state["ctx"], state["intent"]), trace=trace)

    steps: list[Callable[[Any], Any]] = [read, route, draft, verify, phrase_with_llm, format_answer]
    chain: Runnable = RunnableLambda(steps[0], name=steps[0].__name__)
    for step in steps[1:]:
        chain = chain | RunnableLambda(step, name=step.__name__)
    return chain


def abstention(library: Library, ctx: Context, intent) -> Answer:
    """The intent's own words for why nothing is given, and the closest deliberations as leads."""
    text = intent.abstention(ctx)
    near = _leads(library, ctx)
    if near:
        text += " Les délibérations les plus proches sont proposées comme pistes, pas comme réponse."
    cited = tuple(citation(c.record, c.record.title or "", c.record.first_page) for c in near)
    return Answer(ctx.question.text, text, True, (), None, intent.name, cited)


def _leads(library: Library, ctx: Context) -> list[Candidate]:
    seen: dict[int, Candidate] = {}
    for c in ctx.leads:
        seen.setdefault(c.id, c)
    if len(seen) < LEADS and not ctx.question.unknown:
        query = ctx.question.topic or ctx.question.text
        for r in library.search(query, k=LEADS):
            if r.deliberation_id not in seen and ctx.scope.allows(r.deliberation_id, dated=False):
                seen[r.deliberation_id] = Candidate(r.deliberation_id, ctx.record(r.deliberation_id))
    return list(seen.values())[:LEADS]


def _trace(state: dict) -> Trace:
    question, ctx = state["question"], state["ctx"]
    reading = [("type", state["intent"].name), ("sujet", question.topic or "—")]
    period = question.period
    if period.given:
        reading.append(("période", period.words().strip()))
    elif period.soft_year:
        reading.append(("année citée (mot du sujet)", str(period.soft_year)))
    if question.unknown:
        reading.append(("nom inconnu de l'index", question.unknown))
    if question.unknown_numbers:
        reading.append(("numéro inconnu", ", ".join(question.unknown_numbers)))
    filters = list(ctx.scope.filters)
    filters += [(("bénéficiaire" if m.kind == "beneficiary" else "personne"),
                 f"{' / '.join(m.names[:3])} (« {m.text} », {'nom exact' if m.exact else 'nom approché'})")
                for m in question.named("beneficiary", "person")]
    draft = state.get("draft")
    reason = state.get("reason")
    verdict = "vérifiée" if state.get("answer") is not None else (
        f"refusée : {reason}" if draft is not None else f"aucune réponse rédigée : {reason}")
    return Trace(state["intent"].name, tuple(reading), tuple(filters), tuple(ctx.weighed[:8]),
                 draft.answer.answer if draft is not None else None, verdict)
