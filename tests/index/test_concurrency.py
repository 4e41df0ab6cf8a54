"""Queries while another process ingests into the same index folder (SQLite WAL + FAISS).

One `registre ingest` subprocess writes 60 generated registers and the sample PDFs while
this process keeps searching and asking on its own connection. The model is not the
point here: both sides use the hashing embedder (REGISTRE_EMBEDDER=hash:384).
"""
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from locations import SAMPLES

from registre.engine import Engine
from registre.index.embedder import HashEmbedder
from registre.index.store import VECTORS_NAME, Store
from registre.index.vectors import VectorIndex
from registre.ingest import parse_document, read_file

GENERATED = 60
_SYLLABLES = ("ka", "lo", "mi", "ru", "te", "zo", "ven", "dar")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def town(i: int) -> str:
    return "".join(_SYLLABLES[(i >> shift) % 8] for shift in (0, 3)).capitalize() + "ville"


def grant(i: int) -> Decimal:
    return Decimal(1000 + 10 * i)


def register(i: int, value: Decimal | None = None) -> str:
    value = grant(i) if value is None else value
    return (f"EXTRAIT DU REGISTRE DES DELIBERATIONS\n"
            f"SEANCE DU CONSEIL MUNICIPAL DU {1 + i % 28} {MONTHS[i % 12].upper()} 2024\n"
            f"DELIBERATION N° 2024-{i:03d}\n"
            f"SUBVENTION A L'ASSOCIATION DES AMIS DE {town(i).upper()}\n"
            f"Le Conseil municipal, après en avoir délibéré,\n"
            f"DECIDE d'attribuer une subvention de {value:,.0f} € à l'association des Amis de {town(i)}.\n"
            f"Adopté à l'unanimité.\n").replace(",", " ")


def open_reader(folder: Path) -> Engine:
    return Engine.open(folder, embedder=HashEmbedder(384), create=False)


def chunk_ids(folder: Path) -> set[int]:
    store = Store.open(folder, HashEmbedder(384))
    try:
        return {row[0] for row in store.conn.execute("SELECT id FROM chunks")}
    finally:
        store.conn.close()


def assert_whole(engine: Engine, delib_id: int) -> None:
    """A generated deliberation as written: number, one grant of its value, its decision."""
    delib = engine.deliberation(delib_id)
    i = int(delib.number.split("-")[1])
    assert [(a.role, a.value) for a in delib.amounts if a.role == "grant"] == [("grant", grant(i))]
    assert town(i).upper() in (delib.title or "")
    assert delib.sections and "Adopté à l'unanimité" in delib.text


@pytest.fixture
def index_with_one_sample(tmp_path) -> Path:
    folder = tmp_path / "index"
    writer = Engine.open(folder, embedder=HashEmbedder(384))
    assert writer.ingest([next((SAMPLES).glob("000_*.txt"))]).ok
    writer.close()
    return folder


@pytest.mark.slow
def test_queries_answer_during_an_ingest_by_another_process(index_with_one_sample, tmp_path):
    folder = index_with_one_sample
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    for i in range(GENERATED):
        (incoming / f"cm-2024-{i:03d}.txt").write_text(register(i), encoding="utf-8")
    for pdf in sorted((SAMPLES / "pdf").glob("*.pdf")):
        (incoming / pdf.name).write_bytes(pdf.read_bytes())

    reader = open_reader(folder)
    first = reader.ask("combien pour Weeejob en 2022")
    assert first.total == Decimal(11000)
    env = {**os.environ, "REGISTRE_EMBEDDER": "hash:384", "HF_HUB_OFFLINE": "1"}
    env.pop("REGISTRE_INDEX", None)
    writer = subprocess.Popen([sys.executable, "-m", "registre.cli", "ingest", str(incoming), "--index", str(folder)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen: set[str] = set()
    totals, sizes, during = [], [], 0
    try:
        while True:
            running = writer.poll() is None
            found = set()
            for i in range(GENERATED):  # once findable, a deliberation stays findable
                for r in reader.search(f"amis de {town(i)}", k=10):
                    if (r.deliberation or "").startswith("2024-"):
                        assert_whole(reader, r.deliberation_id)
                        found.add(r.deliberation)
            assert seen <= found, f"résultats perdus : {sorted(seen - found)}"
            seen = found
            sizes.append(len(found))
            answer = reader.ask("combien pour Weeejob en 2022")
            assert not answer.abstained and answer.total in (Decimal(11000), Decimal(22000))
            assert not totals or answer.total >= totals[-1]
            totals.append(answer.total)
            during += running
            if not running:
                break
    finally:
        if writer.poll() is None:
            writer.kill()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert during >= 3, "the ingest ended before the reader could query during it"
    assert len(set(sizes)) >= 2, "the reader never saw the index grow while it was written"
    assert seen == {f"2024-{i:03d}" for i in range(GENERATED)}
    assert totals[-1] == Decimal(22000)
    # The reader's vectors followed the writer's FAISS file: no repair on its side.
    assert set(reader.store.vectors.ids().tolist()) == chunk_ids(folder)
    assert reader.store.check() == {"integrity": "ok", "chunks": len(chunk_ids(folder)),
                                    "vectors": len(chunk_ids(folder))}
    on_disk = VectorIndex.load(folder / VECTORS_NAME)
    assert set(on_disk.ids().tolist()) == chunk_ids(folder)
    fresh = Store.open(folder, HashEmbedder(384))
    assert fresh.check() == reader.store.check()


def test_stale_vectors_never_give_removed_chunks(index_with_one_sample, tmp_path):
    """A writer replaces a register but has not saved its FAISS file yet (as between two
    saves of a long ingest): the reader's vectors still hold the old chunk ids."""
    folder = index_with_one_sample
    path = tmp_path / "cm-2024-007.txt"
    path.write_text(register(7), encoding="utf-8")
    writer = Engine.open(folder, embedder=HashEmbedder(384))
    assert writer.ingest([path]).ok
    reader = open_reader(folder)
    old = {r.deliberation: r for r in reader.search(f"amis de {town(7)}", k=5)}
    assert set(old) >= {"2024-007"}
    old_ids = chunk_ids(folder)

    path.write_text(register(7, Decimal(4321)), encoding="utf-8")
    doc = read_file(path)
    writer.store.replace_document(doc, parse_document(doc))  # committed; FAISS file not saved
    removed = old_ids - chunk_ids(folder)
    assert removed and np.isin(sorted(removed), reader.store.vectors.ids()).all()

    for query in (f"amis de {town(7)}", f"subvention {town(7)}", "conseil municipal"):
        results = reader.search(query, k=10)
        live = chunk_ids(folder)
        assert all(hit.chunk_id in live for r in results for hit in r.hits)
        assert all(hit.chunk_id not in removed for r in results for hit in r.hits)
    (new,) = [r for r in reader.search(f"amis de {town(7)}", k=5) if r.deliberation == "2024-007"]
    assert [a.value for a in reader.deliberation(new.deliberation_id).amounts if a.role == "grant"] == [Decimal(4321)]
    assert reader.ask(f"combien pour les amis de {town(7)}").total == Decimal(4321)

    writer.store.save_vectors()
    reader.search("conseil municipal", k=1)
    assert set(reader.store.vectors.ids().tolist()) == chunk_ids(folder)
