"""What counts as a granted amount: the one rule behind every sum of grants.

In: a `Deliberation` (and, optionally, the amounts of it still in question, e.g. those
naming an entity). Out: the grants it decides, and their total. `qa` sums them for
"combien pour X", the app shows them in its tables, plot and CSV. Pure.

A rejected or withdrawn deliberation grants nothing. Otherwise the grants of its decision
(dispositif, or a title or header that states it) count if there are any, else those of its
annex tables, else those of its exposé when a decision follows it, where the same figure
restated counts once. Costs, co-financing, earlier years, guarantees and table totals have
other roles and never count.
"""
from collections.abc import Iterable
from decimal import Decimal

from registre.records import Amount, Deliberation

PREFERRED_SECTIONS = (("dispositif", "vote", "header"), ("annex",), ("expose", "other", "attendance"))


def counted_grants(delib: Deliberation, amounts: Iterable[Amount] | None = None) -> tuple[Amount, ...]:
    """The grants `delib` decides, among `amounts` (default: all of its amounts), in text order."""
    if delib.vote.result in ("rejected", "withdrawn"):
        return ()
    grants = [a for a in (delib.amounts if amounts is None else amounts) if a.role == "grant"]
    for sections in PREFERRED_SECTIONS:
        picked = [a for a in grants if a.section in sections]
        if picked:
            break
    if sections == PREFERRED_SECTIONS[-1]:
        if not any(s.kind == "dispositif" for s in delib.sections):
            return ()  # an exposé with no decision after it grants nothing
        picked = list({a.value: a for a in picked}.values())
    return tuple(sorted(picked, key=lambda a: a.start))


def granted_total(delib: Deliberation) -> Decimal:
    """The sum of the grants `delib` decides (0 when none)."""
    return sum((a.value for a in counted_grants(delib)), Decimal(0))
