"""The pure stage of ingestion: one file to its records and chunks, with no database.

In: a file path and `ReadLimits`. Out: a `Parsed` (the document, its deliberations, each
deliberation's chunks, or the `FileIssue` saying why the file could not be read). Picklable
both ways, so it runs in worker processes or on Ray workers; `file_identity` gives the
(path, SHA-256) pair the writer checks against the index before anything is parsed.
"""
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from registre.errors import RegistreError, UnreadableFile
from registre.ingest import ReadLimits, parse_document, read_file
from registre.ingest.chunks import make_chunks
from registre.records import Chunk, Deliberation, Document, FileIssue


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
    """Read, parse and chunk one file; a user-facing failure comes back as `error`."""
    try:
        if not path.exists():
            raise UnreadableFile(path.name, "fichier introuvable")
        doc = read_file(path, limits=limits)
        delibs = parse_document(doc)
    except UnreadableFile as error:
        return Parsed(path, error=FileIssue(error.source, error.reason))
    except RegistreError as error:
        return Parsed(path, error=FileIssue(path.name, str(error)))
    except OSError as error:
        return Parsed(path, error=FileIssue(path.name, error.strerror or str(error)))
    return Parsed(path, doc, delibs, tuple(tuple(make_chunks(d)) for d in delibs))


def file_identity(path: Path) -> tuple[str, str] | None:
    """(resolved path, SHA-256 of the bytes), as `read_file` records them; None when the file
    cannot be opened (the parse stage then reports why)."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return str(path.resolve()), digest.hexdigest()
    except OSError:
        return None
