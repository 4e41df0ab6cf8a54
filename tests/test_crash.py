"""SIGKILL during `registre ingest` at known points: the index stays whole and a rerun completes it.

`REGISTRE_TEST_KILL_AT=STEP:N` (test-only, read once by the CLI like every setting) makes the
ingest kill itself with SIGKILL the N-th time its writer reaches STEP: `embedded` (a window's
vectors committed to the cache, no record yet), `written` (a file's rows written, its
transaction still open), `committed` (a file committed, its vectors not yet in the FAISS file),
`saved` (the FAISS file written). The kills land where they are aimed on any machine, fast or
slow, so the number of files indexed after each one is known exactly. Each run after a kill
resumes the folder (files already indexed are skipped) and is killed further on; after each
kill the index passes `PRAGMA integrity_check`, its FAISS file holds no vector of a chunk that
is not committed, it opens with as many vectors as chunks, and every file is whole or absent;
the last run completes the folder.
"""
import os
import signal
import subprocess
import sys

import pytest

from registre.index.embedder import HashEmbedder
from registre.index.store import VECTORS_NAME, Store
from registre.index.vectors import VectorIndex
from registre.ingest import parse_document, read_file
from registre.ingest.pipeline.writer import SAVE_EVERY

pytestmark = pytest.mark.slow
COPIES = 13  # 65 distinct text files and the 5 PDFs: more than SAVE_EVERY, so a save falls mid-run

# (kill point, files indexed once the process is dead), in the order the runs are made.
KILLS = [
    ("embedded:1", 0),  # the first file's vectors are in the cache, nothing else
    ("written:1", 0),  # the first file's transaction is open: rolled back
    ("committed:1", 1),
    ("saved:1", 1 + SAVE_EVERY),  # the FAISS file after the run's first SAVE_EVERY files
    ("written:5", 1 + SAVE_EVERY + 4),
    ("committed:6", 1 + SAVE_EVERY + 4 + 6),
]


def ingest_process(folder, index, kill_at: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "REGISTRE_EMBEDDER": "hash:384", "HF_HUB_OFFLINE": "1"}
    env.pop("REGISTRE_TEST_KILL_AT", None)
    if kill_at:
        env["REGISTRE_TEST_KILL_AT"] = kill_at
    return subprocess.Popen([sys.executable, "-m", "registre.cli", "ingest", str(folder), "--index", str(index)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)


def assert_whole(index, expected: dict[str, int]) -> int:
    """Check the index after a kill; the number of files it holds."""
    store = Store.open(index, HashEmbedder(384))
    conn = store.conn
    chunk_ids = {row[0] for row in conn.execute("SELECT id FROM chunks")}
    saved = VectorIndex.load(index / VECTORS_NAME).ids().tolist() if (index / VECTORS_NAME).is_file() else []
    assert set(saved) <= chunk_ids, "the FAISS file holds vectors of chunks never committed"
    check = store.check()  # loads the vectors, repaired from the embedding cache if behind
    assert check["integrity"] == "ok"
    assert check["vectors"] == check["chunks"] == len(chunk_ids)
    assert conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0] == check["chunks"]
    rows = conn.execute("SELECT d.source, count(*) FROM documents d JOIN deliberations x ON x.document_id = d.id"
                        " GROUP BY d.id").fetchall()
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(rows), "a document without records"
    for source, count in rows:
        assert count == expected[source], f"{source} stored in part"
    unindexed = conn.execute("SELECT count(*) FROM deliberations d WHERE d.duplicate_of IS NULL AND NOT EXISTS"
                             " (SELECT 1 FROM chunks c WHERE c.deliberation_id = d.id)").fetchone()[0]
    assert unindexed == 0, "a deliberation stored without its chunks"
    conn.close()
    return len(rows)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, samples_dir):
    """The folder, and the deliberations each of its files holds."""
    folder = tmp_path_factory.mktemp("corpus")
    for copy in range(COPIES):  # each copy differs by a line: none is a duplicate of another
        for path in sorted(samples_dir.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\nCopie {copy}\n"
            (folder / f"{copy:02d}_{path.name}").write_text(text, encoding="utf-8")
    for path in sorted((samples_dir / "pdf").glob("*.pdf")):
        (folder / f"99_{path.name}").write_bytes(path.read_bytes())
    return folder, {path.name: len(parse_document(read_file(path))) for path in folder.iterdir()}


def test_kills_at_known_points_leave_a_whole_index_that_a_rerun_completes(tmp_path, corpus):
    folder, expected = corpus
    index = tmp_path / "index"
    reached = []
    for kill_at, files in KILLS:
        process = ingest_process(folder, index, kill_at)
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == -signal.SIGKILL, f"{kill_at}: not killed ({process.returncode})\n{stderr}"
        reached.append(assert_whole(index, expected))
        assert reached[-1] == files, f"{kill_at}: {reached}"
    final = ingest_process(folder, index)
    _, stderr = final.communicate(timeout=600)
    assert final.returncode == 0, stderr
    assert assert_whole(index, expected) == len(expected)


def test_a_kill_setting_that_cannot_be_used_stops_the_command_in_one_line(tmp_path):
    process = ingest_process(tmp_path, tmp_path / "index", "commit:2")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1 and "Traceback" not in stderr
    assert stderr.strip() == ("Error: Réglage invalide : REGISTRE_TEST_KILL_AT=commit:2 (ÉTAPE:N, ÉTAPE parmi "
                              "embedded, written, committed, saved, ex. committed:3)")
