"""SIGKILL during `registre ingest`, twenty times: the index stays whole and a rerun completes it."""
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from registre.index.embedder import HashEmbedder
from registre.index.store import Store

pytestmark = pytest.mark.slow
KILLS = 20


def ingest_process(folder, index) -> subprocess.Popen:
    env = {**os.environ, "REGISTRE_EMBEDDER": "hash:384", "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "registre.cli", "ingest", str(folder), "--index", str(index)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def assert_whole(index) -> int:
    store = Store.open(index, HashEmbedder(384))
    check = store.check()
    assert check["integrity"] == "ok"
    assert check["vectors"] == check["chunks"]
    conn = store.conn
    assert conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0] == check["chunks"]
    for doc_id, in conn.execute("SELECT id FROM documents"):
        delibs = conn.execute("SELECT count(*) FROM deliberations WHERE document_id = ?", (doc_id,)).fetchone()[0]
        assert delibs > 0, "a document stored without its deliberations"
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    return documents


def test_kill_at_random_moments_then_rerun(tmp_path, samples_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for copy in range(6):  # 60 distinct files: each copy differs by a line, so none is a duplicate
        for path in sorted(samples_dir.glob("*.txt")) + sorted((samples_dir / "pdf").glob("*.pdf")):
            target = folder / f"{copy}_{path.name}"
            if path.suffix == ".txt":
                target.write_text(path.read_text(encoding="utf-8") + f"\nCopie {copy}\n", encoding="utf-8")
            else:
                shutil.copy(path, target) if copy == 0 else None
    index = tmp_path / "index"
    expected = len(list(folder.iterdir()))
    # Kill times follow how long a whole ingest takes on this machine now (1.3 s when idle,
    # start-up included, several times more when the cores are shared): fixed times of 0.5 to
    # 6 s all fell after the end of the ingest on an idle machine, and no kill landed mid-way.
    started = time.monotonic()
    assert ingest_process(folder, tmp_path / "timing").wait(timeout=600) == 0
    whole = time.monotonic() - started
    chance = random.Random(7)
    seen = []
    for _ in range(KILLS):
        process = ingest_process(folder, index)
        time.sleep(chance.uniform(0.3, 1.1) * whole)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        seen.append(assert_whole(index))
    assert any(0 < count < expected for count in seen), f"no kill landed mid-ingest: {seen}"
    final = ingest_process(folder, index)
    assert final.wait(timeout=600) == 0
    assert assert_whole(index) == expected
