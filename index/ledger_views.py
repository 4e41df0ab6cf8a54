"""The ledger per beneficiary, read from an index: what journalists follow from year to year.

In: the store's reads (`Reads`), a name, a collectivité and a year to narrow them. Out: the
`Beneficiary` records of index.ledger, each with every decision for it across years and
collectivités and the net per year; (name, year, net) triples for the benchmark's ground
truth. The deliberations are found through the ledger table (index.ledger_sql); what counts
is decided by index.ledger, from the records.
"""
from decimal import Decimal

from registre.index import ledger
from registre.index.reads import Reads
from registre.ingest.beneficiaries import beneficiary_key

FUZZY_FLOOR = 85  # rapidfuzz ratio of two keys spelled closely ("weejob" and "weeejob": 92)


def beneficiaries(store: Reads, name: str | None = None, collectivite: str | None = None,
                  year: int | None = None) -> list[ledger.Beneficiary]:
    """The beneficiaries whose key holds the key of `name` (word for word, else spelled closely), with the decisions
    of the deliberations of `collectivite` (its name contains it), for `year`."""
    keys = matching_keys(store, name) if name else None
    if keys is not None and not keys:
        return []
    delibs = [store.deliberation(i) for i in store.decision_deliberations(collectivite, year, keys)]
    found = ledger.beneficiaries(delibs, keys)
    if year is None:
        return found
    return [b for b in (_of_year(b, year) for b in found) if b.nets]


def matching_keys(store: Reads, name: str) -> set[str]:
    """The keys holding `name`'s key word for word; none: those spelled closely (WEEJOB, Weeejob)."""
    from rapidfuzz import fuzz

    wanted = beneficiary_key(name)
    if not wanted:
        return set()
    keys = [key for key, _ in store.beneficiary_keys()]
    exact = {key for key in keys if f" {wanted} " in f" {key} "}
    return exact or {key for key in keys if fuzz.ratio(wanted, key) >= FUZZY_FLOOR}


def nets(store: Reads) -> list[tuple[str, int | None, Decimal]]:
    """(printed name, year, net summed over the collectivités) for every beneficiary and year."""
    return [(b.name, year, value) for b in beneficiaries(store) for year, value in b.per_year().items()]


def _of_year(beneficiary: ledger.Beneficiary, year: int) -> ledger.Beneficiary:
    kept = tuple((name, net) for name, net in beneficiary.nets if net.year == year)
    return ledger.Beneficiary(beneficiary.key, beneficiary.name, kept)
