"""Parse workers forked from a process that dropped an ONNX Runtime session never hang.

A session left in a reference cycle is freed by the next full collection of the garbage
collector; if that happens in a forked worker, the session waits for ever on a condition
variable its threads (absent from the worker) were waiting on. Reproduced in a child process:
without `gc.freeze` around the fork, the second ingest of this script hung."""
import subprocess
import sys

from locations import CORPUS

SCRIPT = """
import gc, sys, time
from pathlib import Path
from registre.index.embedder import default_embedder
from registre.ingest.pipeline.parallel import ProcessPoolRunner
files = sorted(Path(sys.argv[1]).glob("VMM*.pdf")) * 2
gc.set_threshold(700, 2, 2)  # full collections soon, in the workers too
for attempt in range(3):
    embedder = default_embedder()
    embedder.embed(["le conseil municipal"] * 8)
    cycle = {"embedder": embedder}
    cycle["self"] = cycle
    del embedder, cycle
    time.sleep(1.5)  # the session's threads wait on their condition variable
    parsed = list(ProcessPoolRunner(2)(files))
    assert len(parsed) == len(files) and all(p.error is None for p in parsed)
    print(attempt, flush=True)
"""


def test_workers_forked_after_a_dropped_onnx_session_finish():
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(CORPUS / "fictional" / "pdf")],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0", "1", "2"]
