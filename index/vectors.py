"""A FAISS inner-product index of normalised vectors, keyed by chunk id, saved atomically.

In: int64 chunk ids with float32 vectors (rows L2-normalised, so inner product = cosine);
a query vector, k and optionally the ids allowed to match.
Out: (chunk id, score) pairs, best first; a FAISS file on disk (`save`/`load`).

The kind of index follows its size. Up to FLAT_MAX vectors, an exact flat scan (a
single-thread scan of 50k vectors of 384 floats takes under 10 ms here). Beyond, an
inverted file (IVF of √n lists, trained on the vectors themselves: more lists would
cost minutes of k-means at 1M vectors on 2 cores) that scans NPROBE_SHARE of its lists.
`python -m registre.bench.vectors_bench` measures both kinds and their overlap.
"""
import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import faiss
import numpy as np

from registre.errors import IndexMissing

FLAT_MAX = 50_000
NPROBE_SHARE = 1 / 16  # lists scanned per query (at least MIN_NPROBE)
MIN_NPROBE = 16
TRAIN_PER_LIST = 40  # k-means sample: FAISS warns under 39 points per list
REBUILD_GROWTH = 4  # retrain when the index has grown this much since training (lists too long)


class VectorIndex:
    """An `IndexIDMap2` over an exact `IndexFlatIP`, or an `IndexIVFFlat` past FLAT_MAX."""

    def __init__(self, index: faiss.Index):
        self._index: Any = index  # flat or IVF: faiss's stubs know only the base class

    @classmethod
    def create(cls, dim: int) -> "VectorIndex":
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @classmethod
    def load(cls, path: str | os.PathLike) -> "VectorIndex":
        if not Path(path).is_file():
            raise IndexMissing(str(path))
        index = faiss.read_index(str(path))
        if not isinstance(index, faiss.IndexIDMap2 | faiss.IndexIVFFlat):
            raise TypeError(f"{path} holds a {type(index).__name__}, not an IndexIDMap2 or IndexIVFFlat")
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
    def kind(self) -> str:
        return "ivf" if isinstance(self._index, faiss.IndexIVFFlat) else "flat"

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def ids(self) -> np.ndarray:
        """All stored ids (int64), in storage order."""
        if self.kind == "flat":
            return faiss.vector_to_array(self._index.id_map).astype(np.int64, copy=False)
        lists = self._index.invlists
        parts = [faiss.rev_swig_ptr(lists.get_ids(n), lists.list_size(n)).copy()
                 for n in range(lists.nlist) if lists.list_size(n)]
        return np.concatenate(parts).astype(np.int64, copy=False) if parts else np.empty(0, dtype=np.int64)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        ids = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape ({len(ids)}, {self.dim}), "
                             f"got {vectors.shape}")
        if len(np.unique(ids)) != len(ids) or np.isin(ids, self.ids()).any():
            raise ValueError("ids must be unique and not already in the index")
        _one_thread()
        if len(ids):
            self._index.add_with_ids(vectors, ids)
        self.fit_to_size()

    def remove(self, ids: Sequence[int] | np.ndarray) -> int:
        """Remove these ids (absent ones are ignored); returns how many were removed."""
        ids = np.ascontiguousarray(ids, dtype=np.int64).reshape(-1)
        if not len(ids):
            return 0
        _one_thread()
        # The IVF's id hashtable only removes by an explicit array of ids.
        selector = faiss.IDSelectorBatch(ids) if self.kind == "flat" else faiss.IDSelectorArray(ids)
        return int(self._index.remove_ids(selector))

    def search(
        self, vector: np.ndarray, k: int, allowed_ids: Sequence[int] | np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k nearest ids with their inner products, best first, among `allowed_ids` if given."""
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        if query.shape[1] != self.dim:
            raise ValueError(f"expected a vector of dimension {self.dim}, got {query.shape[1]}")
        k = min(k, self.ntotal)
        params = faiss.SearchParameters() if self.kind == "flat" else self._ivf_parameters()
        if allowed_ids is not None:
            allowed = np.unique(np.asarray(allowed_ids, dtype=np.int64))
            k = min(k, len(allowed))
            params.sel = faiss.IDSelectorBatch(allowed)
        if k <= 0:
            return []
        _one_thread()
        scores, found = self._index.search(query, k, params=params)
        return [(int(i), float(s)) for i, s in zip(found[0], scores[0]) if i != -1]

    # -- the kind of index follows the size ------------------------------------------
    def fit_to_size(self) -> bool:
        """Rebuild as the kind of index its size calls for (an index saved by an older
        version or with other limits); True when it changed."""
        if not self._needs_rebuild():
            return False
        self._rebuild()
        return True

    def _needs_rebuild(self) -> bool:
        if self.kind == "flat":
            return self.ntotal > FLAT_MAX
        return self.ntotal > REBUILD_GROWTH * self._index.nlist ** 2  # nlist = √(n at training)

    def _rebuild(self) -> None:
        """Move every vector into a newly trained IVF sized for the current count."""
        _one_thread()
        ids = self.ids()
        vectors = self._index.reconstruct_batch(ids)
        nlist = max(1, round(math.sqrt(len(ids))))
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(self.dim), self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).choice(len(ids), min(len(ids), nlist * TRAIN_PER_LIST), replace=False)
        ivf.train(vectors[np.sort(sample)])
        ivf.set_direct_map_type(cast(Any, faiss).DirectMap.Hashtable)  # remove and reconstruct by chunk id
        ivf.add_with_ids(vectors, ids)
        self._index = ivf

    def _ivf_parameters(self) -> Any:
        params = faiss.SearchParametersIVF()
        params.nprobe = self._nprobe()
        return params

    def _nprobe(self) -> int:
        return min(self._index.nlist, max(MIN_NPROBE, round(self._index.nlist * NPROBE_SHARE)))


def _one_thread() -> None:
    """FAISS work here runs on one OpenMP thread (a setting of the calling thread only).
    A query or a file's vectors are a few ms of work: a team of threads costs more than it
    saves and takes cores from concurrent requests. And an ingest that crossed FLAT_MAX
    with its parse workers running once hung for good in the IVF training, OpenBLAS
    waiting for OpenMP threads that no longer existed; one thread never starts a team."""
    faiss.omp_set_num_threads(1)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
