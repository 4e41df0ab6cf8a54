"""The parse stage and embedding on a Ray cluster, for corpora beyond one machine.

In: paths (seen by every node at the same place: a shared or mounted folder), a recipe for
the writer's embedder (or None: the writer embeds), a cluster address (or none: a local Ray
on this machine's cores), `ReadLimits`. Out: `Parsed` results in input order, each carrying
its chunk vectors, for the single writer (writer.py). Files go to Ray tasks `BATCH_FILES`
at a time; a worker builds the embedder once from its recipe (a small value such as the
model path or "hash:DIM", never a pickled model) and never downloads anything.
"""
import os
import socket
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path
from typing import Protocol

import numpy as np

from registre.errors import RegistreError
from registre.ingest import ReadLimits
from registre.ingest.pipeline.parsing import Parsed, parse_file

BATCH_FILES = 4
IN_FLIGHT_PER_CPU = 2  # batches submitted ahead of the writer, per cluster CPU
CONNECT_TIMEOUT_S = 5


class TextEmbedder(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


# How a worker builds the writer's embedder: picklable and hashable by value (a frozen
# dataclass such as index.embedder.Recipe), so each worker process builds it once.
EmbedderRecipe = Callable[[], TextEmbedder]

_embedders: dict[Hashable, TextEmbedder] = {}  # per worker process: a model is loaded once


class RayUnavailable(RegistreError):
    pass


def parse_batch(paths: list[Path], recipe: EmbedderRecipe | None, limits: ReadLimits = ReadLimits()) -> list[Parsed]:
    """Parse files (OCR included) and embed their chunks with the embedder of `recipe`."""
    out = [parse_file(path, limits) for path in paths]
    if recipe is None:
        return out
    texts = [text for parsed in out for text in parsed.texts()]
    try:
        if recipe not in _embedders:
            _embedders[recipe] = recipe()
        vectors = _embedders[recipe].embed(texts) if texts else None
    except Exception:  # noqa: BLE001 -- the writer embeds these files itself, file by file if need be
        return out
    embedded, at = [], 0
    for parsed in out:
        count = len(parsed.texts())
        if parsed.document is not None and vectors is not None:
            parsed = replace(parsed, vectors=vectors[at:at + count])
        embedded.append(parsed)
        at += count
    return embedded


class RayRunner:
    """Connects to Ray on first use (`address`, else a local Ray of `num_cpus` CPUs) and
    shuts down a Ray it started itself when the run ends."""

    def __init__(self, recipe: EmbedderRecipe | None, address: str | None = None, num_cpus: int | None = None,
                 limits: ReadLimits = ReadLimits()):
        self.recipe = recipe
        self.address = address
        self.num_cpus = num_cpus or os.cpu_count() or 1
        self.limits = limits

    def __call__(self, paths: Iterable[Path]) -> Iterator[Parsed]:
        ray = _import_ray()
        paths = iter(paths)
        batches = iter(lambda: list(islice(paths, BATCH_FILES)), [])
        first = next(batches, None)
        if first is None:  # nothing to parse (an unchanged corpus): no cluster to start
            return
        started = not ray.is_initialized()
        if started:
            self._connect(ray)
        try:
            task = ray.remote(parse_batch)
            limit = max(1, int(ray.cluster_resources().get("CPU", 1))) * IN_FLIGHT_PER_CPU
            pending: deque = deque()
            for batch in chain([first], batches):
                pending.append(task.remote([path.resolve() for path in batch], self.recipe, self.limits))
                if len(pending) >= limit:
                    yield from ray.get(pending.popleft())
            while pending:
                yield from ray.get(pending.popleft())
        finally:
            if started:
                ray.shutdown()

    def _connect(self, ray) -> None:
        if self.address:
            _check_reachable(self.address)  # ray.init would retry for minutes
        try:
            if self.address:
                ray.init(address=self.address, logging_level="ERROR", log_to_driver=False)
            else:
                ray.init(num_cpus=self.num_cpus, include_dashboard=False, logging_level="ERROR",
                         log_to_driver=False)
        except Exception as error:  # Ray raises ConnectionError, RuntimeError or its own types
            where = f"à l'adresse {self.address}" if self.address else "en local"
            raise RayUnavailable(f"Cluster Ray injoignable {where} : {str(error).splitlines()[0]}") from None


def _import_ray():
    try:
        import ray
    except ImportError:
        raise RayUnavailable("Ray n'est pas installé : pip install 'registre[ray]' (moteur --engine ray)") from None
    return ray


def _check_reachable(address: str) -> None:
    """Fail fast when nothing listens at host:port ("auto" and other forms are left to Ray)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except ConnectionRefusedError:
        reason = "connexion refusée"
    except TimeoutError:
        reason = f"pas de réponse en {CONNECT_TIMEOUT_S} s"
    except OSError:
        reason = "hôte inconnu ou réseau inaccessible"
    else:
        return
    raise RayUnavailable(f"Cluster Ray injoignable à l'adresse {address} : {reason}")
