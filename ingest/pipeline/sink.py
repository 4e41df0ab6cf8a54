"""What the single writer needs from an index, as a Protocol (`index.store.Store` provides it).

In: nothing. Out: `Sink`: look files up by path and by content, embed texts through the
index's cache, store a parsed document in one transaction (and say what it indexed and
merged), save the vectors.
"""
from typing import Protocol

import numpy as np

from registre.records import Chunk, Deliberation, Document, StoredDocument, StoredFile


class Sink(Protocol):
    def stored_file(self, path: str) -> StoredFile | None:
        """The file stored from this (resolved) path, if any."""
        ...

    def stored_content(self, sha256: str) -> StoredFile | None:
        """A file stored with these bytes, whatever its path, if any."""
        ...

    def embed_texts(self, texts: list[str], computed: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Vectors by text; `computed` holds rows of `texts` already embedded elsewhere."""
        ...

    def replace_document(self, doc: Document, delibs: tuple[Deliberation, ...],
                         chunks: tuple[tuple[Chunk, ...], ...] | None = None,
                         vectors: dict[str, np.ndarray] | None = None) -> StoredDocument:
        """Store a document (replacing the one at its path) in one transaction: deliberations
        indexed, chunks added, deliberations merged into ones already indexed."""
        ...

    def save_vectors(self) -> None:
        """Write the vectors to disk."""
        ...
