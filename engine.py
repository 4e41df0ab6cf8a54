"""The engine: the one door to an index for the Python API, the CLI, the app, eval and bench.

In: an index folder and settings (embedder, LLM, read limits, workers). Out: `ingest`,
`search`, `ask`, `as_retriever`, and what callers read from an index (deliberations,
documents, counts, chunk texts, the grants ledger per deliberation and per beneficiary, the
SCDL exports, a generation stamp). Nobody else holds the store.

Reading while another process ingests into the same folder (one writer, any number of
readers): each `search` and `ask` reads one SQLite snapshot (a read transaction), so a
deliberation it returns is whole even if a newer version is committed meanwhile; and the
FAISS file is loaded again once another connection has written and saved it. Until then
the vectors in memory may lack new chunks (BM25 still finds them) or hold removed ones
(the search drops ids it cannot find in its snapshot). A reader never writes the FAISS file
after its first load.
"""
import contextlib
import datetime as dt
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from registre.errors import IndexMissing
from registre.index import ledger_views
from registre.index.authors import settle_authors
from registre.index.directory import Beneficiaires, Collectivites
from registre.index.embedder import Embedder, default_embedder, recipe
from registre.index.gazetteer import Gazetteer
from registre.index.ledger import Beneficiary
from registre.index.scdl import Export, deliberation_rows
from registre.index.search import Filters, Searcher
from registre.index.store import DB_NAME, VECTORS_NAME, Store
from registre.index.subventions import subvention_rows
from registre.index.vectors import VectorIndex
from registre.ingest import ReadLimits
from registre.ingest.pipeline import IngestReport, ingest_paths
from registre.ingest.pipeline.parallel import Runner, local_runner
from registre.ingest.pipeline.parsing import failure
from registre.records import Deliberation, SearchResult, WriteStep
from registre.settings import DEFAULTS, Settings

if TYPE_CHECKING:  # LangChain is imported with the chain, on the first question only
    from langchain_core.runnables import Runnable

Generation = tuple[int, int]


