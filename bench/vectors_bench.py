"""Vector search alone at 100k and 1M vectors: the flat scan against the IVF registre uses.

In: sizes, a seed. Out: a table (and --json) per size and kind of index: build seconds,
query latency p50/p95 (one query at a time, one thread, as a search runs) and the share
of the flat index's top 10 and top 100 that the IVF finds.

The vectors are the 384-dim hash embeddings of BASE synthetic chunk texts (sentences of the
samples with invented names, bench/synthetic.py); larger sizes add noisy copies of them
(σ = 0.05 before normalising), so near-duplicates abound as in real registers. A full 1M-chunk
index takes hours to build on 2 cores; this measures the part of search that grows fastest.

    python -m registre.bench.vectors_bench --sizes 100000,1000000
"""
import argparse
import json
import random
import time
from pathlib import Path

import faiss
import numpy as np

from registre.bench import SAMPLES
from registre.bench.bench import percentile
from registre.index import vectors as vector_module
from registre.index.embedder import HashEmbedder
from registre.index.vectors import VectorIndex

BASE = 50_000
QUERIES = 200


def base_vectors(seed: int, samples: Path = SAMPLES) -> np.ndarray:
    from registre.bench.synthetic import beneficiary_names, load_material

    rng = random.Random(seed)
    material = load_material(samples)
    names = beneficiary_names(rng, 5_000)
    texts = [f"{rng.choice(material.themes)} {rng.choice(names)} "
             + " ".join(rng.sample(material.sentences, 2)) for _ in range(BASE)]
    return HashEmbedder(384).embed(texts)


def grown(base: np.ndarray, size: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(base), size - len(base))
    noisy = base[picks] + 0.05 * rng.standard_normal((len(picks), base.shape[1]), dtype=np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    return np.vstack([base[:size], noisy]) if size > len(base) else base[:size]


def timed_search(index: VectorIndex, queries: np.ndarray, k: int = 100) -> tuple[list[float], list[list[int]]]:
    times: list[float] = []
    found: list[list[int]] = []
    for query in queries:
        start = time.perf_counter()
        hits = index.search(query, k)
        times.append((time.perf_counter() - start) * 1000)
        found.append([chunk_id for chunk_id, _ in hits])
    return times, found


def bench_size(base: np.ndarray, size: int, seed: int) -> list[dict]:
    data = grown(base, size, seed)
    ids = np.arange(1, size + 1, dtype=np.int64)
    rng = np.random.default_rng(seed + 1)
    queries = data[rng.integers(0, size, QUERIES)] + 0.1 * rng.standard_normal((QUERIES, data.shape[1]),
                                                                              dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    rows, exact, limit = [], None, vector_module.FLAT_MAX
    for kind in ("flat", "ivf"):
        vector_module.FLAT_MAX = size if kind == "flat" else 0  # force the kind for the comparison
        index = VectorIndex.create(data.shape[1])
        faiss.omp_set_num_threads(2)
        start = time.perf_counter()
        index.add(ids, data)
        build = time.perf_counter() - start
        times, found = timed_search(index, queries)
        exact = exact or found
        row = {"size": size, "kind": index.kind, "build_s": round(build, 1),
               "search_ms_p50": percentile(times, 50), "search_ms_p95": percentile(times, 95),
               "recall_at_10_vs_flat": overlap(found, exact, 10), "recall_at_100_vs_flat": overlap(found, exact, 100)}
        rows.append(row)
        print(row, flush=True)
    vector_module.FLAT_MAX = limit
    return rows


def overlap(found: list[list[int]], exact: list[list[int]], k: int) -> float:
    return round(float(np.mean([len(set(a[:k]) & set(b[:k])) / k for a, b in zip(found, exact)])), 3)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(prog="python -m registre.bench.vectors_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="registres d'exemple (défaut : ./samples)")
    args = parser.parse_args(argv)
    base = base_vectors(args.seed, args.samples)
    rows = [row for size in map(int, args.sizes.split(",")) for row in bench_size(base, size, args.seed)]
    print(json.dumps(rows, indent=2) if args.json else "\n".join(
        f"{r['size']:>9} {r['kind']:>4}  build {r['build_s']:>6} s  p50 {r['search_ms_p50']:>6} ms"
        f"  p95 {r['search_ms_p95']:>6} ms  top10 {r['recall_at_10_vs_flat']}  top100 {r['recall_at_100_vs_flat']}"
        for r in rows))
    return rows


if __name__ == "__main__":
    main()
