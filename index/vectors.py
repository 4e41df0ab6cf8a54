"""A FAISS inner-product index of normalised vectors, keyed by chunk id, saved atomically.

In: int64 chunk ids with float32 vectors (rows L2-normalised, so inner product = cosine);
a query vector, k and optionally the ids allowed to match.
Out: (chunk id, score) pairs, best first; a FAISS file on disk (`save`/`load`).
"""
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from registre.errors import IndexMissing


class VectorIndex:
    """An `IndexIDMap2` over an exact `IndexFlatIP`."""

    def __init__(self, index: faiss.IndexIDMap2):
        self._index = index

    @classmethod
    def create(cls, dim: int) -> "VectorIndex":
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @classmethod
    def load(cls, path: str | os.PathLike) -> "VectorIndex":
        if not Path(path).is_file():
            raise IndexMissing(str(path))
        index = faiss.read_index(str(path))
        if not isinstance(index, faiss.IndexIDMap2):
            raise TypeError(f"{path} holds a {type(index).__name__}, not an IndexIDMap2")
        return cls(index)

    def save(self, path: str | os.PathLike) -> None:
        """Write the index to `path` atomically: the old file stays whole until the new one is."""
        target = Path(path)
        data = faiss.serialize_index(self._index).tobytes()
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, target.stat().st_mode if target.exists() else 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def ids(self) -> np.ndarray:
        """All stored ids (int64), in storage order."""
        return faiss.vector_to_array(self._index.id_map).astype(np.int64, copy=False)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape ({len(ids)}, {self.dim}), "
                             f"got {vectors.shape}")
        if len(np.unique(ids)) != len(ids) or np.isin(ids, self.ids()).any():
            raise ValueError("ids must be unique and not already in the index")
        if len(ids):
            self._index.add_with_ids(vectors, ids)

    def remove(self, ids: Sequence[int] | np.ndarray) -> int:
        """Remove these ids (absent ones are ignored); returns how many were removed."""
        ids = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        if not len(ids):
            return 0
        return int(self._index.remove_ids(faiss.IDSelectorBatch(ids)))

    def search(
        self, vector: np.ndarray, k: int, allowed_ids: Sequence[int] | None = None
    ) -> list[tuple[int, float]]:
        """The k nearest ids with their inner products, best first, among `allowed_ids` if given."""
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if query.shape[1] != self.dim:
            raise ValueError(f"expected a vector of dimension {self.dim}, got {query.shape[1]}")
        k = min(k, self.ntotal)
        params = None
        if allowed_ids is not None:
            allowed = np.unique(np.asarray(allowed_ids, dtype=np.int64))
            k = min(k, len(allowed))
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        if k <= 0:
            return []
        scores, found = self._index.search(query, k, params=params)
        return [(int(i), float(s)) for i, s in zip(found[0], scores[0]) if i != -1]


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
