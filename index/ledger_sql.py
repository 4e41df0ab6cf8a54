"""The grants ledger in SQLite: its rows, written at ingest, and every query that reads them.

In: a deliberation and the ids its amounts were stored under (rows), or a connection and
filters (queries). Out: `ledger` rows made from `index.ledger.decisions` (the one rule of
what counts: effective or not, and what each decision adds), the granted total per
deliberation (the search tab's column and its min/max filter), the deliberations holding
decisions for some beneficiaries. Nothing here decides what a grant is; it stores and sums
what index.ledger decided.
"""
import sqlite3
from collections.abc import Iterable, Sequence
from decimal import Decimal

from registre.index import ledger
from registre.records import Deliberation

# The rule the stored rows were made by: bump it when index.ledger.decisions, Decision.change
# or Amount.is_decision change, and every index rebuilds its ledger table on open.
RULE = "1"
INSERT = ("INSERT INTO ledger (deliberation_id, amount_id, beneficiary, beneficiary_key, year, kind, value, change,"
          " change_cents, effective, why_not) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
# What a deliberation grants in all (index.ledger.granted), for `d` a row of deliberations.
GRANTED_CENTS = "(SELECT coalesce(sum(l.change_cents), 0) FROM ledger l WHERE l.deliberation_id = d.id)"


def ledger_rows(delib_id: int, delib: Deliberation, amount_ids: Sequence[int]) -> list[tuple]:
    """The ledger rows of a stored deliberation; `amount_ids[i]` is the id of `delib.amounts[i]`."""
    ids = {id(amount): amount_id for amount, amount_id in zip(delib.amounts, amount_ids)}
    return [(delib_id, ids[id(d.amount)], d.amount.beneficiary, d.amount.beneficiary_key, d.year, d.amount.kind,
             str(d.amount.value), str(d.change), cents(d.change), int(d.effective), d.why_not)
            for d in ledger.decisions(delib)]


def rebuild(conn: sqlite3.Connection, load) -> None:
    """Write the ledger rows of every stored deliberation again (`load(id)` rebuilds one), then
    the rule they were made by; inside the caller's transaction."""
    conn.execute("DELETE FROM ledger")
    for (delib_id,) in conn.execute("SELECT id FROM deliberations ORDER BY id").fetchall():
        amount_ids = [row[0] for row in conn.execute(
            "SELECT id FROM amounts WHERE deliberation_id = ? ORDER BY start, id", (delib_id,))]
        conn.executemany(INSERT, ledger_rows(delib_id, load(delib_id), amount_ids))
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('ledger_rule', ?)", (RULE,))


def cents(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


def granted_filter(low: Decimal | None, high: Decimal | None) -> tuple[list[str], list[object]]:
    """SQL clauses (on `d`, a row of deliberations) keeping those whose granted total lies
    between `low` and `high` (each optional, inclusive)."""
    clauses: list[str] = []
    args: list[object] = []
    if low is not None:
        clauses.append(f"{GRANTED_CENTS} >= ?")
        args.append(cents(low))
    if high is not None:
        clauses.append(f"{GRANTED_CENTS} <= ?")
        args.append(cents(high))
    return clauses, args


def granted_totals(conn: sqlite3.Connection, delib_ids: Iterable[int]) -> dict[int, Decimal]:
    """What each deliberation grants in all (0 for one without a decision), by id."""
    wanted = list(dict.fromkeys(delib_ids))
    out = dict.fromkeys(wanted, Decimal(0))
    for start in range(0, len(wanted), 500):
        batch = wanted[start:start + 500]
        for delib_id, total in conn.execute(
                f"SELECT deliberation_id, sum(change_cents) FROM ledger WHERE deliberation_id IN"
                f" ({','.join('?' * len(batch))}) GROUP BY deliberation_id", batch):
            out[delib_id] = Decimal(total) / 100
    return out


def decision_deliberations(conn: sqlite3.Connection, collectivite: str | None = None, year: int | None = None,
                           keys: Iterable[str] | None = None) -> list[int]:
    """Ids of the (non-duplicate) deliberations holding a decision for a beneficiary (with a
    key), for `year`, of a collectivité whose name contains `collectivite`, for one of `keys`;
    by séance date."""
    clauses, args = ["d.duplicate_of IS NULL", "l.beneficiary_key IS NOT NULL"], list[object]()
    if collectivite:
        clauses.append("d.collectivite LIKE ?")
        args.append(f"%{collectivite}%")
    if year:
        clauses.append("l.year = ?")
        args.append(year)
    if keys is not None:
        chosen = sorted(set(keys))
        clauses.append(f"l.beneficiary_key IN ({','.join('?' * len(chosen))})")
        args += chosen
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT d.id, d.date FROM ledger l JOIN deliberations d ON d.id = l.deliberation_id"
        f" WHERE {' AND '.join(clauses)} ORDER BY d.date, d.id", args)]


def beneficiary_keys(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(key, a printed name) of every beneficiary in the ledger, by key."""
    return [(row[0], row[1]) for row in conn.execute(
        "SELECT l.beneficiary_key, min(l.beneficiary) FROM ledger l JOIN deliberations d ON d.id = l.deliberation_id"
        " WHERE d.duplicate_of IS NULL AND l.beneficiary_key IS NOT NULL GROUP BY l.beneficiary_key"
        " ORDER BY l.beneficiary_key")]
