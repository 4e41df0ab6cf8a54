"""Load benchmark: build real indexes of synthetic corpora and time search and ask.

In: corpus sizes in chunks, an embedder for the builds (MiniLM, or a 384-dim HashEmbedder
so that 100k chunks build in minutes on a small CPU), a time budget for the baseline.
Out: a table on stdout and a JSON list, one object per size: build time, pages/s,
MiniLM chunks/s (on 500 chunks), search and ask latency p50/p95, peak RSS, index size,
and the same search latency for a plain LangChain RAG (splitter, FAISS, BM25, ensemble).
Each measure runs in its own process, so peak RSS is that of one index.

    registre bench --sizes 1000,10000,100000 [--json]
    python -m registre.bench.bench --sizes 1000,10000,100000 --json bench.json
"""
import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from registre.bench import SAMPLES
from registre.settings import DEFAULTS, Settings

MINILM_SAMPLE = 500
SEARCHES = 200
QUESTIONS = 50


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[round(q / 100 * (len(ordered) - 1))], 2)


def timed_ms(call, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        call(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def make_embedder(kind: str, backend: str | None = None):
    """"hash": the 384-dim hashing embedder; "minilm": the bundled MiniLM run by `backend`
    (REGISTRE_EMBEDDER_BACKEND; default ONNX int8)."""
    from registre.index.embedder import HashEmbedder, default_embedder

    if kind == "hash":
        return HashEmbedder(384)
    return default_embedder(None, backend)


def _null_first(value):
    """SQL's ascending order, where NULL comes first."""
    return (value is not None, value if value is not None else 0)


def draw_queries(engine, rng: random.Random, n: int) -> list[str]:
    """Beneficiary names, names with a year, and pairs of words from random chunks."""
    names = sorted({name for name, _, _ in engine.ledger_nets()}, key=_null_first)
    top = engine.last_chunk_id()
    queries: list[str] = []
    while len(queries) < n:
        kind = rng.random()
        if kind < 0.4:
            queries.append(rng.choice(names))
        elif kind < 0.6:
            queries.append(f"subvention {rng.choice(names)} {rng.randint(2015, 2024)}")
        else:
            text = engine.chunk_text_from(rng.randint(1, top)) or ""
            words = sorted(set(re.findall(r"[^\W\d_]{5,}", text)))
            queries.append(" ".join(rng.sample(words, min(2, len(words)))) or "subvention")
    return queries


def draw_questions(engine, rng: random.Random, n: int) -> list[tuple[str, Decimal]]:
    """("combien pour NAME en YEAR", net granted) pairs, the nets read from the grants ledger
    (amendments, reductions and votes applied; not through `ask`)."""
    totals: dict[tuple, Decimal] = {}
    for name, year, value in engine.ledger_nets():
        totals[name, year] = totals.get((name, year), Decimal(0)) + value
    rows = sorted(totals.items(), key=lambda item: (_null_first(item[0][0]), _null_first(item[0][1])))
    picked = rng.sample(rows, min(n, len(rows)))
    return [(f"combien pour {name} en {year}", total) for (name, year), total in picked]


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def rss_mb() -> float:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over an exec, so a spawned process would report its parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_registre(conn, corpus: Path, index: Path, kind: str, seed: int, settings: Settings) -> None:
    """Build a registre index of `corpus`, time search and ask; send a dict through `conn`."""
    from registre.engine import Engine

    embedder = make_embedder(kind, settings.embedder_backend)
    engine = Engine.open(index, embedder=embedder, settings=settings)
    start = time.perf_counter()
    report = engine.ingest([corpus])
    build_s = time.perf_counter() - start
    engine.checkpoint()
    rng = random.Random(seed)
    queries, questions = draw_queries(engine, rng, SEARCHES), draw_questions(engine, rng, QUESTIONS)
    for query in queries[:5]:
        engine.search(query)
    search = timed_ms(engine.search, queries)
    load = round(os.getloadavg()[0], 2)  # other processes on the machine skew latencies
    engine.ask(questions[0][0])
    answers = []
    ask = timed_ms(lambda q: answers.append(engine.ask(q[0])), questions)
    correct = sum(a.total == expected for a, (_, expected) in zip(answers, questions))
    out = {
        "chunks": engine.counts()["chunks"], "documents": report.files, "pages": report.pages,
        "failed": len(report.failed), "embedder": embedder.name, "build_s": round(build_s, 1),
        "pages_per_s": round(report.pages / build_s, 1),
        "search_ms_p50": percentile(search, 50), "search_ms_p95": percentile(search, 95),
        "ask_ms_p50": percentile(ask, 50), "ask_ms_p95": percentile(ask, 95),
        "ask_correct": f"{correct}/{len(questions)}",
        "rss_mb": rss_mb(), "disk_mb": folder_mb(index), "load_1min": load, "queries": queries,
    }
    minilm = embedder if kind == "minilm" else None
    conn.send(out | measure_minilm(engine, minilm, queries, search, settings.embedder_backend))


def measure_minilm(engine, built_with, queries: list[str], search: list[float], backend: str | None) -> dict:
    """MiniLM chunks/s on a sample of chunks, and its query embedding time (added to the
    search time when the index was not built with MiniLM, `built_with` None)."""
    minilm = built_with or make_embedder("minilm", backend)
    step = max(1, engine.counts()["chunks"] // MINILM_SAMPLE)
    texts = engine.chunk_texts(every=step, limit=MINILM_SAMPLE)
    minilm.embed(texts[:8])
    start = time.perf_counter()
    minilm.embed(texts)
    per_s = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    make_embedder("hash").embed(texts)
    hash_per_s = len(texts) / (time.perf_counter() - start)
    query = timed_ms(lambda q: minilm.embed([q]), queries)
    total = search if built_with else [s + q for s, q in zip(search, query)]
    return {
        "embed_chunks_per_s": round(per_s, 1), "hash_chunks_per_s": round(hash_per_s),
        "query_embed_ms_p50": percentile(query, 50), "query_embed_ms_p95": percentile(query, 95),
        "search_minilm_ms_p50": percentile(total, 50), "search_minilm_ms_p95": percentile(total, 95),
        "search_minilm_estimated": built_with is None, "rss_with_minilm_mb": rss_mb(),
    }


def measure_baseline(conn, corpus: Path, kind: str, queries: list[str], backend: str | None) -> None:
    """The plain LangChain RAG over the same texts: send ("built", s), then the latencies."""
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever
    from langchain_community.vectorstores import FAISS
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embedder = make_embedder(kind, backend)

    class Wrapped(Embeddings):
        def embed_documents(self, texts):
            return embedder.embed(texts).tolist()

        def embed_query(self, text):
            return embedder.embed([text])[0].tolist()

    start = time.perf_counter()
    paths = sorted(corpus.glob("*.txt"))
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=150)
    docs = splitter.create_documents([p.read_text(encoding="utf-8") for p in paths],
                                     [{"source": p.name} for p in paths])
    vectors = FAISS.from_documents(docs, Wrapped()).as_retriever(search_kwargs={"k": 10})
    ensemble = EnsembleRetriever(retrievers=[BM25Retriever.from_documents(docs, k=10), vectors],
                                 weights=[0.5, 0.5])
    conn.send(("built", round(time.perf_counter() - start, 1), len(docs)))
    for query in queries[:5]:
        ensemble.invoke(query)
    search = timed_ms(ensemble.invoke, queries)
    conn.send(("done", percentile(search, 50), percentile(search, 95), rss_mb()))


def in_process(target, *args) -> tuple:
    """Start `target(conn, *args)` in a fresh (spawned) process; return it and our end."""
    spawn = multiprocessing.get_context("spawn")
    ours, theirs = spawn.Pipe()
    process = spawn.Process(target=target, args=(theirs, *args))
    process.start()
    theirs.close()  # so that our end sees EOF if the process dies
    return process, ours


def run_baseline(corpus: Path, kind: str, queries: list[str], budget: float, backend: str | None) -> dict:
    process, conn = in_process(measure_baseline, corpus, kind, queries, backend)
    out = dict.fromkeys(("baseline_build_s", "baseline_chunks", "baseline_search_ms_p50",
                         "baseline_search_ms_p95", "baseline_rss_mb"))
    if conn.poll(budget):
        _, out["baseline_build_s"], out["baseline_chunks"] = conn.recv()
        if conn.poll(budget * 2):
            _, p50, p95, rss = conn.recv()
            out.update(baseline_search_ms_p50=p50, baseline_search_ms_p95=p95, baseline_rss_mb=rss)
    if process.is_alive():
        process.terminate()
    process.join()
    return out


def bench_size(size: int, kind: str, workdir: Path, seed: int, budget: float, samples: Path = SAMPLES,
               settings: Settings = DEFAULTS) -> dict:
    from registre.bench.synthetic import write_corpus

    corpus, index = workdir / f"corpus-{size}", workdir / f"index-{size}-{kind}"
    if index.exists():  # ingest would skip its files and time nothing
        raise SystemExit(f"{index} exists already: give another --workdir")
    log(f"{size} chunks: writing the corpus")
    write_corpus(corpus, size, seed, samples)
    log(f"{size} chunks: building the registre index ({kind})")
    process, conn = in_process(measure_registre, corpus, index, kind, seed, settings)
    row = {"size": size, **conn.recv()}
    process.join()
    log(f"{size} chunks: LangChain baseline (budget {budget:.0f} s)")
    row.update(run_baseline(corpus, kind, row.pop("queries"), budget, settings.embedder_backend))
    return row


COLUMNS = (("size", "target"), ("chunks", "chunks"), ("pages", "pages"), ("build_s", "build s"),
           ("pages_per_s", "pages/s"), ("embed_chunks_per_s", "MiniLM c/s*"),
           ("search_ms_p50", "search p50"), ("search_ms_p95", "p95"),
           ("search_minilm_ms_p50", "+MiniLM q p50"), ("search_minilm_ms_p95", "p95"),
           ("ask_ms_p50", "ask p50"), ("ask_ms_p95", "p95"), ("ask_correct", "ask ok"),
           ("rss_mb", "RSS MB"), ("disk_mb", "disk MB"), ("load_1min", "load"),
           ("baseline_build_s", "LC build s"), ("baseline_search_ms_p50", "LC p50"),
           ("baseline_search_ms_p95", "LC p95"))
NOTES = """times in ms unless noted; builds embedded with {embedder}
* MiniLM on 500 chunks of each corpus: with 2 CPU cores, embedding 100k chunks with MiniLM
  takes over an hour, so large builds use a 384-dim hash embedder (same FAISS search cost)
+MiniLM q: search plus the MiniLM query embedding, summed per query for hash builds
LC: plain LangChain RAG (splitter 1000/150, FAISS + BM25, ensemble 0.5/0.5); — over budget
load: 1-min load average while searching (other processes share the cores)"""


def table(rows: list[dict]) -> str:
    cells = [[label for _, label in COLUMNS]]
    cells += [["—" if row.get(key) is None else str(row[key]) for key, _ in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = [" | ".join(c.rjust(w) for c, w in zip(line, widths)) for line in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines) + "\n" + NOTES.format(embedder=rows[0]["embedder"] if rows else "?") + _ingest_line(rows)


def _ingest_line(rows: list[dict]) -> str:
    if not rows or "ingest_pages" not in rows[0]:
        return ""
    r = rows[0]
    parse = ", ".join(f"{r[key]} ({key.rsplit('_', 1)[1]})" for key in r if key.startswith("parse_pages_per_s_"))
    return (f"\ningest of {r['ingest_pages']} PDF pages ({r['ingest_files']} files): parse {parse} pages/s;"
            f" full ingest {r['ingest_pages_per_s']} pages/s with {r['ingest_embedder']};"
            f" again {r['reingest_s']} s ({100 * r['reingest_share']:.1f} %); OCR {r['ocr_pages_per_s']} pages/s")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(sizes: list[int], embedder: str = "hash", workdir: Path | None = None, seed: int = 0,
        budget: float = 300, on_row=None, ingest_pages: int = 0, samples: Path = SAMPLES,
        settings: Settings = DEFAULTS) -> list[dict]:
    """One row per size, built in `workdir` (a temporary folder when None); with
    `ingest_pages`, the PDF ingest measures (bench/ingest_bench.py, taken once) on each row."""
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="registre-bench-") as tmp:
        folder = workdir or Path(tmp)
        ingest = {}
        if ingest_pages:
            from registre.bench.ingest_bench import measure_ingest

            log(f"ingest: {ingest_pages} pages of PDF registers")
            ingest = measure_ingest(folder, ingest_pages, seed, samples, settings)
        for size in sizes:
            row = bench_size(size, embedder, folder, seed, budget, samples, settings) | ingest
            row["disk_mb_per_100k"] = round(row["disk_mb"] * 100_000 / max(1, row["chunks"]), 1)
            rows.append(row)
            if on_row:
                on_row(rows)
    return rows


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(prog="python -m registre.bench.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="target chunk counts")
    parser.add_argument("--embedder", choices=("minilm", "hash"), default="hash")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--budget", type=float, default=300, help="baseline build budget (s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="keep corpora and indexes here")
    parser.add_argument("--ingest-pages", type=int, default=500, help="pages of PDF registers to ingest (0: none)")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="sample registers (default: ./samples)")
    args = parser.parse_args(argv)
    settings = Settings.from_env(os.environ)

    def save(rows):
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")

    rows = run([int(s) for s in args.sizes.split(",")], args.embedder, args.workdir, args.seed, args.budget, save,
               args.ingest_pages, args.samples, settings)
    print(table(rows))
    return rows


if __name__ == "__main__":
    main()
