"""The engine behind the Python API, the CLI and the app.

In: an index folder and settings (embedder, LLM). Out: `ingest`, `search`, `ask`,
`as_retriever`, `deliberations` over that folder.
"""
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from registre.errors import IndexMissing
from registre.index.embedder import Embedder, default_embedder
from registre.index.ingestion import IngestReport, ingest_paths
from registre.index.search import Filters, Searcher
from registre.index.store import DB_NAME, Store
from registre.records import Deliberation, SearchResult


def index_folder(path: str | os.PathLike | None) -> Path:
    return Path(path or os.environ.get("REGISTRE_INDEX") or ".registre")


class Engine:
    def __init__(self, store: Store):
        self.store = store
        self.searcher = Searcher(store)
        self._chain = None
        self.llm = None

    @classmethod
    def open(cls, path=None, embedder: Embedder | None = None, create: bool = True, llm=None) -> "Engine":
        folder = index_folder(path)
        if not create and not (folder / DB_NAME).is_file():
            raise IndexMissing(str(folder))
        engine = cls(Store.open(folder, embedder or default_embedder()))
        engine.llm = llm
        return engine

    def ingest(self, paths: Iterable[str | os.PathLike],
               progress: Callable[[Path, int, int], None] | None = None) -> IngestReport:
        return ingest_paths(self.store, [Path(p) for p in paths], progress)

    def search(self, query: str, k: int = 10, year: int | None = None, date_from=None, date_to=None,
               instance: str | None = None, collectivite: str | None = None) -> list[SearchResult]:
        filters = Filters(year, date_from, date_to, instance, collectivite)
        return self.searcher.search(query, k, filters)

    def deliberation(self, delib_id: int) -> Deliberation:
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
                return chain.invoke(question)
            self._chain = chain
        return self._chain.invoke(question)
