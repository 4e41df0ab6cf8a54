import os

import numpy as np
import pytest

from registre.errors import IndexMissing
from registre.index.embedder import HashEmbedder
from registre.index.vectors import VectorIndex

TEXTS = [
    "Subvention 2020 à l'association Forez Entreprendre",
    "Plan d'actions PLIE - action Weeejob",
    "Partenariat avec l'association Emmaüs Connect pour la collecte de matériel informatique",
    "Convention d'appui à la lutte contre la pauvreté et d'accès à l'emploi",
    "Subventions en fonctionnement supérieures à 23 000 €",
]
IDS = np.array([10, 20, 30, 40, 50], dtype=np.int64)
EMBEDDER = HashEmbedder(64)


@pytest.fixture
def index():
    index = VectorIndex.create(EMBEDDER.dim)
    index.add(IDS, EMBEDDER.embed(TEXTS))
    return index


def query(text):
    return EMBEDDER.embed([text])[0]


def test_create_and_add(index):
    assert index.ntotal == 5
    assert index.dim == 64
    assert index.ids().tolist() == [10, 20, 30, 40, 50]


def test_search_finds_each_text_first(index):
    for chunk_id, text in zip(IDS, TEXTS):
        best_id, best_score = index.search(query(text), 1)[0]
        assert best_id == chunk_id
        assert best_score == pytest.approx(1.0, abs=1e-5)


def test_search_returns_no_padding(index):
    hits = index.search(query("subvention"), 50)
    assert sorted(chunk_id for chunk_id, _ in hits) == [10, 20, 30, 40, 50]
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True)


def test_save_load_round_trip(index, tmp_path):
    path = tmp_path / "vectors.faiss"
    index.save(path)
    loaded = VectorIndex.load(path)
    assert loaded.ntotal == 5
    assert loaded.dim == 64
    assert loaded.ids().tolist() == [10, 20, 30, 40, 50]
    for text in TEXTS + ["subvention association"]:
        assert loaded.search(query(text), 5) == index.search(query(text), 5)
    assert sorted(os.listdir(tmp_path)) == ["vectors.faiss"]


def test_load_missing_file_is_a_french_error(tmp_path):
    with pytest.raises(IndexMissing) as error:
        VectorIndex.load(tmp_path / "absent.faiss")
    assert str(error.value) == (
        f"Index introuvable : {tmp_path / 'absent.faiss'} (lancez d'abord « registre ingest »)"
    )


def test_remove(index, tmp_path):
    assert index.remove([20, 40, 999]) == 2
    assert index.ntotal == 3
    assert sorted(index.ids().tolist()) == [10, 30, 50]
    assert sorted(dict(index.search(query(TEXTS[1]), 5))) == [10, 30, 50]
    assert [chunk_id for chunk_id, _ in index.search(query(TEXTS[2]), 5, [30, 40])] == [30]
    index.save(tmp_path / "vectors.faiss")
    assert sorted(VectorIndex.load(tmp_path / "vectors.faiss").ids().tolist()) == [10, 30, 50]


def test_allowed_ids_filter_inside_faiss(index):
    hits = index.search(query(TEXTS[0]), 5, allowed_ids=[30, 50])
    assert sorted(chunk_id for chunk_id, _ in hits) == [30, 50]
    assert index.search(query(TEXTS[0]), 1, allowed_ids=[40])[0][0] == 40
    assert index.search(query(TEXTS[0]), 5, allowed_ids=[]) == []
    assert index.search(query(TEXTS[0]), 5, allowed_ids=[999]) == []


def test_add_rejects_known_ids_and_wrong_shapes(index):
    with pytest.raises(ValueError):
        index.add(np.array([10], dtype=np.int64), EMBEDDER.embed(["x"]))
    with pytest.raises(ValueError):
        index.add(np.array([60], dtype=np.int64), np.zeros((1, 32), dtype=np.float32))
    assert index.ntotal == 5


def test_interrupted_save_leaves_old_file(index, tmp_path, monkeypatch):
    path = tmp_path / "vectors.faiss"
    index.save(path)
    before = index.search(query("subvention"), 5)
    # A crash after writing the temporary file but before replacing:
    (tmp_path / ".vectors.faiss.crash.tmp").write_bytes(b"half a faiss fi")
    index.remove([10])

    def crash(src, dst):
        raise OSError("disque plein")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        index.save(path)
    monkeypatch.undo()

    assert VectorIndex.load(path).search(query("subvention"), 5) == before
    assert sorted(os.listdir(tmp_path)) == [".vectors.faiss.crash.tmp", "vectors.faiss"]


def sentence_corpus(n: int) -> tuple[np.ndarray, list[str]]:
    """n distinct sentences of the samples' vocabulary, with ids spaced as chunk ids are."""
    rng = np.random.default_rng(1)
    words = " ".join(TEXTS).split()
    texts = [" ".join(rng.choice(words, 8)) + f" n° {i}" for i in range(n)]
    return np.arange(1, n + 1, dtype=np.int64) * 3, texts


def test_index_becomes_an_ivf_past_flat_max_and_keeps_its_answers(monkeypatch, tmp_path):
    monkeypatch.setattr("registre.index.vectors.FLAT_MAX", 400)
    ids, texts = sentence_corpus(1200)
    vectors = EMBEDDER.embed(texts)
    flat = VectorIndex.create(EMBEDDER.dim)
    flat._index.add_with_ids(vectors, ids)  # the exact answers, never converted
    growing = VectorIndex.create(EMBEDDER.dim)
    for start in range(0, len(ids), 100):  # added file by file, as ingestion does
        growing.add(ids[start:start + 100], vectors[start:start + 100])
    assert growing.kind == "ivf" and growing.ntotal == 1200
    assert sorted(growing.ids().tolist()) == ids.tolist()
    overlap = [len({i for i, _ in growing.search(vectors[n], 10)} & {i for i, _ in flat.search(vectors[n], 10)})
               for n in range(0, 1200, 40)]
    assert sum(overlap) / (10 * len(overlap)) >= 0.9
    assert all(growing.search(vectors[n], 1)[0][0] == ids[n] for n in range(0, 1200, 40))

    growing.remove(ids[:50])
    assert growing.ntotal == 1150 and not set(ids[:50].tolist()) & set(growing.ids().tolist())
    allowed = ids[600:610]
    assert {i for i, _ in growing.search(vectors[0], 5, allowed)} <= set(allowed.tolist())

    growing.save(tmp_path / "vectors.faiss")
    loaded = VectorIndex.load(tmp_path / "vectors.faiss")
    assert loaded.kind == "ivf" and loaded.search(vectors[700], 3) == growing.search(vectors[700], 3)


def test_ivf_is_retrained_when_it_has_grown_fourfold(monkeypatch):
    monkeypatch.setattr("registre.index.vectors.FLAT_MAX", 100)
    ids, texts = sentence_corpus(2000)
    vectors = EMBEDDER.embed(texts)
    index = VectorIndex.create(EMBEDDER.dim)
    index.add(ids[:101], vectors[:101])
    first_lists = index._index.nlist
    index.add(ids[101:], vectors[101:])
    assert index._index.nlist > first_lists
    assert index.search(vectors[1500], 1)[0][0] == ids[1500]
