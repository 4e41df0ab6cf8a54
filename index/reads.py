"""Reading an index's SQLite file: deliberations, documents, chunks, the ledger, counts.

In: the store's connection and lock (`Store` inherits these reads). Out: records rebuilt
from rows (`Deliberation`), ids, texts and counts; a read transaction for one consistent
snapshot; `generation`, the stamp that moves whenever the index changes.
"""
import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from decimal import Decimal

from registre.index import codec, ledger_sql
from registre.index.schema import generation
from registre.records import Deliberation


class Reads:
    conn: sqlite3.Connection
    lock: threading.RLock

    @contextlib.contextmanager
    def read_transaction(self) -> Iterator[None]:
        """A read transaction around the reads made inside: one snapshot of the index (nested
        uses share the outer one)."""
        with self.lock:
            if self.conn.in_transaction:
                yield
                return
            self.conn.execute("BEGIN")  # deferred: the snapshot is taken at the first read
            try:
                yield
            finally:
                self.conn.execute("COMMIT")  # read-only: nothing to keep or undo

    def deliberation(self, delib_id: int) -> Deliberation:
        row = self.conn.execute("SELECT * FROM deliberations WHERE id = ?", (delib_id,)).fetchone()
        sections = self.conn.execute(
            "SELECT * FROM sections WHERE deliberation_id = ? ORDER BY start", (delib_id,)).fetchall()
        amounts = self.conn.execute(
            "SELECT * FROM amounts WHERE deliberation_id = ? ORDER BY start, id", (delib_id,)).fetchall()
        return codec.load_deliberation(row, sections, amounts)

    def find_deliberations(self, number: str | None, day, filters) -> list[int]:
        """Ids of (non-duplicate) deliberations by printed number, séance day and filters."""
        where, args = filters.sql()
        if number:
            where += " AND upper(replace(d.number, ' ', '')) = ?"
            args.append(number.upper().replace(" ", ""))
        if day:
            where += " AND d.date = ?"
            args.append(day.isoformat())
        return [row[0] for row in self.conn.execute(
            f"SELECT d.id FROM deliberations d WHERE {where} ORDER BY d.date, d.id", args)]

    def deliberation_ids(self, include_duplicates: bool = False) -> list[int]:
        where = "" if include_duplicates else " WHERE duplicate_of IS NULL"
        return [row[0] for row in self.conn.execute(
            f"SELECT id FROM deliberations{where} ORDER BY date, number, id")]

    def generation(self) -> tuple[int, int]:
        return generation(self.conn)

    def collectivites(self) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "SELECT DISTINCT collectivite FROM deliberations WHERE collectivite IS NOT NULL")]

    def documents(self) -> list[tuple[str, list[Deliberation]]]:
        """(source, its non-duplicate deliberations in order) per document, in ingestion order."""
        grouped: dict[str, list[Deliberation]] = {}
        for row in self.conn.execute(
                "SELECT d.id, doc.source FROM deliberations d JOIN documents doc ON doc.id = d.document_id"
                " WHERE d.duplicate_of IS NULL ORDER BY doc.id, d.position").fetchall():
            grouped.setdefault(row["source"], []).append(self.deliberation(row["id"]))
        return list(grouped.items())

    def chunk_texts(self, every: int = 1, limit: int | None = None) -> list[str]:
        """The embedded texts (header, then text) of the chunks whose id is a multiple of
        `every`, in id order, at most `limit`."""
        return [f"{header}\n{text}" for header, text in self.conn.execute(
            "SELECT header, text FROM chunks WHERE id % ? = 0 ORDER BY id LIMIT ?", (every, limit or -1))]

    def chunk_text_from(self, chunk_id: int) -> str | None:
        """The text of the first chunk whose id is `chunk_id` or more."""
        row = self.conn.execute("SELECT text FROM chunks WHERE id >= ? ORDER BY id LIMIT 1", (chunk_id,)).fetchone()
        return row[0] if row else None

    def last_chunk_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM chunks").fetchone()[0]

    def granted_totals(self, delib_ids: Iterable[int]) -> dict[int, Decimal]:
        """What each deliberation grants in all, read from the ledger table (index.ledger_sql)."""
        return ledger_sql.granted_totals(self.conn, delib_ids)

    def decision_deliberations(self, collectivite: str | None = None, year: int | None = None,
                               keys: Iterable[str] | None = None) -> list[int]:
        """Ids of the deliberations holding grant decisions (for `year`, of `collectivite`, for `keys`)."""
        return ledger_sql.decision_deliberations(self.conn, collectivite, year, keys)

    def beneficiary_keys(self) -> list[tuple[str, str]]:
        """(key, a printed name) of every beneficiary of a decision."""
        return ledger_sql.beneficiary_keys(self.conn)

    def checkpoint(self) -> None:
        """Move the write-ahead log into the database file (its size on disk is then the index's)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "deliberations": one("SELECT count(*) FROM deliberations WHERE duplicate_of IS NULL"),
            "pages": one("SELECT coalesce(sum(pages), 0) FROM documents"),
            "amounts": one("SELECT count(*) FROM amounts a JOIN deliberations d ON d.id = a.deliberation_id"
                           " WHERE d.duplicate_of IS NULL"),
            "chunks": one("SELECT count(*) FROM chunks"),
        }
