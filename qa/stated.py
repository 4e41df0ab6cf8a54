"""Amounts a deliberation states that are not grants: a guarantee, a contract's price, a tariff,
a purchase, a fee, an envelope, a programme's total.

In: candidate deliberations (best first), the words that name what is asked, the kinds of
amount the question's words call for (preferred first). Out: the one amount whose own words
(its sentence or table row up to the neighbouring amounts, its beneficiary, its deliberation's
title) hold the words asked — all of them, or all but one when three or more are asked — the
decision part of the text and the kinds preferred winning ties; None when none does. Pure.
"""
import re
from dataclasses import dataclass

from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, same, words
from registre.qa.passages import sentence
from registre.records import Amount, AmountKind, Deliberation
from registre.text.fold import fold

_NEVER = {"previous", "request", "restatement", "cofinancing"}  # an amount recalled, asked or repeated


@dataclass(frozen=True, slots=True)
class Stated:
    candidate: Candidate
    amount: Amount
    score: float


def stated(asked: frozenset[str], candidates: list[Candidate], kinds: set[str] | None,
           preferred: set[str], strict: bool = False, verbs: frozenset[str] = frozenset(),
           qualifiers: frozenset[str] = frozenset(), printed: frozenset[str] = frozenset()) -> Stated | None:
    """The amount of the kinds asked whose words hold the words asked: all of them, or all but
    one of the question's verbs ("acheter" for a sentence that says "achat") when three or more
    are asked and not `strict`; the one in a decision first. A figure or ordinal asked must name
    the thing (its title or beneficiary), unless it is among `qualifiers`, the words of a period
    that qualifies the amount ("850,56 € pour le 2e semestre 2019"): its own words then hold it.
    `printed`: folded words the amount's own sentence must print (the acronyms asked)."""
    pool = [(c, a) for c in candidates for a in c.record.amounts
            if kind_of(a) not in _NEVER and (kinds is None or kind_of(a) in kinds)
            and printed <= words_printed(a.quote)]
    if not pool or not asked:
        return None
    labels = [_label(c.record, a) for c, a in pool]
    matcher = EntityMatcher(asked, labels)
    best: tuple | None = None
    for (c, a), lab in zip(pool, labels):
        held = lab | _list_words(c.record, a)
        missing = [w for w in asked if not any(same(w, u) for u in held)]
        forgiven = len(asked) >= 3 and not strict and len(missing) == 1 and missing[0] in verbs
        if missing and not forgiven:
            continue
        score = matcher.score(lab, _name(c.record, a) | (held & qualifiers))
        if score <= 0:
            continue
        # Ties go to the amount printed first: "497 500 € dont 377 500 € en fonctionnement et 120 000 €
        # en investissement" qualifies each amount after it, so a word before one may be its neighbour's.
        rank = (score, kind_of(a) in preferred, _decides(c.record, a), -candidates.index(c), -a.start)
        if best is None or rank > best[0]:
            best = (rank, Stated(c, a, score))
    return best[1] if best else None


def sole(candidate: Candidate, kinds: set[str], preferred: set[str]) -> Stated | None:
    """The one amount of the kinds asked a deliberation states, when its words are spread beyond
    the amount's sentence ("… pour les 24 logements rue des Acacias", in the exposé): the decision's
    amounts of the preferred kinds, else of the kinds asked, else the text's; None unless they
    are all one value."""
    record = candidate.record
    pool = [a for a in record.amounts if kind_of(a) not in _NEVER and kind_of(a) in kinds]
    decided = [a for a in pool if _decides(record, a)]
    for among in ([a for a in decided if kind_of(a) in preferred], decided, pool):
        if among:
            return Stated(candidate, among[0], 1.0) if len({a.value for a in among}) == 1 else None
    return None


