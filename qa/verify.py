"""Check a draft answer before it is given: its meaning, then its words.

In: a `Draft`. Out: None when it holds, else the reason in French (kept for the trace).

Meaning: every stated name, date and count stands in the quote of its citation; every grant
summed is a decision that took effect, its quote (or its deliberation's title) names what was
asked, its year falls in the period asked, and its amount is the one cited; every derived
figure (net total, per-year sum, average, count) is computed again from its inputs. Words:
every amount, date, deliberation number, count and name in capitals the text states stands in
a cited quote or the cited deliberation's own record (French writing of numbers and dates
normalised). Pure.
"""
import re
from collections import defaultdict
from decimal import Decimal

from registre.qa.draft import Draft, Fact, Figure, Grant
from registre.qa.match import same, words
from registre.records import DECISION_KINDS, Answer, Citation
from registre.text.fold import fold
from registre.text.french import BARE_NUMBER, NUMBER_WORDS, find_amounts, find_dates, number_from_words, parse_number

_NUMBER = re.compile(r"\b(?:[A-Z]{1,5}[-_ ]?)?\d{2,8}[./_-]\d{2,6}(?:[-_/]\d+)?\b")
_DEPARTURE = re.compile(r"quitte|sort de la salle|se retire|ne prend pas part|ne participe pas", re.I)
_SURNAME = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'-]{2,}\b")
_NUMBER_WORDS = re.compile(NUMBER_WORDS, re.IGNORECASE)


def check(draft: Draft) -> str | None:
    answer = draft.answer
    if answer.abstained:
        return None
    if not answer.citations:
        return "aucune citation"
    for fact in draft.facts:
        reason = _fact(fact, answer.citations)
        if reason:
            return reason
    for grant in draft.grants:
        reason = _grant(grant, draft)
        if reason:
            return reason
    for figure in draft.figures:
        reason = _figure(figure, draft)
        if reason:
            return reason
    if answer.total is not None and draft.figures and \
            answer.total not in {f.value for f in draft.figures if f.rule in ("net", "stated")}:
        return f"le total {answer.total} n'est aucun des montants calculés"
    return _words(draft)


def _fact(fact: Fact, citations: tuple[Citation, ...]) -> str | None:
    cited = citations[fact.citation]
    quote = fold(cited.quote)
    if fact.kind == "name":
        missing = [w for w in re.findall(r"[a-z0-9]+", fold(fact.value)) if len(w) > 1 and w not in quote]
        return f"le nom {fact.value} n'est pas dans la citation de {_which(cited)}" if missing else None
    if fact.kind == "date":
        stated = {d.isoformat() for d, _ in find_dates(cited.quote)} | {cited.date.isoformat() if cited.date else ""}
        return None if fact.value in stated else f"la date {fact.value} n'est pas dans la citation de {_which(cited)}"
    return None if int(fact.value) in integers(cited.quote) else \
        f"le nombre {fact.value} n'est pas dans la citation de {_which(cited)}"


def _grant(grant: Grant, draft: Draft) -> str | None:
    cited = draft.answer.citations[grant.citation]
    where = _which(cited)
    if cited.amount != grant.value or grant.value not in _values(cited.quote):
        return f"le montant {grant.value} n'est pas dans la citation de {where}"
    if not (grant.kind in DECISION_KINDS if grant.kind is not None else grant.role == "grant"):
        return f"le montant {grant.value} de {where} n'est pas une décision d'attribution"
    if not grant.effective:
        return f"la décision {where} n'a pas pris effet"
    period = draft.period
    if period.given and not (period.holds_year(grant.year) if period.whole_years else period.holds(cited.date)):
        return f"le montant {grant.value} de {where} n'est pas de la période demandée"
    if draft.asked:
        label = words(cited.quote) | words(cited.title) | words(grant.key)
        missing = [w for asked in draft.asked for w in sorted(words(asked)) if not any(same(w, u) for u in label)]
        if missing:
            return f"la citation de {where} ne nomme pas « {' '.join(draft.asked)} »"
    return None


def _figure(figure: Figure, draft: Draft) -> str | None:
    grants = [draft.grants[i] for i in figure.inputs] if figure.rule in ("net", "year", "average") else []
    value: Decimal | None
    if figure.rule == "net":
        value = recompute_net(grants)
    elif figure.rule == "year":
        value = sum((g.change for g in grants if str(g.year) == figure.label), Decimal(0))
    elif figure.rule == "average":
        count = len({g.year for g in grants}) if figure.label == "an" else len(grants)
        value = (sum((g.change for g in grants), Decimal(0)) / max(count, 1)).quantize(Decimal("0.01"))
    elif figure.rule == "count":
        value = Decimal(len(set(figure.inputs)))
    elif figure.rule == "less":
        cited = [draft.answer.citations[i] for i in figure.inputs]
        departed = all(_DEPARTURE.search(c.quote) for c in cited[1:])
        base = int(figure.label) if figure.label.isdigit() else None
        value = Decimal(base - len(cited[1:])) if base in integers(cited[0].quote) and departed and base else None
    else:
        cited = [draft.answer.citations[i] for i in figure.inputs]
        value = cited[0].amount if len(cited) == 1 and cited[0].amount in _values(cited[0].quote) else None
    if value is None or value != figure.value:
        return f"le chiffre {figure.value} ({figure.rule}) ne se recalcule pas à partir de ses sources"
    return None


