"""Fixtures of the answer chain's tests: `register`, a real index (SQLite + FAISS, MiniLM) of a
few registers written inline (tests/qa/registers.py)."""
import dataclasses

import pytest

from registre.engine import Engine
from registre.settings import DEFAULTS


@pytest.fixture(scope="module")
def register(tmp_path_factory, embedder):
    """register({file name: text}) -> an Engine over these registers, read in this process."""
    def build(texts: dict[str, str]) -> Engine:
        folder = tmp_path_factory.mktemp("registers")
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        engine = Engine.open(folder / "index", embedder=embedder, settings=dataclasses.replace(DEFAULTS, workers=1))
        report = engine.ingest([folder / name for name in texts])
        assert report.failed == []
        return engine

    return build
