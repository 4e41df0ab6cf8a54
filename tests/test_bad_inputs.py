"""Bad files ingested together with good ones: one line each, exit 1, nothing good lost."""
import os
import subprocess
import sys

from badfiles import write_bad_corpus

from registre.index.embedder import default_embedder
from registre.index.store import Store


def run_registre(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "registre.cli", *args], capture_output=True, text=True,
                          env=env, timeout=600)


def test_bad_corpus_with_good_files(tmp_path, samples_dir):
    bad = tmp_path / "bad"
    good_txt = samples_dir / "000_678f1116b57b2cf4.txt"
    expected = write_bad_corpus(bad, good_txt.read_text(encoding="utf-8"),
                                samples_dir / "pdf" / "001_40a7a0cda50e6dc9.pdf")
    index = tmp_path / "index"
    good = [good_txt, samples_dir / "pdf" / "001_40a7a0cda50e6dc9.pdf", samples_dir / "004_1765d63fdda7c274.txt"]
    result = run_registre("ingest", *map(str, good), str(bad), "--index", str(index))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for item in expected:
        mine = [line for line in lines if item.name in line]
        if item.outcome == "fail":
            assert len([m for m in mine if m.startswith("échec")]) == 1, (item, mine)
            assert item.reason in mine[0].lower().replace("pdf", "pdf"), (item, mine)
        elif item.outcome == "skip":
            assert any(m.startswith("ignoré") and item.reason in m for m in mine), (item, mine)
        else:
            assert not any(m.startswith("échec") for m in mine), (item, mine)
            if item.reason:
                assert any(item.reason in m.lower() for m in mine), (item, mine)
    failures = {item.name for item in expected if item.outcome == "fail"}
    assert len(failures) >= 8

    store = Store.open(index, default_embedder())
    numbers = {row[0] for row in store.conn.execute("SELECT number FROM deliberations")}
    assert {"2022.00159", "2022.00452", "2019.00081", "2024-031"} <= numbers
    check = store.check()
    assert check["integrity"] == "ok" and check["vectors"] == check["chunks"]


def test_missing_index_and_empty_question_give_one_line(tmp_path):
    result = run_registre("ask", "combien pour Weeejob ?", "--index", str(tmp_path / "nothing"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Index introuvable" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    missing = run_registre("ingest", str(tmp_path / "absent.pdf"), "--index", str(tmp_path / "idx"))
    assert missing.returncode == 1 and "absent.pdf" in missing.stderr


def test_round_trip_ingest_then_export(tmp_path, samples_dir):
    index = tmp_path / "index"
    assert run_registre("ingest", str(samples_dir), "--index", str(index)).returncode == 0
    result = run_registre("export", "--index", str(index), "--format", "jsonl")
    import json

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["number"] for r in rows] == ["2019.00081", None, "CP-2021-0668", "2022.00159", "2022.00452"]
    weeejob = next(r for r in rows if r["number"] == "2022.00159")
    assert (weeejob["membres_en_exercice"], weeejob["presents"], weeejob["pouvoirs"], weeejob["votants"]) == (70, 58, 4, 62)
    assert [{k: a[k] for k in ("beneficiary", "amount", "role", "page", "effective")}
            for a in weeejob["amounts"] if a["role"] == "grant"] == [
        {"beneficiary": "Weeejob", "amount": 11000.0, "role": "grant", "page": 1, "effective": True}]
    scdl = run_registre("export", "--index", str(index), "--format", "scdl", "--siret", "24420077000018")
    lines = scdl.stdout.splitlines()
    assert lines[0].split(",")[:4] == ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE"] and len(lines) == 6
    unsigned = run_registre("export", "--index", str(index), "--format", "scdl")  # no SIRET: no valid row
    assert len(unsigned.stdout.splitlines()) == 1
    assert unsigned.stderr.splitlines()[-1] == "0 ligne(s) exportée(s), 5 laissée(s) de côté."