def recompute_net(grants: list[Grant]) -> Decimal:
    """The net of grant decisions, per beneficiary and year, applied in the order given: an
    initial grant or a complement adds, an amendment sets a new total (or replaces the amount it
    names), a reduction takes off, a cancellation removes; a decision without effect adds
    nothing. Each decision's `change` must be what it adds."""
    running: dict[tuple[str | None, int | None], Decimal] = defaultdict(Decimal)
    for grant in grants:
        group = (grant.key, grant.year)
        before = running[group]
        if grant.effective:
            if grant.kind == "amendment":
                replaced = grant.replaces
                running[group] = before - replaced + grant.value if replaced is not None and replaced <= before \
                    else grant.value
            elif grant.kind == "cancellation":
                running[group] = max(Decimal(0), before - grant.value)
            elif grant.kind == "reduction":
                running[group] = before - grant.value
            else:
                running[group] = before + grant.value
        if running[group] - before != grant.change:
            return Decimal(-1)
    return sum(running.values(), Decimal(0))


def _words(draft: Draft) -> str | None:
    """Every amount, date, number, name in capitals and count of the text stands in a cited
    quote, a cited record or a derived figure."""
    answer = draft.answer
    quotes = " \n ".join(c.quote for c in answer.citations)
    evidence = quotes + " \n " + " \n ".join(filter(None, (c.title for c in answer.citations)))
    figures = {f.value for f in draft.figures}
    cited_amounts = {c.amount for c in answer.citations if c.amount is not None}
    allowed = cited_amounts | figures | ({answer.total} if answer.total is not None else set())
    if answer.intent != "amount":
        allowed |= _values(quotes)
    for value, _ in find_amounts(_unquoted(answer.answer, answer)):
        if value not in allowed:
            return f"le montant {value} n'est dans aucune citation"
    dates = {c.date for c in answer.citations if c.date} | {d for d, _ in find_dates(evidence)} | \
        {d for d in draft.period.bounds() if d}
    for day, _ in find_dates(answer.answer):
        if day not in dates:
            return f"la date {day.isoformat()} n'est dans aucune citation"
    numbers = {c.deliberation for c in answer.citations if c.deliberation} | set(draft.leads)
    for number in _NUMBER.findall(_without_sources(answer.answer, answer)):
        if not any(number in n for n in numbers) and number not in evidence:
            return f"le numéro {number} n'est pas celui d'une délibération citée"
    folded = fold(evidence + " " + " ".join(filter(None, (f"{c.instance} {c.collectivite}" for c in answer.citations))))
    stripped = _strip_known(answer.answer, answer)
    for name in _SURNAME.findall(stripped):
        if fold(name) not in folded:
            return f"le nom {name} n'est dans aucune citation"
    if answer.intent == "amount":
        return None  # its figures are amounts, dates and numbers, all checked above
    years = {Decimal(c.date.year) for c in answer.citations if c.date}
    known = _values(evidence) | {Decimal(n) for n in integers(evidence)} | years | figures
    for m in BARE_NUMBER.finditer(stripped):
        number = parse_number(m[0])
        if number is not None and number not in known:
            return f"le nombre {m[0]} n'est dans aucune citation"
    return None


def integers(text: str) -> set[int]:
    """Whole numbers a text writes, in figures (thousands groups joined: "9 600") or in words."""
    flat = re.sub(r"(?<=\d)[ .\u00a0\u202f](?=\d{3}(?!\d))", "", text)
    found = {int(m) for m in re.findall(r"(?<![\d,])\d+", flat)}
    return found | {n for m in _NUMBER_WORDS.finditer(text) if (n := number_from_words(m[0])) is not None}


def _values(text: str) -> set[Decimal]:
    found = {value for value, _ in find_amounts(text)}
    found |= {v for m in BARE_NUMBER.finditer(text) if (v := parse_number(m[0])) is not None}
    return found | {Decimal(n) for m in _NUMBER_WORDS.finditer(text) if (n := number_from_words(m[0])) is not None}


def _without_sources(text: str, answer: Answer) -> str:
    for c in answer.citations:
        text = text.replace(c.source, " ")
    return text


def _unquoted(text: str, answer: Answer) -> str:
    """The text without the cited quotes it repeats verbatim (« … »)."""
    for c in answer.citations:
        text = text.replace(f"« {c.quote} »", " ")
    return text


def _strip_known(text: str, answer: Answer) -> str:
    """The text without what is checked elsewhere: amounts, dates, numbers, titles, quotes."""
    for c in answer.citations:
        for known in (c.title, c.quote, c.source):
            if known:
                text = text.replace(known, " ")
    for _, (start, end) in find_amounts(text)[::-1] + find_dates(text)[::-1]:
        text = text[:start] + " " * (end - start) + text[end:]
    return _NUMBER.sub(" ", text)


def _which(c: Citation) -> str:
    return f"n° {c.deliberation}" if c.deliberation else c.source
