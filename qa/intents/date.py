"""Dates: when a deliberation was voted or its séance convened, and dates its text states
("à compter du 28 août 2020", "Date arrêtée : 28/10/2022").

In: a `Context`. Out: a `Draft` whose date is the séance's or the convocation's, cited from the
words ingest read it from, or a date written in the passage that best holds the question's
words (when the question asks about something else than the vote, or names the séance
already), cited with that passage.
"""
import datetime as dt
import re

from registre.qa.cite import cite_field, cite_span, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Fact
from registre.qa.grants import holds
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.match import words
from registre.qa.passages import best_passage, passage
from registre.qa.question import Question
from registre.qa.wording import content, stems
from registre.text.french import find_amounts, find_dates, format_date

_ASKS = re.compile(r"\bquand\b|\bquelle date\b|\ba quelle date\b|^date\b|\bdate (?:du|de la|de l'|de)\b|"
                   r"\bdepuis quand\b|\bquel jour\b")
_DECIDED = re.compile(r"\bvot|\badopt|\bapprouv|\battribu|\bdecid|\bvalid|\baccord|\bdelibere|\bsigne|\bpris\b")
_CONVENED = re.compile(r"\bconvo[cq]")
CUES = stems("""quand date quelle jour quel depuis vote votee votes adopte adoptee approuve approuvee attribue attribuee
decide decidee valide validee accorde accordee delibere pris convoque convocation seance premier premiere dernier
derniere ete etait lors selon""")


def detect(question: Question) -> bool:
    return bool(_ASKS.search(question.folded))


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    candidates = _candidates(ctx)
    if _CONVENED.search(q.folded):
        # A séance's convocation: any item of the séance named by its day prints it in its preamble.
        seance = (ctx.in_scope() or []) if q.period.day else []
        chosen = candidates[:1] or seance[:1]
        return _field(ctx, chosen[0], "convocation_date", "Convocation du") if chosen else None
    if not candidates:
        return None
    decided = bool(_DECIDED.search(q.folded))
    if not decided or q.period.day:  # the séance named already: the date asked is another one
        return _event(ctx, candidates[:3])
    return _field(ctx, candidates[0], "date", "Séance du")


def _candidates(ctx: Context) -> list[Candidate]:
    q = ctx.question
    ranked = ctx.fitting(CUES, k=8)
    typed = {value for value, _ in find_amounts(q.text)}
    if typed:  # "quand … a-t-elle attribué 18 000 € à AGIRE": the deliberations that state that amount
        ranked = [c for c in ranked if typed & {a.value for a in c.record.amounts}] or ranked
    order = re.search(r"\b(premiere?|dernier|derniere)\b", q.folded)
    if order:  # "le premier financement de X": among those that hold every word asked, by date
        asked = content(q.topic, CUES)
        holding = [c for c in ranked if holds(asked, words(c.record.text) | words(c.record.title))] or ranked[:1]
        ranked = sorted(holding, key=lambda c: c.record.date or dt.date.min, reverse=order[1].startswith("dernier"))
    return ranked


def _field(ctx: Context, candidate: Candidate, field: str, said: str) -> Draft | None:
    day = getattr(candidate.record, field)
    cited = cite_field(candidate.record, field)
    if day is None or cited is None:
        ctx.notes.append("la délibération trouvée n'indique pas cette date")
        return None
    text = f"{said} {format_date(day)} ({describe(cited)} : « {cited.quote} »)."
    return Draft(answer_of(ctx, "date", text, [cited]), facts=(Fact("date", day.isoformat(), 0),))


def _event(ctx: Context, candidates: list[Candidate]) -> Draft | None:
    """A date written in the passage that best holds the question's words (not the séance's)."""
    q = ctx.question
    asked = content(q.topic, CUES)
    found = []
    for c in candidates:
        for day, (start, end) in find_dates(c.record.text):
            if day in (q.period.day, c.record.date) and q.period.day:
                continue
            first, last = passage(c.record, start, end)
            found.append(((c, day, first, last), c.record, first, last, start, end))
    best = best_passage(asked, found)
    if best is None or best[1] < 0.5:
        return None
    (c, day, first, last), _ = best
    cited = cite_span(c.record, first, last)
    text = f"Le {format_date(day)} : « {cited.quote} » ({describe(cited)})."
    return Draft(answer_of(ctx, "date", text, [cited]), facts=(Fact("date", day.isoformat(), 0),))


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    why = f" ({'; '.join(ctx.notes)})" if ctx.notes else ""
    return nothing_for(ctx, "donne cette date").rstrip(".") + why + "."


INTENT = Intent("date", detect, answer, abstention)
