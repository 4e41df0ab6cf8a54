"""A SQLite cache of embeddings, so that re-ingesting never embeds the same text twice.

In: an open sqlite3 connection, an Embedder, texts.
Out: float32 vectors in the order of the texts (`embed_cached`); rows of the table
`embedding_cache(model, text_hash, dim, vector)` keyed by embedder name and SHA-1 of the text.
Writes happen in the caller's transaction: nothing here commits.
"""
import hashlib
import sqlite3
from collections.abc import Iterable, Sequence

import numpy as np

from registre.index.embedder import Embedder

_BATCH = 500
_DTYPE = np.dtype("<f4")


class EmbeddingCache:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        conn.execute(
            "CREATE TABLE IF NOT EXISTS embedding_cache ("
            " model TEXT NOT NULL, text_hash TEXT NOT NULL, dim INTEGER NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model, text_hash))"
        )

    @staticmethod
    def text_hash(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get_many(self, model: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """The cached vectors of `model` for those of `hashes` that are cached."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start:start + _BATCH]
            rows = self.conn.execute(
                "SELECT text_hash, dim, vector FROM embedding_cache"
                f" WHERE model = ? AND text_hash IN ({', '.join('?' * len(batch))})",
                [model, *batch],
            )
            for text_hash, dim, blob in rows:
                vector = np.frombuffer(blob, dtype=_DTYPE).astype(np.float32)
                if vector.shape == (dim,):
                    found[text_hash] = vector
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors by text hash; hashes already cached for `model` are left as they are."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO embedding_cache (model, text_hash, dim, vector)"
            " VALUES (?, ?, ?, ?)",
            [
                (model, text_hash, int(vector.size), np.asarray(vector, dtype=_DTYPE).tobytes())
                for text_hash, vector in items.items()
            ],
        )


def embed_cached(embedder: Embedder, cache: EmbeddingCache, texts: Sequence[str]) -> np.ndarray:
    """Vectors for `texts`, in order, embedding (once each) only the texts not yet cached."""
    if not texts:
        return np.empty((0, embedder.dim), dtype=np.float32)
    hashes = [cache.text_hash(text) for text in texts]
    vectors = cache.get_many(embedder.name, hashes)
    missing = {h: text for h, text in zip(hashes, texts) if h not in vectors}
    if missing:
        fresh = np.asarray(embedder.embed(list(missing.values())), dtype=np.float32)
        if fresh.shape[0] != len(missing):
            raise ValueError(f"{embedder.name} returned {fresh.shape[0]} vectors "
                             f"for {len(missing)} texts")
        computed = dict(zip(missing, fresh))
        cache.put_many(embedder.name, computed)
        vectors.update(computed)
    return np.stack([vectors[h] for h in hashes]).astype(np.float32, copy=False)
