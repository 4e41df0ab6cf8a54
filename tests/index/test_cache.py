import sqlite3

import numpy as np
import pytest

from registre.index.cache import EmbeddingCache, embed_cached
from registre.index.embedder import HashEmbedder

TEXTS = [
    "Subvention 2020 à l'association Forez Entreprendre",
    "Plan d'actions PLIE - action Weeejob",
    "Subvention 2020 à l'association Forez Entreprendre",
    "Partenariat avec l'association Emmaüs Connect",
]


class CountingEmbedder:
    """A HashEmbedder that records every text it is asked to embed."""

    def __init__(self):
        self.inner = HashEmbedder(64)
        self.name = self.inner.name
        self.dim = self.inner.dim
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen.extend(texts)
        return self.inner.embed(texts)


@pytest.fixture
def conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "registre.db")
    yield conn
    conn.close()


def test_second_call_embeds_nothing(conn):
    embedder = CountingEmbedder()
    cache = EmbeddingCache(conn)
    first = embed_cached(embedder, cache, TEXTS)
    assert embedder.seen == [TEXTS[0], TEXTS[1], TEXTS[3]]
    second = embed_cached(embedder, cache, TEXTS)
    assert embedder.seen == [TEXTS[0], TEXTS[1], TEXTS[3]]
    assert first.dtype == second.dtype == np.float32
    assert first.shape == (4, 64)
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, HashEmbedder(64).embed(TEXTS))


def test_only_new_texts_are_embedded(conn):
    embedder = CountingEmbedder()
    cache = EmbeddingCache(conn)
    embed_cached(embedder, cache, TEXTS[:2])
    vectors = embed_cached(embedder, cache, ["Nouvelle délibération", TEXTS[1]])
    assert embedder.seen == [TEXTS[0], TEXTS[1], "Nouvelle délibération"]
    np.testing.assert_array_equal(
        vectors, HashEmbedder(64).embed(["Nouvelle délibération", TEXTS[1]])
    )


def test_cache_survives_commit_and_reopen(tmp_path):
    path = tmp_path / "registre.db"
    with sqlite3.connect(path) as conn:
        embed_cached(CountingEmbedder(), EmbeddingCache(conn), TEXTS)
    conn.close()
    conn = sqlite3.connect(path)
    embedder = CountingEmbedder()
    embed_cached(embedder, EmbeddingCache(conn), TEXTS)
    assert embedder.seen == []
    assert conn.execute("SELECT count(*), min(dim), max(dim) FROM embedding_cache").fetchone() == (
        3, 64, 64
    )
    conn.close()


def test_put_many_does_not_commit(tmp_path):
    path = tmp_path / "registre.db"
    conn = sqlite3.connect(path)
    cache = EmbeddingCache(conn)
    conn.commit()
    cache.put_many("hash-64", {cache.text_hash("x"): np.ones(64, dtype=np.float32)})
    other = sqlite3.connect(path)
    assert other.execute("SELECT count(*) FROM embedding_cache").fetchone() == (0,)
    conn.rollback()
    assert conn.execute("SELECT count(*) FROM embedding_cache").fetchone() == (0,)
    other.close()
    conn.close()


def test_get_many_batches_large_lookups(conn):
    cache = EmbeddingCache(conn)
    items = {cache.text_hash(str(i)): np.full(4, i, dtype=np.float32) for i in range(1203)}
    cache.put_many("m", items)
    found = cache.get_many("m", list(items) + ["absent"])
    assert len(found) == 1203
    np.testing.assert_array_equal(found[cache.text_hash("1202")], np.full(4, 1202, np.float32))
    assert cache.get_many("other-model", list(items)) == {}


def test_text_hash_is_sha1_of_utf8():
    assert EmbeddingCache.text_hash("Emmaüs") == "4942b1541bdf4c5c0db40fcee764260cd7080c03"


def test_empty_texts(conn):
    assert embed_cached(HashEmbedder(64), EmbeddingCache(conn), []).shape == (0, 64)
