"""The pure stage of ingestion: one file to its records and chunks, with no database.

In: a file path and `ReadLimits`. Out: a `Parsed` (the document, its deliberations, each
deliberation's chunks, or the `FileIssue` saying why and at which stage the file failed).
Picklable both ways, so it runs in worker processes or on Ray workers; `file_identity` gives
the (path, SHA-256) pair the writer checks against the index before anything is parsed.
`failure` turns any exception met with one file into that file's issue: a bug in a rule
fails its file, never the run.
"""
import hashlib
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from registre.errors import RegistreError, UnreadableFile
from registre.ingest import ReadLimits, parse_document, read_file
from registre.ingest.chunks import make_chunks
from registre.ingest.read import display_name, path_text
from registre.records import Chunk, Deliberation, Document, FileIssue, IngestStage

_SHOWN = 160  # characters of an unexpected error's message kept in its one line


@dataclass(frozen=True)
class Parsed:
    path: Path
    document: Document | None = None
    deliberations: tuple[Deliberation, ...] = ()
    chunks: tuple[tuple[Chunk, ...], ...] = ()  # one tuple per deliberation, in order
    error: FileIssue | None = None
    vectors: np.ndarray | None = field(default=None, compare=False)  # rows of texts(), if embedded

    def texts(self) -> list[str]:
        """The texts to embed, in chunk order."""
        return [chunk.indexed_text for per_delib in self.chunks for chunk in per_delib]


def parse_file(path: Path, limits: ReadLimits = ReadLimits()) -> Parsed:
    """Read, parse and chunk one file; any failure comes back as `error`, with its stage."""
    stage: IngestStage = "read"
    try:
        if not path.exists():
            raise UnreadableFile(display_name(path), "fichier introuvable")
        doc = read_file(path, limits=limits)
        stage = "parse"
        delibs = parse_document(doc)
        stage = "chunk"
        chunks = tuple(tuple(make_chunks(d)) for d in delibs)
    except Exception as error:  # noqa: BLE001 -- one file's failure, whatever it is, is that file's alone
        return Parsed(path, error=failure(display_name(path), stage, error))
    return Parsed(path, doc, delibs, chunks)


def failure(source: str, stage: IngestStage, error: Exception) -> FileIssue:
    """The issue of a file that failed at `stage`: a user-facing error as it is worded, a
    system error by its reason; anything else is a bug, reported as "erreur interne" in one
    line and carrying its traceback for the log."""
    if isinstance(error, UnreadableFile):
        return FileIssue(error.source, error.reason, stage)
    if isinstance(error, RegistreError):
        return FileIssue(source, str(error), stage)
    if isinstance(error, OSError) and error.strerror:
        return FileIssue(source, error.strerror, stage)
    said = " ".join(f"{type(error).__name__}: {error}".split())
    said = said if len(said) <= _SHOWN else said[:_SHOWN - 1] + "…"
    return FileIssue(source, f"erreur interne ({said})", stage, "".join(traceback.format_exception(error)))


def file_identity(path: Path) -> tuple[str, str] | None:
    """(resolved path, SHA-256 of the bytes), as `read_file` records them; None when the file
    cannot be opened (the parse stage then reports why)."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return path_text(path.resolve()), digest.hexdigest()
    except OSError:
        return None
