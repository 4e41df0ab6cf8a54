"""The answer chain, as a LangChain runnable: parse → retrieve → read → verify → phrase → format.

In: a question (str) and a `Library` (the index), optionally a LangChain chat model.
Out: an `Answer`. The default reader is extractive and offline; an LLM only rephrases a
verified answer from its quotes, and its text is kept only if it passes the same checks.
"""
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from registre.errors import BadQuestion
from registre.qa.amounts import answer_amount
from registre.qa.cite import citation, flag_low_confidence
from registre.qa.library import Library
from registre.qa.llm import phrase
from registre.qa.question import Question, parse_question
from registre.qa.reader import read
from registre.qa.retrieve import find_candidates, leads, without_grantors
from registre.qa.verify import check
from registre.records import Answer

MAX_QUESTION = 2000


def build_chain(library: Library, llm=None) -> Runnable:
    def parse(text: str) -> dict:
        if not isinstance(text, str) or not text.strip() or not any(ch.isalnum() for ch in text):
            raise BadQuestion("Question vide : écrivez une question en français.")
        question = parse_question(text.strip()[:MAX_QUESTION])
        return {"question": without_grantors(question, library.collectivites())}

    def retrieve(state: dict) -> dict:
        return {**state, "candidates": find_candidates(library, state["question"])}

    def read_answer(state: dict) -> dict:
        question, candidates = state["question"], state["candidates"]
        if question.intent == "amount":
            draft = answer_amount(question, candidates)
        else:
            draft = read(question, candidates)
        return {**state, "draft": draft}

    def verify(state: dict) -> dict:
        draft = state["draft"]
        reason = check(draft) if draft is not None else "rien de trouvé"
        return {**state, "answer": draft if reason is None else None, "reason": reason}

    def phrase_with_llm(state: dict) -> dict:
        if llm is None or state["answer"] is None:
            return state
        phrased = phrase(llm, state["answer"])
        return {**state, "answer": phrased if phrased is not None and check(phrased) is None else state["answer"]}

    def format_answer(state: dict) -> Answer:
        if state["answer"] is not None:
            return flag_low_confidence(state["answer"])
        return abstention(library, state["question"])

    steps: list[Callable[[Any], Any]] = [parse, retrieve, read_answer, verify, phrase_with_llm, format_answer]
    chain: Runnable = RunnableLambda(steps[0], name=steps[0].__name__)
    for step in steps[1:]:
        chain = chain | RunnableLambda(step, name=step.__name__)
    return chain


def abstention(library: Library, question: Question) -> Answer:
    near = [citation(c.record, c.record.title or "", c.record.first_page) for c in leads(library, question)]
    what = f"« {question.entity} »" if question.entity else "cette question"
    period = f" en {question.year}" if question.year else ""
    if question.intent == "amount":
        text = f"Je n'ai trouvé aucune délibération qui accorde un montant à {what}{period}."
    else:
        text = f"Je n'ai trouvé aucune délibération qui réponde à {what}{period}."
    if near:
        text += " Les délibérations les plus proches sont proposées comme pistes, pas comme réponse."
    return Answer(question.text, text, True, (), None, question.intent, tuple(near))
