"""Shared fixtures: the sample registers, a test PDF writer, a real index of the samples."""
import os
from pathlib import Path

import pytest
from locations import SAMPLES

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def make_pdf():
    from pdfs import make_pdf as writer

    return writer


@pytest.fixture(scope="session")
def embedder():
    from registre.index.embedder import default_embedder

    return default_embedder()


@pytest.fixture(scope="session")
def samples_engine(tmp_path_factory, embedder):
    """The five samples, as text and as PDF, in a real index (SQLite + FAISS, MiniLM)."""
    from registre.engine import Engine

    engine = Engine.open(tmp_path_factory.mktemp("samples-index"), embedder=embedder)
    report = engine.ingest([SAMPLES])
    assert report.failed == []
    return engine


@pytest.fixture(scope="session")
def corpus_engine(tmp_path_factory):
    """name ("fictional", "real", "samples") -> a real index (SQLite + FAISS) of that corpus, built
    on first use with hashed vectors: for the tests of records, the ledger and the exports, where
    the model is not the point."""
    from locations import CORPUS

    from registre.engine import Engine
    from registre.index.embedder import HashEmbedder
    from registre.ingest.pipeline.parallel import parse_in_process

    folders = {"fictional": CORPUS / "fictional" / "pdf", "real": CORPUS / "real" / "docs", "samples": SAMPLES}
    built: dict[str, Engine] = {}

    def get(name: str) -> Engine:
        if name not in built:
            engine = Engine.open(tmp_path_factory.mktemp(f"{name}-ledger-index"), embedder=HashEmbedder(384))
            # Parsed in this process: a pool forked from a session that has started threads (the
            # model's, tqdm's monitor) can hang on a lock copied held.
            assert engine.ingest([folders[name]], runner=parse_in_process).failed == []
            built[name] = engine
        return built[name]

    return get
