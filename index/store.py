"""The index folder: one SQLite file (records, chunks, FTS5, vocabulary, embedding cache)
and one FAISS file beside it, kept consistent.

In: a folder path, an `Embedder`, parsed documents to add. Out: stored records, chunk
vectors, and read access to deliberations. SQLite is the truth: after a crash the FAISS
file is repaired on open from the embedding cache (its ids must equal the chunk ids).
"""
import json
import sqlite3
import threading
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import numpy as np

from registre.index import codec, ledger_sql
from registre.index.cache import EmbeddingCache, embed_cached
from registre.index.embedder import Embedder
from registre.index.gazetteer import rows as gazetteer_rows
from registre.index.reads import Reads
from registre.index.schema import connect
from registre.index.vectors import VectorIndex
from registre.ingest.chunks import make_chunks, vocabulary
from registre.records import Chunk, Deliberation, Document, StoredFile
from registre.text.analyzer import analyze
from registre.text.fold import fold

DB_NAME = "registre.db"
VECTORS_NAME = "vectors.faiss"


class Store(Reads):
    """The index folder's records and vectors: written here, read through `Reads`."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, embedder: Embedder):
        self.folder = folder
        self.conn = conn
        self.embedder = embedder
        self.cache = EmbeddingCache(conn)
        self.lock = threading.RLock()  # one writer at a time; readers use WAL snapshots

    @cached_property
    def vectors(self) -> VectorIndex:
        """Loaded (and repaired) on first use, so export and counts need no model."""
        return self._load_vectors()

    @classmethod
    def open(cls, folder: Path, embedder: Embedder) -> "Store":
        folder.mkdir(parents=True, exist_ok=True)
        store = cls(folder, connect(folder / DB_NAME), embedder)
        store._check_ledger()
        return store

    def _check_ledger(self) -> None:
        """Rebuild the ledger table when another rule wrote it, or none did (an index written
        before it): its rows are what index.ledger decides of the stored amounts."""
        if ledger_sql.stored_rule(self.conn) == ledger_sql.RULE:
            return
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                ledger_sql.rebuild(self.conn, self.deliberation)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    # -- consistency -------------------------------------------------------------------
    def _load_vectors(self) -> VectorIndex:
        path = self.folder / VECTORS_NAME
        vectors = VectorIndex.load(path) if path.is_file() else VectorIndex.create(self.embedder.dim)
        made_by = self.conn.execute("SELECT value FROM settings WHERE key = 'vectors_model'").fetchone()
        if vectors.dim != self.embedder.dim or (made_by and made_by[0] != self.embedder.name):
            vectors = VectorIndex.create(self.embedder.dim)  # another model or backend: rebuild all
        if self._repair(vectors) | vectors.fit_to_size() or not made_by:
            self._save(vectors)
        return vectors

    def _repair(self, vectors: VectorIndex) -> bool:
        """Make the FAISS ids equal the chunk ids; True when something changed."""
        chunk_ids = {row[0] for row in self.conn.execute("SELECT id FROM chunks")}
        stored = set(vectors.ids().tolist())
        stale, missing = stored - chunk_ids, sorted(chunk_ids - stored)
        if stale:
            vectors.remove(np.array(sorted(stale), dtype=np.int64))
        if missing:
            rows = self._chunk_texts(missing)
            self.conn.execute("BEGIN")
            embedded = embed_cached(self.embedder, self.cache, [text for _, text in rows])
            self.conn.execute("COMMIT")
            vectors.add(np.array([cid for cid, _ in rows], dtype=np.int64), embedded)
        return bool(stale or missing)

    def _chunk_texts(self, ids: list[int]) -> list[tuple[int, str]]:
        out = []
        for start in range(0, len(ids), 500):
            batch = ids[start:start + 500]
            out += [(row["id"], f"{row['header']}\n{row['text']}") for row in self.conn.execute(
                f"SELECT id, header, text FROM chunks WHERE id IN ({','.join('?' * len(batch))})", batch)]
        return out

    def check(self) -> dict:
        """Counts that must agree: FAISS vectors and chunk rows; SQLite integrity."""
        integrity = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        chunks = self.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        return {"integrity": integrity, "chunks": chunks, "vectors": self.vectors.ntotal}

    def save_vectors(self) -> None:
        self._save(self.vectors)

    def _save(self, vectors: VectorIndex) -> None:
        """The FAISS file, then the name of the embedder that made its vectors."""
        vectors.save(self.folder / VECTORS_NAME)
        with self.lock:
            self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('vectors_model', ?)",
                              (self.embedder.name,))

    # -- writing (the `Sink` of ingest.pipeline) -----------------------------------------
    def stored_file(self, path: str) -> StoredFile | None:
        row = self.conn.execute("SELECT path, source, sha256 FROM documents WHERE path = ?", (path,)).fetchone()
        return StoredFile(*row) if row else None

    def stored_content(self, sha256: str) -> StoredFile | None:
        row = self.conn.execute("SELECT path, source, sha256 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return StoredFile(*row) if row else None

    def embed_texts(self, texts: list[str], computed: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Vectors by text, through the embedding cache: texts cached are not embedded again;
        `computed` (rows of `texts` embedded elsewhere by the same model) is cached as is.
        Commits its own transaction: the cache holds no record, so a crash loses nothing."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if computed is not None:
                    self.cache.put_many(self.embedder.name, {
                        self.cache.text_hash(text): vector for text, vector in zip(texts, computed)})
                vectors = embed_cached(self.embedder, self.cache, texts)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return dict(zip(texts, vectors))

    def replace_document(self, doc: Document, delibs: tuple[Deliberation, ...],
                         chunks: tuple[tuple[Chunk, ...], ...] | None = None,
                         vectors: dict[str, np.ndarray] | None = None) -> int:
        """Store a document and its deliberations in one transaction (replacing an older
        version at the same path); returns the number of chunks added. `chunks` (one tuple
        per deliberation) and `vectors` (by text) come from the parse stage and `embed_texts`
        when given; otherwise they are made here."""
        with self.lock:
            index = self.vectors  # loaded and repaired before this change, not after
            chunk_ids, texts = [], []
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                removed = self._delete_document(doc.path)
                doc_id = self.conn.execute(
                    "INSERT INTO documents (path, source, sha256, kind, pages, warnings) VALUES (?,?,?,?,?,?)",
                    (doc.path, doc.source, doc.sha256, doc.kind, len(doc.pages), json.dumps(list(doc.warnings))),
                ).lastrowid
                assert doc_id is not None
                for position, delib in enumerate(delibs):
                    made = chunks[position] if chunks is not None else make_chunks(delib)
                    ids, chunk_texts = self._insert_deliberation(doc_id, position, delib, made)
                    chunk_ids += ids
                    texts += chunk_texts
                if vectors is not None and all(text in vectors for text in texts):
                    embedded = np.array([vectors[text] for text in texts], dtype=np.float32)
                else:
                    embedded = embed_cached(self.embedder, self.cache, texts)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            if removed:
                index.remove(np.array(removed, dtype=np.int64))
            if chunk_ids:
                index.add(np.array(chunk_ids, dtype=np.int64), embedded)
            return len(chunk_ids)

    def _delete_document(self, path: str) -> list[int]:
        old = self.conn.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if old is None:
            return []
        ids = [row[0] for row in self.conn.execute(
            "SELECT c.id FROM chunks c JOIN deliberations d ON d.id = c.deliberation_id"
            " WHERE d.document_id = ?", (old["id"],))]
        if ids:
            self.conn.execute(
                "DELETE FROM chunks_fts WHERE rowid IN (SELECT c.id FROM chunks c JOIN deliberations d"
                " ON d.id = c.deliberation_id WHERE d.document_id = ?)", (old["id"],))
        self.conn.execute("DELETE FROM documents WHERE id = ?", (old["id"],))
        return ids

    def _insert_deliberation(self, doc_id: int, position: int, delib: Deliberation, chunks: Iterable[Chunk]):
        duplicate_of = self._same_deliberation(delib)
        delib_id = self.conn.execute(
            "INSERT INTO deliberations (document_id, position, number, date, year, instance, collectivite,"
            " title, source, first_page, last_page, duplicate_of, record, matiere)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc_id, position, delib.number, delib.date.isoformat() if delib.date else None,
             delib.date.year if delib.date else None, delib.instance, delib.collectivite, delib.title,
             delib.source, delib.first_page, delib.last_page, duplicate_of, codec.record_json(delib), delib.matiere),
        ).lastrowid
        self.conn.executemany(
            "INSERT INTO sections (deliberation_id, kind, start, end, page, text) VALUES (?,?,?,?,?,?)",
            [(delib_id, *row) for row in codec.section_rows(delib)])
        assert delib_id is not None
        self._insert_amounts(delib_id, delib)
        if duplicate_of is not None:
            return [], []  # the same deliberation from another file: stored, not indexed twice
        self.conn.executemany(
            "INSERT INTO vocabulary (deliberation_id, kind, name, folded) VALUES (?,?,?,?)",
            [(delib_id, kind, name, fold(name)) for kind, name in sorted(vocabulary(delib))])
        assert delib_id is not None
        self._insert_names(delib_id, delib)
        ids, texts = [], []
        for chunk in chunks:
            chunk_id = self.conn.execute(
                "INSERT INTO chunks (deliberation_id, section, header, text, page, start, end)"
                " VALUES (?,?,?,?,?,?,?)",
                (delib_id, chunk.section, chunk.header, chunk.text, chunk.page, chunk.start, chunk.end),
            ).lastrowid
            self.conn.execute("INSERT INTO chunks_fts (rowid, analyzed) VALUES (?, ?)",
                              (chunk_id, analyze(chunk.indexed_text)))
            ids.append(chunk_id)
            texts.append(chunk.indexed_text)
        return ids, texts

    def _insert_names(self, delib_id: int, delib: Deliberation) -> None:
        """The names a question may give for this deliberation (index.gazetteer)."""
        self.conn.executemany("INSERT INTO gazetteer (deliberation_id, kind, name, key, role) VALUES (?,?,?,?,?)",
                              [(delib_id, *row) for row in gazetteer_rows(delib)])

    def _insert_amounts(self, delib_id: int, delib: Deliberation) -> None:
        """The deliberation's amounts, then its ledger rows (index.ledger_sql)."""
        self.conn.executemany(
            f"INSERT INTO amounts (deliberation_id, {', '.join(codec.AMOUNT_COLUMNS)})"
            f" VALUES ({','.join('?' * (len(codec.AMOUNT_COLUMNS) + 1))})",
            [(delib_id, *row) for row in codec.amount_rows(delib)])
        amount_ids = [row[0] for row in self.conn.execute(
            "SELECT id FROM amounts WHERE deliberation_id = ? ORDER BY id", (delib_id,))]
        self.conn.executemany(ledger_sql.INSERT, ledger_sql.ledger_rows(delib_id, delib, amount_ids))

    def _same_deliberation(self, delib: Deliberation) -> int | None:
        """An already stored deliberation with the same number, date and collectivité."""
        if delib.number is None:
            row = self.conn.execute(
                "SELECT id FROM deliberations WHERE number IS NULL AND date IS ? AND title IS ?"
                " AND duplicate_of IS NULL", (delib.date.isoformat() if delib.date else None, delib.title),
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT id FROM deliberations WHERE number = ? AND date IS ? AND collectivite IS ?"
                " AND duplicate_of IS NULL",
                (delib.number, delib.date.isoformat() if delib.date else None, delib.collectivite),
            ).fetchone()
        return row[0] if row else None
