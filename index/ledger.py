"""The grants ledger: the one place that decides what a deliberation grants, and to whom.

In: deliberations with their amounts (each with its kind, beneficiary key and year, from
ingest). Out: `Decision`s — one per grant decision, with whether it took effect and why
not — and `Net`s: what a beneficiary holds for a year once the decisions are applied in
date order (an initial grant and a complement add, an amendment sets a new total, a
reduction takes off, a cancellation removes), with each step and the recaps that disagree.
Pure. `ask` totals, the search tab, the plots, the CSV and both SCDL exports read this.
"""
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from registre.records import Amount, Deliberation
from registre.text.fold import fold

_NO_EFFECT = {"rejected": "délibération rejetée", "withdrawn": "point retiré de l'ordre du jour"}
# How a decision is named to a reader.
DECISION_NAMES = {"initial": "attribution", "complement": "complément", "amendment": "avenant (nouveau montant)",
                  "reduction": "réduction", "cancellation": "annulation"}


@dataclass(frozen=True, slots=True)
class Decision:
    """A grant decision of one deliberation; `why_not` says why it took no effect."""

    deliberation: Deliberation
    amount: Amount
    why_not: str | None = None

    @property
    def effective(self) -> bool:
        return self.why_not is None

    @property
    def year(self) -> int | None:
        return self.amount.year or (self.deliberation.date.year if self.deliberation.date else None)

    @property
    def change(self) -> Decimal:
        """What this decision adds to the beneficiary's grant for its year, on its own
        (an amendment adds the difference when the figure it replaces is printed)."""
        value, kind = self.amount.value, self.amount.kind
        if not self.effective:
            return Decimal(0)
        if kind in ("reduction", "cancellation"):
            return -value
        if kind == "amendment" and self.amount.replaces is not None:
            return value - self.amount.replaces
        return value


@dataclass(frozen=True, slots=True)
class Step:
    decision: Decision
    before: Decimal
    after: Decimal


@dataclass(frozen=True, slots=True)
class Net:
    """What `key` holds for `year` after `steps`; `recaps` are stated totals of the same
    beneficiary and year, with whether they agree with the computed net."""

    key: str
    year: int | None
    value: Decimal
    steps: tuple[Step, ...]
    recaps: tuple[tuple[Amount, bool], ...] = ()


def decisions(delib: Deliberation) -> list[Decision]:
    """The grant decisions of a deliberation; a rejected or withdrawn one grants nothing."""
    why_not = _NO_EFFECT.get(delib.vote.result or "")
    return [Decision(delib, amount, why_not) for amount in delib.amounts if amount.is_decision]


def granted_amounts(delib: Deliberation, among: Iterable[Amount] | None = None) -> tuple[Amount, ...]:
    """The grant decisions of `delib` that took effect, among `among` (default: all its
    amounts), in text order."""
    wanted = None if among is None else {id(a) for a in among}
    return tuple(d.amount for d in decisions(delib) if d.effective and (wanted is None or id(d.amount) in wanted))


def granted(delib: Deliberation) -> Decimal:
    """What a deliberation grants in all, as the search tab and the exports show it."""
    return sum((d.change for d in decisions(delib)), Decimal(0))


def nets(delibs: Iterable[Deliberation], keys: set[str] | None = None) -> list[Net]:
    """Nets per beneficiary key and year over `delibs` (all keys, or those in `keys`)."""
    by_key_year: dict[tuple[str, int | None], list[Decision]] = {}
    recaps: dict[tuple[str, int | None], list[Amount]] = {}
    for delib in delibs:
        for decision in decisions(delib):
            key = decision.amount.beneficiary_key
            if key and (keys is None or key in keys):
                by_key_year.setdefault((key, decision.year), []).append(decision)
        for amount in delib.amounts:
            if amount.kind == "recap" and amount.beneficiary_key and (keys is None or amount.beneficiary_key in keys):
                recaps.setdefault((amount.beneficiary_key, amount.year), []).append(amount)
    out = []
    for (key, year), found in sorted(by_key_year.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
        steps = _apply(sorted(found, key=_order))
        value = steps[-1].after if steps else Decimal(0)
        checked = tuple((recap, recap.value == value) for recap in recaps.get((key, year), ()))
        out.append(Net(key, year, value, tuple(steps), checked))
    return out


def nets_by_collectivite(delibs: Iterable[Deliberation], collectivite=lambda d: d.collectivite,
                          keys: set[str] | None = None) -> list[tuple[str | None, Net]]:
    """`nets` for each collectivité apart (an amendment changes its own collectivité's grant,
    not another's): (collectivité, net) pairs; `collectivite(delib)` names a deliberation's."""
    groups: dict[str | None, list[Deliberation]] = {}
    for delib in delibs:
        groups.setdefault(collectivite(delib), []).append(delib)
    return [(name, net) for name, found in sorted(groups.items(), key=lambda item: item[0] or "")
            for net in nets(found, keys)]


@dataclass(frozen=True, slots=True)
class Beneficiary:
    """Every decision for one beneficiary key: its nets per collectivité and year, in order."""

    key: str
    name: str
    nets: tuple[tuple[str | None, Net], ...]

    def per_year(self) -> dict[int | None, Decimal]:
        """The net per year, summed over the collectivités."""
        out: dict[int | None, Decimal] = {}
        for _, net in self.nets:
            out[net.year] = out.get(net.year, Decimal(0)) + net.value
        return out


def beneficiaries(delibs: Iterable[Deliberation], keys: set[str] | None = None,
                  collectivite=lambda d: d.collectivite) -> list[Beneficiary]:
    """The beneficiaries of `delibs` (those with a key in `keys`, or all), by name: each with its
    nets per collectivité and year and the name it is printed under most often."""
    grouped: dict[str, list[tuple[str | None, Net]]] = {}
    for name, net in nets_by_collectivite(delibs, collectivite, keys):
        grouped.setdefault(net.key, []).append((name, net))
    out = []
    for key, found in grouped.items():
        printed = [step.decision.amount.beneficiary for _, net in found for step in net.steps
                   if step.decision.amount.beneficiary]
        name = max(sorted(set(printed)), key=printed.count) if printed else key
        found.sort(key=lambda item: (item[1].year or 0, item[0] or ""))
        out.append(Beneficiary(key, name, tuple(found)))
    return sorted(out, key=lambda b: fold(b.name))


def _apply(found: list[Decision]) -> list[Step]:
    steps, running = [], Decimal(0)
    for decision in found:
        before = running
        if decision.effective:
            kind, value = decision.amount.kind, decision.amount.value
            if kind == "amendment":
                replaced = decision.amount.replaces
                running = running - replaced + value if replaced is not None and replaced <= running else value
            elif kind == "cancellation":
                running = max(Decimal(0), running - value)
            elif kind == "reduction":
                running -= value
            else:
                running += value
        steps.append(Step(decision, before, running))
    return steps


def _order(decision: Decision) -> tuple:
    delib = decision.deliberation
    return (delib.date or dt.date.min, delib.source, delib.start, decision.amount.start)
