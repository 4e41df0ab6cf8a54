"""The deliberation a question points to: "numéro de la délibération adoptant le pacte de
gouvernance", "de quoi parle la décision CP-2021-0668", "que décide le bureau du … sur …".

In: a `Context`. Out: a `Draft` naming the deliberation (number, date, title), cited from its
title as ingest read it, with the first words of its decision when the question asks what it
decides.
"""
import re

from registre.qa.cite import cite_field, cite_span, describe
from registre.qa.context import Context
from registre.qa.draft import Draft
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.question import Question
from registre.qa.wording import stems
from registre.records import Citation, Deliberation

_ASKS = re.compile(r"\bnumero\b|\bde quoi (?:parle|traite)|\bobjet\b|\bque (?:dit|decide)|\bresume|\ben quoi consiste|"
                   r"\bqu'est-ce qu|\bqu'a decide|\bce qui a ete decide|\bsur quoi\b|\ba propos\b")
CUES = stems("numero quel quelle est le la de quoi parle traite objet que dit decide resume resumer moi consiste "
             "concernant sur propos delibere adoptant adopte")


def detect(question: Question) -> bool:
    return bool(_ASKS.search(question.folded))


def answer(ctx: Context) -> Draft | None:
    found = pointed(ctx)
    if found is None:
        return None
    record = found.record
    cited = cite_field(record, "title")
    if cited is None:
        return None
    if cited.deliberation is None and record.number:  # a title printed in a shared preamble
        cited = Citation(record.number, record.date, record.title, record.instance, record.collectivite,
                         record.source, cited.page, cited.quote)
    citations = [cited]
    text = f"{describe(cited)} : « {record.title} »"
    decided = decision_sentence(record)
    if decided is not None and not re.search(r"\bnumero\b", ctx.question.folded):
        citations.append(decided)
        text += f". Décision : « {decided.quote} »"
    return Draft(answer_of(ctx, "lookup", text + ".", citations))


def pointed(ctx: Context) -> Candidate | None:
    """The deliberation named by its number, else the one the topic fits best in scope."""
    q = ctx.question
    scoped = ctx.in_scope()
    if q.numbers and scoped:
        return scoped[0]
    ranked = ctx.fitting(CUES)
    if ranked:
        return ranked[0]
    return scoped[0] if scoped and len(scoped) == 1 else None


def decision_sentence(record: Deliberation) -> Citation | None:
    """The first sentence of what the deliberation decides (after its deciding formula)."""
    for section in record.sections:
        if section.kind != "dispositif":
            continue
        for m in re.finditer(r"(?:^|\n)\s*[-•–1°]*\s*(?:Article\s+\w+\s*:\s*)?(?P<words>[a-zA-ZÀ-ÿ][^\n]{15,})",
                             section.text):
            if m["words"].rstrip().endswith(":") or re.search(r"apr[èe]s en avoir d[ée]lib[ée]r", m["words"], re.I) \
                    and len(m["words"]) < 90:
                continue  # the deciding formula, not what is decided
            start = section.start + m.start("words")
            return cite_span(record, start, min(section.start + m.end("words"), start + 300))
    return None


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    if q.unknown_numbers:
        return f"Je n'ai trouvé aucune délibération n° {', '.join(q.unknown_numbers)} dans ces registres."
    return nothing_for(ctx, "réponde à cette question")


INTENT = Intent("lookup", detect, answer, abstention)
