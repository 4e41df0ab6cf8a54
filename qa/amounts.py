"""Answer "combien pour X": the amounts granted to X, summed over the deliberations in range.

In: a parsed `Question` and candidate deliberations. Out: an `Answer` with one citation
per deliberation carrying its own amount, or an abstention. Costs, co-financing, earlier
years, guarantees and table totals never enter a sum; neither do rejected or withdrawn
deliberations. A stated total is given alone when the question names exactly it. Pure.
"""
import re
from collections import defaultdict
from decimal import Decimal

from registre.index.ledger import granted_amounts
from registre.qa.cite import citation, describe
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, words
from registre.qa.question import Question
from registre.records import Amount, Answer
from registre.text.french import format_amount

MATCH_FLOOR = 0.75  # share of the entity's (rarity-weighted) words a label must hold
NEAR_BEST = 0.85  # amounts kept: those scoring at least this share of the best score
_COUNTED = ("grant",)


def answer_amount(question: Question, candidates: list[Candidate]) -> Answer | None:
    """The answer, or None when no amount in the candidates is for the entity asked."""
    pool = [(c, a) for c in candidates if c.record.vote.result not in ("rejected", "withdrawn")
            for a in c.record.amounts if a.role in (*_COUNTED, "total")]
    if not pool or not question.entity.strip():
        return None
    names = [_name(c, a) for c, a in pool]
    for labels in (names, [_label(c, a) for c, a in pool]):
        matcher = EntityMatcher(question.entity, labels)
        scored = [(matcher.score(label, name), c, a) for label, name, (c, a) in zip(labels, names, pool)]
        best = max(score for score, _, _ in scored)
        if best >= MATCH_FLOOR:
            break  # names first; the words around an amount only when names do not suffice
    else:
        return None
    kept = [(s, c, a) for s, c, a in scored if s >= max(MATCH_FLOOR, NEAR_BEST * best)]
    grants = [(c, a) for s, c, a in kept if a.role in _COUNTED]
    if not grants:
        return _stated_total(question, kept)
    chosen = _one_decision_per_deliberation(grants)
    return _summed(question, chosen) if chosen else None


def _name(candidate: Candidate, amount: Amount) -> frozenset[str]:
    return words(amount.beneficiary) | words(candidate.record.title)


def _label(candidate: Candidate, amount: Amount) -> frozenset[str]:
    """What an amount is for: its beneficiary, its deliberation's title, and the words
    around it (a whole table row; in a sentence, up to the neighbouring amounts)."""
    record = candidate.record
    line_start = record.text.rfind("\n", 0, amount.start) + 1
    line_end = record.text.find("\n", amount.start)
    if "\t" in record.text[line_start: line_end if line_end >= 0 else None]:
        around = amount.quote  # a table row: all its cells
    else:
        others = [a for a in record.amounts if a is not amount]
        before = max([a.end for a in others if a.end <= amount.start] + [amount.start - 90])
        after = min([a.start for a in others if a.start >= amount.end] + [amount.end + 90])
        around = record.text[max(before, amount.start - 90): min(after, amount.end + 90)]
    return _name(candidate, amount) | words(around)


def _one_decision_per_deliberation(grants: list[tuple[Candidate, Amount]]) -> list[tuple[Candidate, list[Amount]]]:
    """Per deliberation, the grants it decides among those naming the entity (index.ledger)."""
    by_delib: dict[int, tuple[Candidate, list[Amount]]] = {}
    for candidate, amount in grants:
        by_delib.setdefault(candidate.id, (candidate, []))[1].append(amount)
    chosen = []
    for candidate, amounts in by_delib.values():
        picked = granted_amounts(candidate.record, amounts)
        if picked:
            chosen.append((candidate, list(picked)))
    return sorted(chosen, key=lambda item: (item[0].record.date or item[0].record.source, item[0].id))


def _summed(question: Question, chosen: list[tuple[Candidate, list[Amount]]]) -> Answer:
    citations = []
    for candidate, amounts in chosen:
        for amount in amounts:
            citations.append(citation(candidate.record, _quote(amount.quote), amount.page, amount.value))
    total = sum((amount.value for _, amounts in chosen for amount in amounts), Decimal(0))
    parts = [f"{format_amount(c.amount or 0)} ({describe(c)})" for c in citations]
    period = _period_words(question)
    head = f"{format_amount(total)}{period}"
    if len(parts) == 1:
        text = f"{head} : {describe(citations[0])}."
    else:
        text = f"{head} au total : {', '.join(parts[:-1])} et {parts[-1]}."
    text += _per_year(question, citations) + _average(question, citations, total)
    return Answer(question.text, text, False, tuple(citations), total, "amount")


def _stated_total(question: Question, kept) -> Answer | None:
    totals = sorted(((s, c, a) for s, c, a in kept if a.role == "total"), key=lambda item: -item[0])
    if not totals:
        return None
    _, candidate, amount = totals[0]
    cited = citation(candidate.record, _quote(amount.quote), amount.page, amount.value)
    text = f"{format_amount(amount.value)}{_period_words(question)} : montant total indiqué pour « {amount.beneficiary or question.entity} » ({describe(cited)})."
    return Answer(question.text, text, False, (cited,), amount.value, "amount")


def _quote(sentence: str) -> str:
    return re.sub(r"^[-•*–\s]+|[\s;,]+$", "", sentence)


def _period_words(question: Question) -> str:
    if question.year:
        return f" en {question.year}"
    return ""


def _per_year(question: Question, citations) -> str:
    if not question.per_year:
        return ""
    years: dict[int, Decimal] = defaultdict(Decimal)
    for c in citations:
        if c.date:
            years[c.date.year] += c.amount
    return " Par an : " + " ; ".join(f"{year} : {format_amount(value)}" for year, value in sorted(years.items())) + "."


def _average(question: Question, citations, total: Decimal) -> str:
    if not question.average or not citations:
        return ""
    years = {c.date.year for c in citations if c.date}
    if "an" in question.text and years:
        return f" En moyenne : {format_amount((total / len(years)).quantize(Decimal('0.01')))} par an ({len(years)} années)."
    return f" En moyenne : {format_amount((total / len(citations)).quantize(Decimal('0.01')))} par délibération."
