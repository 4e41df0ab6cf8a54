"""Load test of the served app: N clients calling the `ask` and `search` endpoints for D seconds.

In: an index folder (built from samples/ when none is given), a number of clients, a
duration, a port. Out: a table (requests served, requests/s, p50/p95 latency per endpoint,
errors) and optionally a JSON file; exit status 1 on any error.

`registre serve` is started on 127.0.0.1 only, on a free port unless one is given, and
stopped at the end. Each client is a thread with one keep-alive HTTP connection that
loops over the questions of eval/sets/*.jsonl, asking each one and searching it, through
Gradio's plain HTTP API (POST /gradio_api/call/NAME, then the event stream of its result):
the two requests an integrator's script makes, and little client work, so the figures
measure the server and not a heavier client (gradio_client starts threads and a queue
session per client). A request fails on a non-200 status, an error event, no result,
malformed JSON or a result without the `ask --json` / `search --json` keys.

    python -m registre.bench.load [--index DIR] [--clients 20] [--duration 60] [--port P]
"""
import argparse
import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from registre.bench import SAMPLES
from registre.eval.questions import question_sets

HOST = "127.0.0.1"  # never another host: the load stays on this machine
START_TIMEOUT = 300  # seconds for the server to load the model and listen
REQUEST_TIMEOUT = 120  # seconds for one call, queue wait included
MAX_PER_CLIENT = 100_000  # a bound on requests per client, whatever the duration
EXPECTED = {"ask": {"question", "answer", "abstained", "citations"}, "search": {"query", "results"}}


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"ask": [], "search": []})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, endpoint: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies[endpoint].append(seconds)
            else:
                self.errors.append(f"{endpoint} : {error}")

    def summary(self, elapsed: float, clients: int) -> dict:
        served = sum(len(v) for v in self.latencies.values())
        out = {"clients": clients, "duration_s": round(elapsed, 1), "served": served,
               "requests_per_s": round(served / elapsed, 2) if elapsed else 0.0,
               "errors": len(self.errors), "first_errors": self.errors[:5]}
        for endpoint, values in self.latencies.items():
            out[endpoint] = {"served": len(values), "p50_ms": _percentile(values, 50),
                             "p95_ms": _percentile(values, 95)}
        return out


def _percentile(values: list[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0] * 1000, 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000, 1)


def workload() -> list[tuple[str, list]]:
    """(endpoint, positional data) pairs: each question of the eval sets, asked and searched."""
    calls = []
    for path in question_sets():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = json.loads(line)["question"]
                calls.append(("ask", [question]))
                calls.append(("search", [question, 10, None, None, None, None, None]))
    return calls


def call(conn: http.client.HTTPConnection, endpoint: str, data: list) -> dict:
    """One API call as Gradio documents it for plain HTTP; the result object, or raises."""
    conn.request("POST", f"/gradio_api/call/{endpoint}", body=json.dumps({"data": data}),
                 headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"POST {response.status} {body[:200]!r}")
    event_id = json.loads(body)["event_id"]
    conn.request("GET", f"/gradio_api/call/{endpoint}/{event_id}")
    response = conn.getresponse()
    stream = response.read().decode("utf-8")
    if response.status != 200:
        raise RuntimeError(f"GET {response.status} {stream[:200]!r}")
    event, result = None, None
    for line in stream.splitlines():
        if line.startswith("event:"):
            event = line.partition(":")[2].strip()
        elif line.startswith("data:") and event == "complete":
            result = json.loads(line.partition(":")[2])
        elif line.startswith("data:") and event == "error":
            raise RuntimeError(f"événement d'erreur : {line[5:200].strip()}")
    if not isinstance(result, list) or len(result) != 1 or not isinstance(result[0], dict):
        raise RuntimeError(f"pas de résultat : {stream[:200]!r}")
    if not EXPECTED[endpoint] <= set(result[0]):
        raise RuntimeError(f"clés manquantes : {sorted(EXPECTED[endpoint] - set(result[0]))}")
    return result[0]