# The words of a decision in a minute that prints no separate dispositif ("les membres du Conseil
# Municipal après en avoir délibéré, ACCEPTENT cette proposition … de 5000 euros").
_DECIDING = re.compile(r"apr[èe]s en avoir d[ée]lib[ée]r|\b(?:ACCEPTE|D[ÉE]CIDE|APPROUVE|ADOPTE|ATTRIBUE|FIXE|CHARGE|"
                       r"AUTORISE|VALIDE)(?:NT)?\b")


def _decides(record: Deliberation, amount: Amount) -> bool:
    first, last = sentence(record, amount.start, amount.end)
    return amount.section == "dispositif" or bool(_DECIDING.search(record.text[first:last]))


def kind_of(amount: Amount) -> str:
    """An amount's kind; for a record read from an index written before kinds, its role's."""
    if amount.kind is not None:
        return amount.kind
    return {"grant": "initial", "total": "total"}.get(amount.role, amount.role)


def _name(record: Deliberation, amount: Amount) -> frozenset[str]:
    return words(amount.beneficiary) | words(record.title)


def _label(record: Deliberation, amount: Amount) -> frozenset[str]:
    return words(amount.beneficiary) | words(record.title) | words(_around(record, amount))


def _around(record: Deliberation, amount: Amount) -> str:
    """The words of an amount: a table row whole; in a sentence, up to the neighbouring amounts."""
    line_start = record.text.rfind("\n", 0, amount.start) + 1
    line_end = record.text.find("\n", amount.start)
    if "\t" in record.text[line_start: line_end if line_end >= 0 else None]:
        return amount.quote
    others = [a for a in record.amounts if a is not amount and (a.start, a.end) != (amount.start, amount.end)]
    before = max([a.end for a in others if a.end <= amount.start] + [amount.start - 120])
    after = min([a.start for a in others if a.start >= amount.end] + [amount.end + 120])
    first, last = sentence(record, amount.start, amount.end)
    line_start = record.text.rfind("\n", 0, amount.start) + 1
    if not record.text[line_start:amount.start].strip(" -•*–\t"):
        # An item of a list ("- 3.40€ pour les enfants …"): its words are on its own line.
        line_end = record.text.find("\n", amount.end)
        first, last = line_start, min(last, line_end if line_end >= 0 else len(record.text))
    return record.text[max(before, first):min(after, last)]


_ITEM = re.compile(r"^\s*(?:[-•*–]|\d+[).]|[a-z][).])\s")


def _list_words(record: Deliberation, amount: Amount) -> frozenset[str]:
    """For an amount that begins an item of a list ("- 3.40€ pour les enfants …"), the words of
    the line that leads the list and of the sentence that closes it ("ACCEPTE les tarifs
    proposés pour les repas enfants"): an item says only what sets it apart."""
    text = record.text
    start = text.rfind("\n", 0, amount.start) + 1
    if text[start:amount.start].strip(" -•*–\t"):
        return frozenset()
    lines = text.split("\n")
    at = text.count("\n", 0, start)
    up = at - 1
    while up >= 0 and _ITEM.match(lines[up]):
        up -= 1
    down = at + 1
    while down < len(lines) and (_ITEM.match(lines[down]) or not lines[down].strip()):
        down += 1
    lead = lines[up] if up >= 0 else ""
    closing = ""
    if down < len(lines):
        offset = sum(len(line) + 1 for line in lines[:down])
        first, last = sentence(record, offset, offset + max(1, len(lines[down])))
        closing = text[first:last]
    return words(lead) | words(closing)


KIND_WORDS: dict[str, str] = {
    "guarantee": "montant garanti", "loan": "montant de l'emprunt", "cost": "coût ou montant du marché",
    "price": "prix", "tariff": "tarif", "revenue": "recette", "envelope": "enveloppe", "total": "montant total",
    "recap": "montant total", "budget": "budget", "other": "montant", "initial": "montant accordé",
}


def kind_words(kind: AmountKind | None) -> str:
    return KIND_WORDS.get(kind or "other", "montant")


def words_printed(text: str) -> frozenset[str]:
    """The folded words a text prints."""
    return frozenset(re.findall(r"\w+", fold(text)))
