"""A draft answer with what it rests on, so that verification can check its meaning.

In: nothing (records built by the question types). Out: `Draft`: the `Answer` to give, the
facts it states (a name, a date, a count, each with the citation that states it), the grant
decisions it sums (each with its citation, beneficiary key, kind, year, printed amount and
what it adds), the figures it derives (net, per-year sum, average, count) with their inputs,
and the words that name what was asked. Pure.
"""
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from registre.qa.period import Period
from registre.records import Answer

FactKind = Literal["name", "date", "count"]
FigureRule = Literal["net", "year", "average", "count", "stated", "less"]


@dataclass(frozen=True, slots=True)
class Fact:
    """A name, date or count the answer states, and the citation whose quote states it."""

    kind: FactKind
    value: str  # a name as printed, an ISO date, a count in figures
    citation: int


@dataclass(frozen=True, slots=True)
class Grant:
    """A grant decision summed by the answer (index.ledger): `change` is what it adds to its
    beneficiary's grant for its year once earlier decisions are applied."""

    citation: int
    key: str | None
    kind: str | None  # None for a record read from an index written before amount kinds
    role: str
    year: int | None
    value: Decimal
    change: Decimal
    replaces: Decimal | None = None
    effective: bool = True


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the answer derives: its rule, its value and its inputs (indexes into the
    draft's grants; into its citations for a count and for "less", a count printed for the
    séance less the departures its other inputs quote). `label` is the year of a per-year sum,
    "an" or "délibération" for an average, the séance's count for "less"."""

    rule: FigureRule
    value: Decimal
    inputs: tuple[int, ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class Draft:
    answer: Answer
    facts: tuple[Fact, ...] = ()
    grants: tuple[Grant, ...] = ()
    figures: tuple[Figure, ...] = ()
    asked: tuple[str, ...] = ()  # the words that name what was asked, as typed
    period: Period = Period()
    leads: tuple[str, ...] = ()  # numbers of deliberations mentioned as not counting