def client(port: int, start: int, calls: list, deadline: float, stats: Stats) -> None:
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for n in range(MAX_PER_CLIENT):
            if time.monotonic() >= deadline:
                return
            endpoint, data = calls[(start + n) % len(calls)]
            began = time.perf_counter()
            try:
                call(conn, endpoint, data)
                error = None
            except (OSError, http.client.HTTPException, ValueError, KeyError, RuntimeError) as problem:
                error = f"{type(problem).__name__}: {problem}"
                conn.close()  # a fresh connection for the next request
            stats.record(endpoint, time.perf_counter() - began, error)
    finally:
        conn.close()


def run_load(port: int, clients: int, duration: float) -> dict:
    calls = workload()
    stats = Stats()
    began = time.monotonic()
    deadline = began + duration
    # Clients start spread over the list, so that the server sees different questions at once.
    threads = [threading.Thread(target=client, args=(port, i * len(calls) // clients, calls, deadline, stats),
                                daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + REQUEST_TIMEOUT + 30)
    if any(thread.is_alive() for thread in threads):
        stats.errors.append("client bloqué au-delà du délai")
    return stats.summary(time.monotonic() - began, clients)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def build_index(folder: Path, samples: Path, environ: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-m", "registre.cli", "ingest", str(samples),
                           "--index", str(folder)], capture_output=True, text=True, env=_env(environ, folder.parent))
    if done.returncode != 0:
        raise SystemExit(f"ingestion de samples/ en échec :\n{done.stderr}")


@contextlib.contextmanager
def served(index: Path, port: int, scratch: Path, environ: dict[str, str]):
    """`registre serve` on 127.0.0.1:port until the block ends."""
    log = (scratch / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "registre.cli", "serve", "--index", str(index),
                                "--host", HOST, "--port", str(port)],
                               stdout=log, stderr=subprocess.STDOUT, env=_env(environ, scratch))
    try:
        _wait_ready(process, port, scratch / "serve.log")
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_ready(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"registre serve s'est arrêté (code {process.returncode}) :\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    raise SystemExit(f"registre serve ne répond pas après {START_TIMEOUT} s :\n{log.read_text()}")


def _env(environ: dict[str, str], scratch: Path) -> dict:
    """The environment of a child `registre`: ours, without login or index, quiet and offline."""
    env = {k: v for k, v in environ.items() if k not in ("REGISTRE_AUTH", "REGISTRE_INDEX")}
    env.update(HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1",
               GRADIO_TEMP_DIR=str(scratch / "gradio"))
    return env


def table(summary: dict) -> str:
    lines = [f"{summary['clients']} clients, {summary['duration_s']} s : {summary['served']} requêtes servies, "
             f"{summary['requests_per_s']} requêtes/s, {summary['errors']} erreur(s)",
             f"{'point d accès':<14}{'servies':>9}{'p50 ms':>10}{'p95 ms':>10}"]
    for endpoint in ("ask", "search"):
        e = summary[endpoint]
        lines.append(f"{endpoint:<14}{e['served']:>9}{e['p50_ms'] or '-':>10}{e['p95_ms'] or '-':>10}")
    lines += [f"erreur : {line}" for line in summary["first_errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m registre.bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="dossier de l'index (défaut : samples/ indexés à part)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="secondes")
    parser.add_argument("--port", type=int, help="port sur 127.0.0.1 (défaut : un port libre)")
    parser.add_argument("--json", type=Path, help="écrit aussi les chiffres dans ce fichier")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="registres d'exemple (défaut : ./samples)")
    args = parser.parse_args(argv)
    environ = dict(os.environ)  # passed on to the `registre` processes started here
    if args.clients < 1 or args.duration <= 0:
        parser.error("--clients et --duration doivent être positifs")
    with tempfile.TemporaryDirectory(prefix="registre-load-") as tmp:
        scratch = Path(tmp)
        index = args.index
        if index is None:
            index = scratch / "index"
            build_index(index, args.samples, environ)
        port = args.port or free_port()
        with served(index, port, scratch, environ):
            summary = run_load(port, args.clients, args.duration)
    print(table(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
