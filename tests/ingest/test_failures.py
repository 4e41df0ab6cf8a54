"""A failure at any stage of one file fails that file alone: the others of the run are indexed.

Read and parse failures come from real bad files (tests/test_bad_inputs.py, tests/test_all_corpora.py);
here an embedder that refuses one text (the `Embedder` protocol, as a model server would fail)
and a real SQLite trigger that refuses one file's rows stand for the embed and write stages.
"""
import os
import subprocess
import sys

import pytest

from registre.engine import Engine
from registre.index.embedder import HashEmbedder
from registre.index.store import Store
from registre.ingest.pipeline import failure_message
from registre.ingest.pipeline.parsing import failure
from registre.records import FileIssue

REGISTER = "DÉLIBÉRATION N° 2024-{n:03d}\nSéance du conseil municipal du 12 février 2024\n" \
           "Le conseil municipal décide d'attribuer une subvention de {n} 000 € au club {word}.\n"


class RefusingEmbedder(HashEmbedder):
    """Hashing vectors, except for a text holding `word`: the model fails on it."""

    def __init__(self, word: str):
        super().__init__(64)
        self.word = word

    def embed(self, texts):
        if any(self.word in text for text in texts):
            raise RuntimeError(f"le modèle a refusé un texte ({len(texts)} textes)")
        return super().embed(texts)


def write_registers(folder, words):
    folder.mkdir()
    for n, word in enumerate(words, 1):
        (folder / f"{n}_{word}.txt").write_text(REGISTER.format(n=n, word=word), encoding="utf-8")
    return folder


def test_a_file_the_embedder_fails_on_fails_alone(tmp_path):
    # Four files: the first is written alone, the next two in one window with the bad one.
    folder = write_registers(tmp_path / "docs", ["Alpha", "Bravo", "Explosif", "Delta"])
    engine = Engine.open(tmp_path / "index", embedder=RefusingEmbedder("Explosif"))
    report = engine.ingest([folder])
    (failed,) = report.failed
    assert (failed.source, failed.stage) == ("3_Explosif.txt", "embed")
    assert failed.reason == "erreur interne (RuntimeError: le modèle a refusé un texte (2 textes))"
    assert "Traceback" in failed.traceback and "RefusingEmbedder" not in failed.reason
    assert report.indexed == [("1_Alpha.txt", 1), ("2_Bravo.txt", 1), ("4_Delta.txt", 1)]
    assert [d.number for d in engine.deliberations()] == ["2024-001", "2024-002", "2024-004"]
    check = engine.store.check()
    assert check["integrity"] == "ok" and check["vectors"] == check["chunks"] > 0


def test_a_file_whose_rows_cannot_be_written_fails_alone_with_its_trace_logged(tmp_path):
    folder = write_registers(tmp_path / "docs", ["Alpha", "Bravo", "Charlie"])
    index = tmp_path / "index"
    store = Store.open(index, HashEmbedder(384))
    store.conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON deliberations WHEN NEW.source = '2_Bravo.txt'"
                       " BEGIN SELECT RAISE(ABORT, 'écriture refusée'); END")
    env = {**os.environ, "REGISTRE_EMBEDDER": "hash:384", "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-m", "registre.cli", "ingest", str(folder), "--index", str(index)],
                         capture_output=True, text=True, env=env, timeout=300)
    log = index / "ingest-erreurs.log"
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert [line for line in run.stderr.splitlines() if line.startswith("échec")] == [
        f"échec : 2_Bravo.txt : erreur interne (IntegrityError: écriture refusée) ; trace dans {log}"]
    assert run.stdout.splitlines() == [
        "  1_Alpha.txt : 1 délibération(s)", "  3_Charlie.txt : 1 délibération(s)",
        "2 fichier(s) ajouté(s), 2 délibération(s), 2 page(s), 2 montant(s) ; 0 ignoré(s), 1 en échec."]
    logged = log.read_text(encoding="utf-8")
    assert "2_Bravo.txt : erreur interne (IntegrityError: écriture refusée) (étape write)" in logged
    assert "Traceback (most recent call last)" in logged and "sqlite3.IntegrityError" in logged
    rows = store.conn.execute("SELECT source FROM documents ORDER BY source").fetchall()
    assert [row[0] for row in rows] == ["1_Alpha.txt", "3_Charlie.txt"]  # the failed file's transaction undone

    verbose = subprocess.run([sys.executable, "-m", "registre.cli", "ingest", str(folder), "--index", str(index),
                              "--verbose"], capture_output=True, text=True, env=env, timeout=300)
    assert verbose.returncode == 1 and "Traceback (most recent call last)" in verbose.stderr

    store.conn.execute("DROP TRIGGER refuse")
    again = subprocess.run([sys.executable, "-m", "registre.cli", "ingest", str(folder), "--index", str(index)],
                           capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and "  2_Bravo.txt : 1 délibération(s)" in again.stdout
    check = Store.open(index, HashEmbedder(384)).check()
    assert check["integrity"] == "ok" and check["vectors"] == check["chunks"] > 0


@pytest.mark.parametrize("error, stage, reason, traced", [
    (KeyError("page"), "parse", "erreur interne (KeyError: 'page')", True),
    (IndexError("list index\nout of range"), "chunk", "erreur interne (IndexError: list index out of range)", True),
    (OSError(28, "No space left on device"), "write", "No space left on device", False),
    (ValueError("x" * 500), "embed", "erreur interne (ValueError: " + "x" * 147 + "…)", True),
])
def test_failure_names_the_file_the_stage_and_the_reason_in_one_line(error, stage, reason, traced):
    try:
        raise error
    except Exception as raised:  # noqa: BLE001 -- a traceback as the pipeline meets it
        issue = failure("cm-2024.pdf", stage, raised)
    assert (issue.source, issue.stage, issue.reason) == ("cm-2024.pdf", stage, reason)
    assert (issue.traceback is not None) == traced
    assert "\n" not in failure_message(issue)
    assert failure_message(issue) == f"cm-2024.pdf : {reason}"


def test_a_file_that_cannot_be_read_keeps_its_usual_line():
    assert failure_message(FileIssue("cm.pdf", "PDF protégé par mot de passe")) == \
        "Fichier illisible : cm.pdf (PDF protégé par mot de passe)"


def test_a_file_name_that_is_not_utf8_is_shown_and_stored(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    name = os.fsdecode(b"d\xe9lib\xe9ration.txt")  # written in Latin-1 on another system
    (folder / name).write_text(REGISTER.format(n=7, word="Golf"), encoding="utf-8")
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    report = engine.ingest([folder])
    assert report.failed == [] and report.indexed == [("d\\xe9lib\\xe9ration.txt", 1)]
    (delib,) = engine.deliberations()
    assert delib.source == "d\\xe9lib\\xe9ration.txt"
    assert engine.ingest([folder]).skipped == [FileIssue("d\\xe9lib\\xe9ration.txt", "déjà indexé, inchangé")]
    check = engine.store.check()
    assert check["vectors"] == check["chunks"] > 0