class Engine:
    def __init__(self, store: Store, settings: Settings = DEFAULTS):
        self.store = store
        self.settings = settings
        self.searcher = Searcher(store)
        self._gazetteer = Gazetteer(store.conn, lambda: ((i, store.deliberation(i)) for i in store.deliberation_ids()))
        self._chain: Runnable | None = None
        self.llm = None
        self._vectors_file: tuple | None = None  # (mtime, size, inode) of the FAISS file in memory
        self._foreign_write = False  # another connection committed since the vectors were loaded
        self._data_version = 0

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, embedder: Embedder | None = None, create: bool = True,
             llm=None, settings: Settings = DEFAULTS) -> "Engine":
        """The index at `path` (default: `settings.index`); the embedder and the rest as the
        settings say unless given."""
        folder = Path(path) if path else settings.index
        if not create and not (folder / DB_NAME).is_file():
            raise IndexMissing(str(folder))
        embedder = embedder or default_embedder(settings.embedder, settings.embedder_backend, settings.cache)
        on_step = _kill_at(*settings.test_kill_at) if settings.test_kill_at else None
        engine = cls(Store.open(folder, embedder, on_step), settings)
        engine.llm = llm
        return engine

    # -- what the index holds ---------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self.store.folder

    @property
    def embedder(self) -> Embedder:
        return self.store.embedder

    @property
    def lock(self) -> threading.RLock:
        """Held by every read and write of the index: callers that read several things in a
        row hold it to see them from one state (an upload never meets a search half way)."""
        return self.store.lock

    def generation(self) -> Generation:
        """A stamp that moves whenever the index changes, here or in another process."""
        return self.store.generation()

    def counts(self) -> dict[str, int]:
        """documents, deliberations (duplicates left out), pages, amounts, chunks."""
        return self.store.counts()

    def deliberation_ids(self, include_duplicates: bool = False) -> list[int]:
        """Ids by séance date, number and id; duplicates (the same deliberation from another
        file) only when asked."""
        return self.store.deliberation_ids(include_duplicates)

    def has_deliberation(self, delib_id: int) -> bool:
        return delib_id in self.store.deliberation_ids(include_duplicates=True)

    def deliberation(self, delib_id: int) -> Deliberation:
        with self.snapshot():  # its row, sections and amounts from the same commit
            return self.store.deliberation(delib_id)

    def deliberations(self, include_duplicates: bool = False) -> Iterator[Deliberation]:
        for delib_id in self.store.deliberation_ids(include_duplicates):
            yield self.store.deliberation(delib_id)

    def documents(self) -> list[tuple[str, list[Deliberation]]]:
        """(source, its deliberations in order, duplicates left out) per file, in ingestion order."""
        with self.snapshot():
            return self.store.documents()

    def is_stored(self, path: Path) -> bool:
        """True when the file at `path` is in the index (as that path)."""
        return self.store.stored_file(str(path.resolve())) is not None

    def find(self, number: str | None = None, day=None, **filters) -> list[int]:
        return self.store.find_deliberations(number, day, Filters(**filters))

    def collectivites(self) -> list[str]:
        return self.store.collectivites()

    def name_matches(self, name: str) -> list[int]:
        return sorted({m.deliberation_id for m in self.searcher.vocabulary.match_names(name)})

    def gazetteer(self) -> Gazetteer:
        """The names questions are read against (collectivités, instances, people and their
        roles, beneficiaries, numbers), current with the index."""
        with self.snapshot():
            return self._gazetteer.refresh()

    def known_word(self, word: str) -> bool:
        """True when the word (folded) is printed as a proper name somewhere in the index."""
        return self.searcher.vocabulary.has_word(word)

    def chunk_texts(self, every: int = 1, limit: int | None = None) -> list[str]:
        """The texts embedded for the chunks (header, then text), in id order: those whose
        id is a multiple of `every`, at most `limit`."""
        return self.store.chunk_texts(every, limit)

    def chunk_text_from(self, chunk_id: int) -> str | None:
        """The text of the first chunk whose id is `chunk_id` or more (None past the last)."""
        return self.store.chunk_text_from(chunk_id)

    def last_chunk_id(self) -> int:
        return self.store.last_chunk_id()

    def granted_totals(self, delib_ids: Iterable[int]) -> dict[int, Decimal]:
        """What each deliberation grants in all (index.ledger.granted), read from the ledger table."""
        return self.store.granted_totals(delib_ids)

    def checkpoint(self) -> None:
        """Write everything into the index files (before measuring their size)."""
        self.store.checkpoint()

    # -- the grants ledger and the open-data exports ------------------------------------
    def beneficiaries(self, name: str | None = None, collectivite: str | None = None,
                      year: int | None = None) -> list[Beneficiary]:
        """Every grant decision per beneficiary (those whose key holds `name`'s), with the nets
        per collectivité and year; `collectivite` and `year` narrow them."""
        with self.snapshot():
            return ledger_views.beneficiaries(self.store, name, collectivite, year)

    def ledger_nets(self) -> list[tuple[str, int | None, Decimal]]:
        """(printed name, year, net) of every beneficiary and year (collectivités summed)."""
        with self.snapshot():
            return ledger_views.nets(self.store)

    def export_deliberations(self, collectivites: Collectivites) -> Export:
        """SCDL « Délibérations » rows of the deliberations (duplicates left out)."""
        with self.snapshot():
            return deliberation_rows(self.deliberations(), collectivites)

    def export_subventions(self, collectivites: Collectivites, beneficiaires: Beneficiaires) -> Export:
        """SCDL « Subventions » rows: one per grant decision that took effect."""
        with self.snapshot():
            return subvention_rows(self.deliberations(), collectivites, beneficiaires)

    # -- writing ------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike],
               progress: Callable[[Path, int, int], None] | None = None, runner: Runner | None = None) -> IngestReport:
        """Add files and folders; `runner` parses them (default: REGISTRE_WORKERS processes;
        `ray_runner()` for Ray)."""
        runner = runner or local_runner(self.settings.workers, self.read_limits)
        report = ingest_paths(self.store, [Path(p) for p in paths], progress, runner)
        try:
            settle_authors(self.store)  # a name printed in these files may tell who wrote earlier ones
        except Exception as error:  # noqa: BLE001 -- the files are indexed all the same: reported, not raised
            report.fail(failure("collectivités déduites", "write", error))
        return report

    @property
    def read_limits(self) -> ReadLimits:
        return ReadLimits(self.settings.max_file_mb, self.settings.ocr_dpi)

    def ray_runner(self, address: str | None = None) -> Runner:
        """A runner for `ingest` that parses and embeds on Ray (`address`, else a local Ray)."""
        from registre.ingest.pipeline.distributed import RayRunner

        return RayRunner(recipe(self.store.embedder), address, limits=self.read_limits)

    # -- reading ------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, year: int | None = None, date_from: dt.date | None = None,
               date_to: dt.date | None = None, instance: str | None = None,
               collectivite: str | None = None, matiere: str | None = None,
               granted_min: Decimal | None = None, granted_max: Decimal | None = None) -> list[SearchResult]:
        filters = Filters(year, date_from, date_to, instance, collectivite, matiere, granted_min, granted_max)
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

    def snapshot(self):
        """A SQLite read transaction around the reads made inside (no vectors needed)."""
        return self.store.read_transaction()

    def _refresh_vectors(self) -> None:
        """Load the vectors on first use (repairing them if needed); later, load the FAISS file
        again when another connection has written and the file has changed since. Our own
        writes keep the vectors in memory, which are then newer than the file."""
        if self._vectors_file is None:
            self.store.vectors  # noqa: B018 -- loads and repairs
            self._vectors_file = _file_stamp(self.store.folder / VECTORS_NAME)
            self._data_version = self.generation()[1]
            return
        version = self.generation()[1]  # moves when another connection commits
        self._foreign_write |= version != self._data_version
        self._data_version = version
        stamp = _file_stamp(self.store.folder / VECTORS_NAME)
        if self._foreign_write and stamp is not None and stamp != self._vectors_file:
            loaded = VectorIndex.load(self.store.folder / VECTORS_NAME)
            if loaded.dim == self.store.embedder.dim:
                self.store.vectors = loaded
            self._vectors_file, self._foreign_write = stamp, False

    def as_retriever(self, k: int = 5, **filters):
        from registre.qa.retriever import RegistreRetriever

        return RegistreRetriever(engine=self, k=k, filters=filters)

    def ask(self, question: str, llm: Any = None):
        from registre.qa.chain import build_chain

        if self._chain is None or llm is not None:
            chain = build_chain(self, llm or self.llm)
            if llm is not None:
                with self.reading():
                    return chain.invoke(question)
            self._chain = chain
        with self.reading():
            return self._chain.invoke(question)

    def close(self) -> None:
        """Close the index's SQLite connection (the engine is unusable after)."""
        self.store.conn.close()


def _kill_at(step: WriteStep, count: int) -> Callable[[WriteStep], None]:
    """Test-only (REGISTRE_TEST_KILL_AT, tests/test_crash.py): a hook that kills this process
    with SIGKILL, as a power cut would, the `count`-th time the writer reaches `step`."""
    reached = 0

    def hook(at: WriteStep) -> None:
        nonlocal reached
        reached += at == step
        if at == step and reached == count:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


def _file_stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino
