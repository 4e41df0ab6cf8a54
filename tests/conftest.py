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
