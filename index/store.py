"""The index folder: one SQLite file (records, chunks, FTS5, vocabulary, embedding cache)
and one FAISS file beside it, kept consistent.

In: a folder path, an `Embedder`, parsed documents to add. Out: stored records, chunk
vectors, and read access to deliberations. SQLite is the truth: after a crash the FAISS
file is repaired on open from the embedding cache (its ids must equal the chunk ids).

A deliberation already indexed from another file is stored but not indexed twice only when
the evidence says they are one (`_same_deliberation`), and the caller is told of each merge.
An optional hook is called at the writer's named steps (`WriteStep`): the crash test kills
the process there.
"""
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

import numpy as np

from registre.index import codec, gazetteer, ledger_sql
from registre.index.cache import EmbeddingCache, embed_cached
from registre.index.embedder import Embedder
from registre.index.identity import content_hash, merge_label
from registre.index.reads import Reads
from registre.index.schema import connect, stored_rule
from registre.index.vectors import VectorIndex
from registre.ingest.chunks import make_chunks, vocabulary
from registre.records import Chunk, Deliberation, Document, Merge, MergeEvidence, StoredDocument, StoredFile, WriteStep
from registre.text.analyzer import analyze
from registre.text.fold import fold

DB_NAME = "registre.db"
VECTORS_NAME = "vectors.faiss"

StepHook = Callable[[WriteStep], None]


