"""Shared fixtures for ingest tests: the bundled samples (text and PDF), the development
corpora (eval/corpus), `make_pdf`, and `delib`, which reads a few lines of register text."""

from pathlib import Path

import pdfs as _pdfs
import pytest
from locations import CORPUS, SAMPLES

from registre.ingest import parse_document, read_file
from registre.records import Document, Page


def sample_path(stem: str, kind: str) -> Path:
    """`stem` is the number prefix of a sample ("000"); `kind` is "txt" or "pdf"."""
    folder = SAMPLES if kind == "txt" else SAMPLES / "pdf"
    (path,) = folder.glob(f"{stem}_*.{kind}")
    return path


@pytest.fixture(scope="session")
def parsed():
    """parsed(stem, kind) -> (Document, deliberations), read once per session."""
    cache = {}

    def load(stem: str, kind: str):
        if (stem, kind) not in cache:
            doc = read_file(sample_path(stem, kind))
            cache[stem, kind] = (doc, parse_document(doc))
        return cache[stem, kind]

    return load


@pytest.fixture(scope="session")
def one(parsed):
    """one(stem, kind) -> the single deliberation of a one-deliberation sample."""
    def pick(stem: str, kind: str):
        _, delibs = parsed(stem, kind)
        (delib,) = delibs
        return delib

    return pick


@pytest.fixture(scope="session")
def sample_file():
    """sample_file(stem, kind) -> the path of a bundled sample."""
    return sample_path


@pytest.fixture
def make_pdf():
    return _pdfs.make_pdf


@pytest.fixture
def parse_pdf(tmp_path):
    """parse_pdf(pages) -> deliberations of a PDF written with the test writer."""
    def run(pages, name="registre.pdf"):
        path = _pdfs.make_pdf(tmp_path / name, pages)
        return parse_document(read_file(path))

    return run


@pytest.fixture
def parse_text(tmp_path):
    """parse_text(text, suffix=".txt") -> deliberations of a text extract written as UTF-8."""
    def run(text, suffix=".txt", name="registre"):
        path = tmp_path / f"{name}{suffix}"
        path.write_text(text, encoding="utf-8")
        return parse_document(read_file(path))

    return run


@pytest.fixture(scope="session")
def corpus():
    """corpus(name) -> deliberations of a file of the development corpora (fictional PDFs or
    real documents, by file name), read once per session."""
    cache = {}

    def load(name: str):
        if name not in cache:
            (path,) = [p for p in (CORPUS / "fictional" / "pdf" / name, CORPUS / "real" / "docs" / name) if p.exists()]
            cache[name] = parse_document(read_file(path))
        return cache[name]

    return load


@pytest.fixture
def delibs():
    """delibs(text) -> the deliberations of a register whose pages are `text` ("\f" between
    pages), parsed as the reader would hand it over, with no file."""
    def parse(text: str):
        pages = tuple(Page(number, page) for number, page in enumerate(text.split("\f"), start=1))
        return parse_document(Document("registre.txt", "registre.txt", "", "txt", pages))

    return parse


@pytest.fixture
def delib(delibs):
    """delib(text) -> the one deliberation (or the first) of a few lines of register text."""
    return lambda text: delibs(text)[0]
