"""The ingest engines write the same index: one process, a process pool, Ray workers.

Each index is read back table by table with natural keys (file, position, offsets), not
row ids, and its FAISS vectors are compared by chunk text.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys

import numpy as np
import pytest

from registre.index.embedder import HashEmbedder, SentenceTransformerEmbedder
from registre.index.store import Store
from registre.ingest.pipeline import ingest_paths
from registre.ingest.pipeline.parallel import ProcessPoolRunner, parse_in_process
from registre.ingest.pipeline.parsing import parse_file
from registre.records import FileIssue


def corpus(samples_dir):
    return [*sorted(samples_dir.glob("*.txt")), samples_dir / "pdf"]


def by_repr(items) -> list:
    """Sorted, None values included."""
    return sorted(items, key=repr)


def snapshot(store: Store) -> dict:
    """Everything the index holds, keyed by what does not depend on row ids."""
    conn = store.conn
    key = {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT d.id, doc.source, d.position FROM deliberations d JOIN documents doc ON doc.id = d.document_id")}
    rows = lambda sql: by_repr(tuple(r) for r in conn.execute(sql))  # noqa: E731
    chunk_key = {row[0]: (*key[row[1]], row[2], row[3]) for row in conn.execute(
        "SELECT id, deliberation_id, start, end FROM chunks")}
    vectors = {}
    for chunk_id, header, text in conn.execute("SELECT id, header, text FROM chunks"):
        vectors[f"{header}\n{text}"] = store.vectors._index.reconstruct(chunk_id)
    return {
        "documents": rows("SELECT source, sha256, kind, pages, warnings FROM documents"),
        "deliberations": by_repr(
            (*key[r[0]], r[1], r[2], r[3], r[4], r[5], r[6], r[7], key.get(r[8]), json.loads(r[9]))
            for r in conn.execute("SELECT id, number, date, instance, collectivite, title, first_page,"
                                  " last_page, duplicate_of, record FROM deliberations")),
        "sections": by_repr((*key[r[0]], *r[1:]) for r in conn.execute(
            "SELECT deliberation_id, kind, start, end, page, text FROM sections")),
        "amounts": by_repr((*key[r[0]], *r[1:]) for r in conn.execute(
            "SELECT deliberation_id, value, role, beneficiary, quote, page, section, start, end FROM amounts")),
        "chunks": by_repr((chunk_key[r[0]], *r[1:]) for r in conn.execute(
            "SELECT id, section, header, text, page FROM chunks")),
        "fts": by_repr((chunk_key[r[0]], r[1]) for r in conn.execute("SELECT rowid, analyzed FROM chunks_fts")),
        "vocabulary": by_repr((*key[r[0]], *r[1:]) for r in conn.execute(
            "SELECT deliberation_id, kind, name FROM vocabulary")),
        "vectors": vectors,
    }


def assert_same_index(left: dict, right: dict) -> None:
    for table in ("documents", "deliberations", "sections", "amounts", "chunks", "fts", "vocabulary"):
        assert left[table] == right[table], table
    assert left["vectors"].keys() == right["vectors"].keys()
    for text, vector in left["vectors"].items():
        np.testing.assert_allclose(right["vectors"][text], vector, atol=1e-5, err_msg=text[:80])


def ingested(folder, embedder, runner, paths):
    store = Store.open(folder, embedder)
    report = ingest_paths(store, paths, runner=runner)
    assert report.failed == []
    return store, report


def test_process_pool_writes_the_same_index_as_one_process(tmp_path, samples_dir):
    embedder = HashEmbedder(384)
    one, one_report = ingested(tmp_path / "one", embedder, parse_in_process, corpus(samples_dir))
    pool, pool_report = ingested(tmp_path / "pool", embedder, ProcessPoolRunner(2), corpus(samples_dir))

    assert (one_report.files, one_report.chunks) == (pool_report.files, pool_report.chunks) == (10, one.counts()["chunks"])
    assert one_report.warnings == pool_report.warnings and one_report.skipped == pool_report.skipped
    left, right = snapshot(one), snapshot(pool)
    assert_same_index(left, right)
    duplicates = [d for d in left["deliberations"] if d[9] is not None]
    assert len(duplicates) == 5  # each PDF repeats its .txt: stored, not chunked twice
    assert pool.check() == {"integrity": "ok", "chunks": len(left["chunks"]), "vectors": len(left["chunks"])}


def test_unchanged_and_renamed_files_are_skipped_before_parsing(tmp_path, samples_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(samples_dir.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    store = Store.open(tmp_path / "index", HashEmbedder(384))
    first = ingest_paths(store, [folder], runner=ProcessPoolRunner(2))
    assert first.files == 3

    parsed: list[str] = []

    def recording(paths):
        for path in paths:
            parsed.append(path.name)
            yield parse_file(path)

    shutil.copy(folder / "000_678f1116b57b2cf4.txt", folder / "copie.txt")
    changed = folder / "001_40a7a0cda50e6dc9.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMention ajoutée.\n", encoding="utf-8")
    again = ingest_paths(store, [folder], runner=recording)

    assert parsed == ["001_40a7a0cda50e6dc9.txt"]
    assert again.files == 1 and again.failed == []
    assert again.skipped == [FileIssue("000_678f1116b57b2cf4.txt", "déjà indexé, inchangé"),
                             FileIssue("002_c003faeefd809027.txt", "déjà indexé, inchangé"),
                             FileIssue("copie.txt", "contenu déjà indexé sous 000_678f1116b57b2cf4.txt")]
    assert store.counts()["documents"] == 3
    assert store.check()["vectors"] == store.check()["chunks"]


def test_same_content_twice_in_one_run_is_stored_once(tmp_path, samples_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (samples_dir / "000_678f1116b57b2cf4.txt").read_bytes()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(text)
    store = Store.open(tmp_path / "index", HashEmbedder(384))
    report = ingest_paths(store, [folder, folder / "a.txt"], runner=ProcessPoolRunner(2))
    assert report.files == 1
    assert report.skipped == [FileIssue("b.txt", "contenu déjà indexé sous a.txt"),
                              FileIssue("c.txt", "contenu déjà indexé sous a.txt"),
                              FileIssue("a.txt", "déjà indexé, inchangé")]


def run_registre(*args, env=None):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "registre.cli", *args], capture_output=True, text=True,
                          env=env, timeout=900)


@pytest.mark.slow
def test_ray_engine_writes_the_same_index_with_vectors_from_workers(tmp_path, samples_dir):
    pytest.importorskip("ray")
    model = SentenceTransformerEmbedder()  # the real MiniLM: vectors computed in Ray workers
    local, _ = ingested(tmp_path / "local", model, parse_in_process, corpus(samples_dir))

    env = {"REGISTRE_EMBEDDER": "", "REGISTRE_WORKERS": "1"}
    result = run_registre("ingest", *map(str, corpus(samples_dir)), "--index", str(tmp_path / "ray"),
                          "--engine", "ray", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "10 fichier(s) ajouté(s)" in result.stdout

    distributed = Store.open(tmp_path / "ray", model)
    assert_same_index(snapshot(local), snapshot(distributed))


def test_unreachable_ray_address_is_one_french_line(tmp_path, samples_dir):
    pytest.importorskip("ray")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_registre("ingest", str(samples_dir / "000_678f1116b57b2cf4.txt"), "--index",
                          str(tmp_path / "index"), "--engine", "ray", "--address", f"127.0.0.1:{port}",
                          env={"REGISTRE_EMBEDDER": "hash:384"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: Cluster Ray injoignable à l'adresse 127.0.0.1:{port} : connexion refusée"]


def pool_workers(pid: int) -> list[int]:
    """Child processes of `pid` but multiprocessing's resource tracker, from /proc."""
    found = []
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/stat") as f:
                parent = int(f.read().rpartition(")")[2].split()[1])
            with open(f"/proc/{name}/cmdline", "rb") as f:
                tracker = b"resource_tracker" in f.read()
        except (OSError, ValueError):
            continue
        if parent == pid and not tracker:
            found.append(int(name))
    return sorted(found)


def test_a_worker_killed_mid_run_loses_no_file(samples_dir):
    paths = [*sorted(samples_dir.glob("*.txt")), *sorted((samples_dir / "pdf").glob("*.pdf"))]
    results = ProcessPoolRunner(2)(paths)
    first = next(results)
    workers = pool_workers(os.getpid())
    assert workers, "no worker process found"
    os.kill(workers[-1], signal.SIGKILL)
    parsed = [first, *results]

    assert [p.path for p in parsed] == paths
    assert [p.error for p in parsed] == [None] * len(paths)
    alone = [parse_file(path) for path in paths]
    assert [p.deliberations for p in parsed] == [p.deliberations for p in alone]
    assert [p.chunks for p in parsed] == [p.chunks for p in alone]
