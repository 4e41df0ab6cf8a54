"""The engine behind the Python API, the CLI and the app.

In: an index folder and settings (embedder, LLM). Out: `ingest`, `search`, `ask`,
`as_retriever`, `deliberations` over that folder.

Reading while another process ingests into the same folder (one writer, any number of
readers): each `search` and `ask` reads one SQLite snapshot (a read transaction), so a
deliberation it returns is whole even if a newer version is committed meanwhile; and the
FAISS file is loaded again once another connection has written and saved it. Until then
the vectors in memory may lack new chunks (BM25 still finds them) or hold removed ones
(the search drops ids it cannot find in its snapshot). A reader never writes the FAISS file
after its first load.
"""
import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from registre.errors import IndexMissing
from registre.index.embedder import Embedder, default_embedder
from registre.index.ingestion import IngestReport, ingest_paths
from registre.index.search import Filters, Searcher
from registre.index.store import DB_NAME, VECTORS_NAME, Store
from registre.index.vectors import VectorIndex
from registre.records import Deliberation, SearchResult


def index_folder(path: str | os.PathLike | None) -> Path:
    return Path(path or os.environ.get("REGISTRE_INDEX") or ".registre")


class Engine:
    def __init__(self, store: Store):
        self.store = store
        self.searcher = Searcher(store)
        self._chain = None
        self.llm = None
        self._vectors_file: tuple | None = None  # (mtime, size, inode) of the FAISS file in memory
        self._foreign_write = False  # another connection committed since the vectors were loaded
        self._data_version = 0

    @classmethod
    def open(cls, path=None, embedder: Embedder | None = None, create: bool = True, llm=None) -> "Engine":
        folder = index_folder(path)
        if not create and not (folder / DB_NAME).is_file():
            raise IndexMissing(str(folder))
        engine = cls(Store.open(folder, embedder or default_embedder()))
        engine.llm = llm
        return engine

    def ingest(self, paths: Iterable[str | os.PathLike],
               progress: Callable[[Path, int, int], None] | None = None, runner=None) -> IngestReport:
        """Add files and folders; `runner` parses them (default: a process per core; a
        `registre.index.distributed.RayRunner` for Ray)."""
        return ingest_paths(self.store, [Path(p) for p in paths], progress, runner)

    def search(self, query: str, k: int = 10, year: int | None = None, date_from=None, date_to=None,
               instance: str | None = None, collectivite: str | None = None) -> list[SearchResult]:
        filters = Filters(year, date_from, date_to, instance, collectivite)
        with self.reading():
            return self.searcher.search(query, k, filters)

    @contextlib.contextmanager
    def reading(self):
        """One consistent view of the index (the freshest saved vectors and a SQLite read
        transaction) for the calls made inside; nested uses share the outer one."""
        with self.store.lock:
            if not self.store.conn.in_transaction:
                self._refresh_vectors()
            with self.snapshot():
                yield

    @contextlib.contextmanager
    def snapshot(self):
        """A SQLite read transaction around the reads made inside (no vectors needed)."""
        conn = self.store.conn
        with self.store.lock:
            if conn.in_transaction:
                yield
                return
            conn.execute("BEGIN")  # deferred: the snapshot is taken at the first read
            try:
                yield
            finally:
                conn.execute("COMMIT")  # read-only: nothing to keep or undo

    def _refresh_vectors(self) -> None:
        """Load the vectors on first use (repairing them if needed); later, load the FAISS file
        again when another connection has written and the file has changed since. Our own
        writes keep the vectors in memory, which are then newer than the file."""
        if self._vectors_file is None:
            self.store.vectors  # noqa: B018 -- loads and repairs
            self._vectors_file = _file_stamp(self.store.folder / VECTORS_NAME)
            self._data_version = self._version()
            return
        version = self._version()
        self._foreign_write |= version != self._data_version
        self._data_version = version
        stamp = _file_stamp(self.store.folder / VECTORS_NAME)
        if self._foreign_write and stamp is not None and stamp != self._vectors_file:
            loaded = VectorIndex.load(self.store.folder / VECTORS_NAME)
            if loaded.dim == self.store.embedder.dim:
                self.store.vectors = loaded
            self._vectors_file, self._foreign_write = stamp, False

    def _version(self) -> int:
        """SQLite's data_version: it moves when another connection commits."""
        return self.store.conn.execute("PRAGMA data_version").fetchone()[0]

    def deliberation(self, delib_id: int) -> Deliberation:
        with self.snapshot():  # its row, sections and amounts from the same commit
            return self.store.deliberation(delib_id)

    def find(self, number: str | None = None, day=None, **filters) -> list[int]:
        return self.store.find_deliberations(number, day, Filters(**filters))

    def collectivites(self) -> list[str]:
        return [row[0] for row in self.store.conn.execute(
            "SELECT DISTINCT collectivite FROM deliberations WHERE collectivite IS NOT NULL")]

    def name_matches(self, name: str) -> list[int]:
        return sorted({m.deliberation_id for m in self.searcher.vocabulary.match_names(name)})

    def deliberations(self, include_duplicates: bool = False) -> Iterator[Deliberation]:
        for delib_id in self.store.deliberation_ids(include_duplicates):
            yield self.store.deliberation(delib_id)

    def as_retriever(self, k: int = 5, **filters):
        from registre.index.retriever import RegistreRetriever

        return RegistreRetriever(engine=self, k=k, filters=filters)

    def ask(self, question: str, llm=None):
        from registre.qa.chain import build_chain

        if self._chain is None or llm is not None:
            chain = build_chain(self, llm or self.llm)
            if llm is not None:
                with self.reading():
                    return chain.invoke(question)
            self._chain = chain
        with self.reading():
            return self._chain.invoke(question)


def _file_stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino
