"""The SQLite file of an index: schema and connection settings.

In: a path. Out: a connection in WAL mode with foreign keys on and the tables created:
documents, deliberations, sections, amounts, ledger (the grant decisions, index.ledger_rows),
chunks, chunks_fts (FTS5 over analyzed text), vocabulary (names for fuzzy matching), gazetteer
(the names questions are read against) and embedding_cache; columns added since a file was
written are added to it on open (their old rows read NULL); `generation`, the one "has the
index changed?" stamp.
"""
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (  -- e.g. the embedder that made the FAISS vectors
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    pages INTEGER NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS deliberations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number TEXT,
    date TEXT,
    year INTEGER,
    instance TEXT,
    collectivite TEXT,
    title TEXT,
    source TEXT NOT NULL,
    first_page INTEGER NOT NULL,
    last_page INTEGER NOT NULL,
    duplicate_of INTEGER REFERENCES deliberations(id) ON DELETE SET NULL,
    record TEXT NOT NULL,
    content_hash TEXT,  -- index.identity.content_hash: the same deliberation from another file
    matiere TEXT  -- ACTES code (printed, else classified): the search filter
);
CREATE INDEX IF NOT EXISTS deliberations_date ON deliberations(date);
CREATE INDEX IF NOT EXISTS deliberations_year ON deliberations(year, id);
CREATE INDEX IF NOT EXISTS deliberations_collectivite ON deliberations(collectivite);
CREATE INDEX IF NOT EXISTS deliberations_number ON deliberations(number);
CREATE INDEX IF NOT EXISTS deliberations_matiere ON deliberations(matiere);
CREATE INDEX IF NOT EXISTS deliberations_content ON deliberations(content_hash);
CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    page INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sections_deliberation ON sections(deliberation_id);
CREATE TABLE IF NOT EXISTS amounts (
    id INTEGER PRIMARY KEY,
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    role TEXT NOT NULL,
    beneficiary TEXT,
    quote TEXT NOT NULL,
    page INTEGER NOT NULL,
    section TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    confidence REAL,
    kind TEXT,
    beneficiary_key TEXT,
    beneficiary_aliases TEXT,  -- JSON list of keys
    beneficiary_id TEXT,
    year INTEGER,
    replaces TEXT
);
CREATE INDEX IF NOT EXISTS amounts_deliberation ON amounts(deliberation_id);
CREATE TABLE IF NOT EXISTS ledger (  -- one row per grant decision (index.ledger.decisions)
    id INTEGER PRIMARY KEY,
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id) ON DELETE CASCADE,
    amount_id INTEGER NOT NULL REFERENCES amounts(id) ON DELETE CASCADE,
    beneficiary TEXT,
    beneficiary_key TEXT,
    year INTEGER,
    kind TEXT,  -- NULL for an amount stored before kinds existed (counted by its role)
    value TEXT NOT NULL,
    change TEXT NOT NULL,  -- what it adds to the beneficiary's grant for the year (0 without effect)
    change_cents INTEGER NOT NULL,  -- the same in cents, for sums and filters in SQL
    effective INTEGER NOT NULL,
    why_not TEXT
);
CREATE INDEX IF NOT EXISTS ledger_deliberation ON ledger(deliberation_id);
CREATE INDEX IF NOT EXISTS ledger_beneficiary ON ledger(beneficiary_key, year);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: FAISS keys vectors by it
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    header TEXT NOT NULL,
    text TEXT NOT NULL,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_deliberation ON chunks(deliberation_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(analyzed, tokenize='unicode61');
CREATE TABLE IF NOT EXISTS vocabulary (
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    folded TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS vocabulary_deliberation ON vocabulary(deliberation_id);
CREATE TABLE IF NOT EXISTS gazetteer (  -- the names questions are read against (index.gazetteer)
    deliberation_id INTEGER NOT NULL REFERENCES deliberations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    role TEXT
);
CREATE INDEX IF NOT EXISTS gazetteer_deliberation ON gazetteer(deliberation_id);
"""


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    _add_columns(conn)
    conn.executescript(SCHEMA)
    return conn


# Columns added after the first files were written: (table, column, type). `CREATE TABLE IF
# NOT EXISTS` leaves an old table as it is, so they are added here; old rows read NULL.
ADDED_COLUMNS = (
    ("deliberations", "content_hash", "TEXT"), ("deliberations", "matiere", "TEXT"),
    ("amounts", "kind", "TEXT"), ("amounts", "beneficiary_key", "TEXT"), ("amounts", "beneficiary_aliases", "TEXT"),
    ("amounts", "beneficiary_id", "TEXT"), ("amounts", "year", "INTEGER"), ("amounts", "replaces", "TEXT"),
)


def _add_columns(conn: sqlite3.Connection) -> None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, column, kind in ADDED_COLUMNS:
        if table in tables and column not in {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}:
            try:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
            except sqlite3.OperationalError as error:  # another process opening it added it first
                if "duplicate column" not in str(error):
                    raise


def stored_rule(conn: sqlite3.Connection, table: str) -> str | None:
    """The rule version a derived table (ledger, gazetteer) was last written by, if any."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (f"{table}_rule",)).fetchone()
    return row[0] if row else None


def generation(conn: sqlite3.Connection) -> tuple[int, int]:
    """A stamp that moves whenever the index changes: (rows changed through this connection,
    SQLite's data_version, which moves when another connection commits)."""
    return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]
