"""Check an answer against its citations before it is given.

In: an `Answer`. Out: None when every amount, date, deliberation number, count and
surname the answer states stands in a cited quote or the cited deliberation's own
metadata (French number and date writing normalised), and a total equals the sum of
the cited amounts; otherwise the reason, in French. Pure.
"""
import re
from decimal import Decimal

from registre.records import Answer
from registre.text.fold import fold
from registre.text.french import BARE_NUMBER, find_amounts, find_dates, parse_number

_NUMBER = re.compile(r"\b(?:[A-Z]{1,5}[-_]?)?\d{2,4}[./_-]\d{2,6}(?:[-_]\d+)?\b")
_SURNAME = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'-]{2,}\b")


def check(answer: Answer) -> str | None:
    if answer.abstained:
        return None
    if not answer.citations:
        return "aucune citation"
    quotes = " \n ".join(c.quote for c in answer.citations)
    evidence = quotes + " \n " + " \n ".join(filter(None, (c.title for c in answer.citations)))
    for c in answer.citations:
        if c.amount is not None and c.amount not in _values(c.quote):
            return f"le montant {c.amount} n'est pas dans la citation de {c.deliberation or c.source}"
    cited_amounts = {c.amount for c in answer.citations if c.amount is not None}
    if answer.total is not None and cited_amounts and answer.total != sum(
            (c.amount for c in answer.citations if c.amount is not None), Decimal(0)):
        return "le total n'est pas la somme des montants cités"
    allowed = cited_amounts | _values(quotes) | ({answer.total} if answer.total is not None else set())
    if answer.intent == "amount":
        allowed = cited_amounts | ({answer.total} if answer.total is not None else set())
    text = answer.answer
    for value, _ in find_amounts(text):
        if value not in allowed and not _is_derived(value, answer):
            return f"le montant {value} n'est dans aucune citation"
    dates = {c.date for c in answer.citations if c.date} | {d for d, _ in find_dates(evidence)}
    for day, _ in find_dates(text):
        if day not in dates:
            return f"la date {day.isoformat()} n'est dans aucune citation"
    numbers = {c.deliberation for c in answer.citations if c.deliberation}
    for number in _NUMBER.findall(text):
        if number not in numbers and number not in evidence:
            return f"le numéro {number} n'est pas celui d'une délibération citée"
    folded = fold(evidence)
    for name in _SURNAME.findall(_strip_known(text, answer)):
        if fold(name) not in folded:
            return f"le nom {name} n'est dans aucune citation"
    if answer.intent == "amount":
        return None  # its figures are amounts, dates and numbers, all checked above
    years = " ".join(str(c.date.year) for c in answer.citations if c.date)
    return _check_counts(_strip_known(text, answer), evidence + " " + years)


def _values(text: str) -> set[Decimal]:
    found = {value for value, _ in find_amounts(text)}
    return found | {v for m in BARE_NUMBER.finditer(text) if (v := parse_number(m[0])) is not None}


def _is_derived(value: Decimal, answer: Answer) -> bool:
    """Per-year sums and averages are computed from the cited amounts."""
    return answer.intent == "amount" and ("moyenne" in answer.answer or "Par an" in answer.answer)


def _strip_known(text: str, answer: Answer) -> str:
    """The answer without what is checked elsewhere: amounts, dates, numbers, titles, quotes."""
    for c in answer.citations:
        for known in (c.title, c.quote, c.source):
            if known:
                text = text.replace(known, " ")
    for _, (start, end) in find_amounts(text)[::-1] + find_dates(text)[::-1]:
        text = text[:start] + " " * (end - start) + text[end:]
    return _NUMBER.sub(" ", text)


def _check_counts(text: str, evidence: str) -> str | None:
    allowed = _values(evidence)
    for m in BARE_NUMBER.finditer(text):
        value = parse_number(m[0])
        if value is not None and value not in allowed:
            return f"le nombre {m[0]} n'est dans aucune citation"
    return None
