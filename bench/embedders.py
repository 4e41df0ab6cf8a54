"""Compare the embedder backends (torch fp32, onnx fp32, onnx int8) on speed and on recall.

In: question sets, the sample registers, the backends to compare. Out: a table on stdout
(or JSON): per backend, chunks/s on the samples' chunk texts (repeated to `--texts`),
speed-up over torch, p50 ms to embed one short query, and per set retrieval recall@1/@5,
answer accuracy and whether the quality gate (eval/gate.py) passes. Each backend gets its
own index of samples/ in a temporary folder. Timings alternate backends round by round
(torch, onnx, torch, onnx…) so that a busy machine weighs on all of them alike.

    python -m registre.bench.embedders --sets eval/sets/starter.jsonl,eval/sets/samples.jsonl
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from registre.bench import SAMPLES
from registre.eval.questions import question_set
from registre.settings import Settings

SETS = (question_set("starter"), question_set("samples"))
BACKENDS = ("torch", "onnx", "onnx-int8")
ALL_THREADS = "torch-all-threads"  # torch with every thread on one query too: timed, not indexed


def quality(engine, sets: list[Path]) -> dict[str, dict]:
    """Per set: retrieval recall@1/@5, answer accuracy and the gate's misses."""
    from registre.eval.gate import missed
    from registre.eval.questions import load_questions
    from registre.eval.run import run_questions

    out = {}
    for path in sets:
        metrics = run_questions(engine, load_questions(path)).metrics()
        out[path.stem] = {key: metrics[key] for key in
                          ("retrieval_recall_at_1", "retrieval_recall_at_5", "answer_accuracy")}
        out[path.stem]["gate_missed"] = missed(metrics)
    return out


def speed(embedders: dict, texts: list[str], queries: list[str], rounds: int,
          queries_only: tuple[str, ...] = ()) -> dict[str, dict]:
    """Chunks/s (median of `rounds` alternated runs) and p50 ms of one query, per embedder
    (only the latter for those named in `queries_only`)."""
    for embedder in embedders.values():
        embedder.embed(texts[:8])  # load the model (and export it) before timing
    rates: dict[str, list[float]] = {name: [] for name in embedders}
    latencies: dict[str, list[float]] = {name: [] for name in embedders}
    for _ in range(rounds):
        for name, embedder in embedders.items():
            if name in queries_only:
                continue
            started = time.perf_counter()
            embedder.embed(texts)
            rates[name].append(len(texts) / (time.perf_counter() - started))
        for query in queries:  # alternated query by query too
            for name, embedder in embedders.items():
                started = time.perf_counter()
                embedder.embed([query])
                latencies[name].append((time.perf_counter() - started) * 1000)
    return {name: {"chunks_per_s": round(statistics.median(rates[name]), 1) if rates[name] else None,
                   "rounds_chunks_per_s": [round(r, 1) for r in rates[name]],
                   "query_ms_p50": round(statistics.median(latencies[name]), 1)}
            for name in embedders}


def compare(backends: list[str], sets: list[Path], n_texts: int, rounds: int,
            samples: Path = SAMPLES, cache: Path | None = None) -> dict[str, dict]:
    """The table's figures per backend; ONNX exports go under `cache` (REGISTRE_CACHE)."""
    from registre.engine import Engine
    from registre.eval.questions import load_questions
    from registre.index.embedder import SentenceTransformerEmbedder, make_embedder

    embedders = {name: make_embedder(None, name, cache) for name in backends}
    results: dict[str, dict] = {name: {"embedder": e.name} for name, e in embedders.items()}
    timed = dict(embedders)
    if "torch" in backends:
        timed[ALL_THREADS] = SentenceTransformerEmbedder(one_thread_queries=False)
    texts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="registre-embedders-") as tmp:
        for name, embedder in embedders.items():
            print(f"Index des exemples avec {embedder.name}…", file=sys.stderr)
            engine = Engine.open(Path(tmp) / name, embedder=embedder)
            engine.ingest([samples])
            texts = texts or engine.chunk_texts()
            results[name]["sets"] = quality(engine, sets)
            engine.close()
    repeated = (texts * (n_texts // len(texts) + 1))[:max(n_texts, len(texts))]
    queries = [q.question for path in sets for q in load_questions(path)][:40]
    print(f"Vitesse : {len(repeated)} textes, {len(queries)} requêtes, {rounds} tours…", file=sys.stderr)
    for name, figures in speed(timed, repeated, queries, rounds, (ALL_THREADS,)).items():
        if name == ALL_THREADS:
            results["torch"]["query_ms_p50_all_threads"] = figures["query_ms_p50"]
        else:
            results[name].update(figures)
    base = results.get("torch", {}).get("chunks_per_s")
    for figures in results.values():
        figures["speed_up"] = round(figures["chunks_per_s"] / base, 2) if base else None
    return results


def table(results: dict[str, dict]) -> str:
    set_names = list(next(iter(results.values()))["sets"])
    head = f"{'backend':<10} {'chunks/s':>8} {'speed-up':>8} {'query ms p50':>12}"
    for name in set_names:
        head += f" | {name + ' R@1':>14} {'R@5':>6} {'acc':>6} {'gate':>5}"
    lines = [head, "-" * len(head)]
    for backend, r in results.items():
        line = f"{backend:<10} {r['chunks_per_s']:>8} {r['speed_up'] or '':>8} {r['query_ms_p50']:>12}"
        for name in set_names:
            s = r["sets"][name]
            line += (f" | {s['retrieval_recall_at_1']:>14} {s['retrieval_recall_at_5']:>6}"
                     f" {s['answer_accuracy']:>6} {'ok' if not s['gate_missed'] else 'NON':>5}")
        lines.append(line)
    if "query_ms_p50_all_threads" in results.get("torch", {}):
        lines.append(f"torch, une requête sur tous les fils : {results['torch']['query_ms_p50_all_threads']} ms p50")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(str(p) for p in SETS), help="question sets, comma-separated")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="torch, onnx, onnx-int8")
    parser.add_argument("--texts", type=int, default=2000, help="chunk texts embedded per timing run")
    parser.add_argument("--rounds", type=int, default=2, help="alternated timing runs per backend")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="registres d'exemple (défaut : ./samples)")
    args = parser.parse_args(argv)
    cache = Settings.from_env(os.environ).cache
    results = compare(args.backends.split(","), [Path(p) for p in args.sets.split(",")], args.texts, args.rounds,
                      args.samples, cache)
    print(json.dumps(results, ensure_ascii=False, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
