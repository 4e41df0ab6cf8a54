"""Sums of grants from the ledger: which decisions a question names, and what they add up to.

In: candidate deliberations, the words that name what is asked, the period. Out: `named`: the
grant decisions whose beneficiary key, quote or deliberation title holds every word asked
(typos tolerated; figures and ordinals must be in the name itself), and those that hold only
part of them (leads, never summed); `nets`: the ledger's nets (index.ledger) of the named
decisions per beneficiary and year within the period, with each step. Pure.
"""
from collections.abc import Iterable
from dataclasses import dataclass, replace

from registre.index.ledger import Net, nets
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, same, words
from registre.qa.period import Period
from registre.records import Amount, Deliberation

LEAD_FLOOR = 0.5  # share of the asked words a decision must hold to be offered as a lead


@dataclass(frozen=True, slots=True)
class Named:
    """A grant decision and how fully the question names it."""

    candidate: Candidate
    amount: Amount
    score: float

    @property
    def full(self) -> bool:
        return self.score >= 0.999


def label(record: Deliberation, amount: Amount) -> frozenset[str]:
    """What names a decision: its beneficiary's keys, its quote and its deliberation's title."""
    return words(amount.beneficiary) | words(amount.beneficiary_key) | \
        frozenset().union(*(words(a) for a in amount.beneficiary_aliases)) | words(amount.quote) | words(record.title)


def name_of(record: Deliberation, amount: Amount) -> frozenset[str]:
    """The words that must hold a figure or ordinal asked ("pilier 3"): the beneficiary and the title."""
    return words(amount.beneficiary) | words(amount.beneficiary_key) | words(record.title)


def named(asked: frozenset[str], candidates: Iterable[Candidate]) -> list[Named]:
    """The grant decisions of the candidates, scored by how fully they name `asked`, best first
    (those under LEAD_FLOOR left out)."""
    pool = [(c, a) for c in candidates for a in c.record.amounts if a.is_decision]
    if not pool or not asked:
        return []
    labels = [label(c.record, a) for c, a in pool]
    matcher = EntityMatcher(asked, labels)
    scored = [Named(c, a, matcher.score(lab, name_of(c.record, a))) for (c, a), lab in zip(pool, labels)]
    kept = sorted((n for n in scored if n.score >= LEAD_FLOOR), key=lambda n: -n.score)
    # A beneficiary whose own name holds the words asked is the one asked for, not a decision
    # whose text merely mentions it ("en articulation avec ZOOMACOM").
    own = [n for n in kept if n.full and holds(asked, beneficiary_words(n.amount))]
    return own + [n for n in kept if not n.full] if own else kept


def beneficiary_words(amount: Amount) -> frozenset[str]:
    return words(amount.beneficiary) | words(amount.beneficiary_key) | \
        frozenset().union(*(words(a) for a in amount.beneficiary_aliases))


def own_words(amount: Amount) -> frozenset[str]:
    """What an amount's own words say: its beneficiary's names and its quote (not the title)."""
    return beneficiary_words(amount) | words(amount.quote)


def holds(asked: frozenset[str], held: frozenset[str]) -> bool:
    return all(any(same(w, u) for u in held) for w in asked)


def grant_nets(chosen: list[Named], period: Period) -> list[Net]:
    """The ledger's nets of the chosen decisions, per beneficiary (a decision printed without a
    beneficiary stands alone) and year, within the period: a grant's year for a period of whole
    years, its séance date otherwise. A year typed in the question but read as naming a thing
    ("la subvention 2022 de …") still bounds the years summed: no total adds other years."""
    by_delib: dict[int, tuple[Deliberation, list[Amount]]] = {}
    for n in chosen:
        if period.whole_years or period.holds(n.candidate.record.date):
            by_delib.setdefault(n.candidate.id, (n.candidate.record, []))[1].append(_keyed(n))
    delibs = [replace(record, amounts=tuple(amounts)) for record, amounts in by_delib.values()]
    found = nets(delibs)
    if not period.given and period.soft_year:
        return [net for net in found if net.year == period.soft_year]
    return [net for net in found if not period.whole_years or period.holds_year(net.year)]


def _keyed(n: Named) -> Amount:
    """The decision with a key the ledger can group by: its beneficiary's, else its own place."""
    if n.amount.beneficiary_key:
        return n.amount
    return replace(n.amount, beneficiary_key=f"{n.candidate.record.source}#{n.candidate.id}#{n.amount.start}")