class Store(Reads):
    """The index folder's records and vectors: written here, read through `Reads`."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, embedder: Embedder,
                 on_step: StepHook | None = None):
        self.folder = folder
        self.conn = conn
        self.embedder = embedder
        self.cache = EmbeddingCache(conn)
        self.lock = threading.RLock()  # one writer at a time; readers use WAL snapshots
        self.on_step = on_step or (lambda step: None)

    @cached_property
    def vectors(self) -> VectorIndex:
        """Loaded (and repaired) on first use, so export and counts need no model."""
        return self._load_vectors()

    @classmethod
    def open(cls, folder: Path, embedder: Embedder, on_step: StepHook | None = None) -> "Store":
        """The index in `folder` (created if need be); `on_step` is called at each named step
        of writing (test-only: None in use)."""
        folder.mkdir(parents=True, exist_ok=True)
        store = cls(folder, connect(folder / DB_NAME), embedder, on_step)
        store._check_derived_tables()
        return store

    def _check_derived_tables(self) -> None:
        """Rebuild the ledger and gazetteer tables when another rule wrote them, or none did (an
        index written before them): their rows are what index.ledger decides of the stored
        amounts and the names index.gazetteer reads in the stored records."""
        for table, module in (("ledger", ledger_sql), ("gazetteer", gazetteer)):
            if stored_rule(self.conn, table) == module.RULE:
                continue
            with self.lock:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    module.rebuild(self.conn, self.deliberation)
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
        self.on_step("saved")

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
        self.on_step("embedded")
        return dict(zip(texts, vectors))

    def replace_document(self, doc: Document, delibs: tuple[Deliberation, ...],
                         chunks: tuple[tuple[Chunk, ...], ...] | None = None,
                         vectors: dict[str, np.ndarray] | None = None) -> StoredDocument:
        """Store a document and its deliberations in one transaction (replacing an older
        version at the same path); returns what was indexed and merged. `chunks` (one tuple
        per deliberation) and `vectors` (by text) come from the parse stage and `embed_texts`
        when given; otherwise they are made here. A deliberation of another file that was
        merged into one of the older version is looked at again: merged into the new version's
        when the evidence still says so, indexed on its own otherwise."""
        with self.lock:
            index = self.vectors  # loaded and repaired before this change, not after
            chunk_ids, texts, merged = [], [], []
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                removed, orphans = self._delete_document(doc.path)
                doc_id = self.conn.execute(
                    "INSERT INTO documents (path, source, sha256, kind, pages, warnings) VALUES (?,?,?,?,?,?)",
                    (doc.path, doc.source, doc.sha256, doc.kind, len(doc.pages), json.dumps(list(doc.warnings))),
                ).lastrowid
                assert doc_id is not None
                for position, delib in enumerate(delibs):
                    made = chunks[position] if chunks is not None else make_chunks(delib)
                    ids, chunk_texts, merge = self._insert_deliberation(doc_id, position, delib, made)
                    chunk_ids += ids
                    texts += chunk_texts
                    merged += [merge] if merge else []
                for orphan in orphans:
                    ids, chunk_texts = self._look_again(orphan)
                    chunk_ids += ids
                    texts += chunk_texts
                if vectors is not None and all(text in vectors for text in texts):
                    embedded = np.array([vectors[text] for text in texts], dtype=np.float32)
                else:
                    embedded = embed_cached(self.embedder, self.cache, texts)
                self.on_step("written")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.on_step("committed")
            if removed:
                index.remove(np.array(removed, dtype=np.int64))
            if chunk_ids:
                index.add(np.array(chunk_ids, dtype=np.int64), embedded)
            return StoredDocument(len(delibs) - len(merged), len(chunk_ids), tuple(merged))

    def _delete_document(self, path: str) -> tuple[list[int], list[int]]:
        """Delete the document stored from `path`: (its chunk ids, the ids of deliberations of
        other documents that were merged into one of its own)."""
        old = self.conn.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if old is None:
            return [], []
        ids = [row[0] for row in self.conn.execute(
            "SELECT c.id FROM chunks c JOIN deliberations d ON d.id = c.deliberation_id"
            " WHERE d.document_id = ?", (old["id"],))]
        orphans = [row[0] for row in self.conn.execute(
            "SELECT o.id FROM deliberations o JOIN deliberations d ON d.id = o.duplicate_of"
            " WHERE d.document_id = ? AND o.document_id != ? ORDER BY o.id", (old["id"], old["id"]))]
        if ids:
            self.conn.execute(
                "DELETE FROM chunks_fts WHERE rowid IN (SELECT c.id FROM chunks c JOIN deliberations d"
                " ON d.id = c.deliberation_id WHERE d.document_id = ?)", (old["id"],))
        self.conn.execute("DELETE FROM documents WHERE id = ?", (old["id"],))  # duplicate_of of orphans: NULL
        return ids, orphans

    def _insert_deliberation(self, doc_id: int, position: int, delib: Deliberation, chunks: Iterable[Chunk]):
        """Insert one deliberation: (chunk ids, their texts, the merge when it is one already indexed)."""
        content = content_hash(delib)
        same = self._same_deliberation(delib, content)
        delib_id = self.conn.execute(
            "INSERT INTO deliberations (document_id, position, number, date, year, instance, collectivite,"
            " title, source, first_page, last_page, duplicate_of, record, content_hash, matiere)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc_id, position, delib.number, delib.date.isoformat() if delib.date else None,
             delib.date.year if delib.date else None, delib.instance, delib.collectivite, delib.title,
             delib.source, delib.first_page, delib.last_page, same[0] if same else None, codec.record_json(delib),
             content, delib.matiere),
        ).lastrowid
        assert delib_id is not None
        self.conn.executemany(
            "INSERT INTO sections (deliberation_id, kind, start, end, page, text) VALUES (?,?,?,?,?,?)",
            [(delib_id, *row) for row in codec.section_rows(delib)])
        self._insert_amounts(delib_id, delib)
        if same is not None:  # the same deliberation from another place: stored, not indexed twice
            return [], [], Merge(position, merge_label(delib, position), same[1], same[2])
        ids, texts = self._index_deliberation(delib_id, delib, chunks)
        return ids, texts, None

    def _index_deliberation(self, delib_id: int, delib: Deliberation, chunks: Iterable[Chunk]):
        """Make a stored deliberation searchable: its names, chunks and FTS rows."""
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

    def _look_again(self, delib_id: int) -> tuple[list[int], list[str]]:
        """A deliberation whose kept twin was just removed: merged into another one if the
        evidence says so, else indexed on its own (chunk ids and texts added)."""
        delib = self.deliberation(delib_id)
        same = self._same_deliberation(delib, content_hash(delib), besides=delib_id)
        if same is not None:
            self.conn.execute("UPDATE deliberations SET duplicate_of = ? WHERE id = ?", (same[0], delib_id))
            return [], []
        return self._index_deliberation(delib_id, delib, make_chunks(delib))

    def _same_deliberation(self, delib: Deliberation, content: str,
                           besides: int | None = None) -> tuple[int, str, MergeEvidence] | None:
        """An indexed deliberation that is this one, with its source and the evidence: the same
        content hash, or the same printed number, séance date and collectivité, all three
        known. A deliberation without a number, a date or a collectivité is never merged on
        what it lacks (two unnumbered items of one séance are two records)."""
        row = self.conn.execute(
            "SELECT id, source FROM deliberations WHERE content_hash = ? AND duplicate_of IS NULL"
            " AND id IS NOT ? ORDER BY id LIMIT 1", (content, besides)).fetchone()
        if row is not None:
            return row[0], row[1], "content"
        if delib.number is None or delib.date is None or delib.collectivite is None:
            return None
        row = self.conn.execute(
            "SELECT id, source FROM deliberations WHERE number = ? AND date = ? AND collectivite = ?"
            " AND duplicate_of IS NULL AND id IS NOT ? ORDER BY id LIMIT 1",
            (delib.number, delib.date.isoformat(), delib.collectivite, besides)).fetchone()
        return (row[0], row[1], "number") if row is not None else None

    def _insert_names(self, delib_id: int, delib: Deliberation) -> None:
        """The names a question may give for this deliberation (index.gazetteer)."""
        self.conn.executemany(gazetteer.INSERT, [(delib_id, *row) for row in gazetteer.rows(delib)])

    def _insert_amounts(self, delib_id: int, delib: Deliberation) -> None:
        """The deliberation's amounts, then its ledger rows (index.ledger_sql)."""
        self.conn.executemany(
            f"INSERT INTO amounts (deliberation_id, {', '.join(codec.AMOUNT_COLUMNS)})"
            f" VALUES ({','.join('?' * (len(codec.AMOUNT_COLUMNS) + 1))})",
            [(delib_id, *row) for row in codec.amount_rows(delib)])
        amount_ids = [row[0] for row in self.conn.execute(
            "SELECT id FROM amounts WHERE deliberation_id = ? ORDER BY id", (delib_id,))]
        self.conn.executemany(ledger_sql.INSERT, ledger_sql.ledger_rows(delib_id, delib, amount_ids))

