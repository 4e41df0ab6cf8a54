"""`registre eval` agrees with the reference scorers on real indexes of both development corpora.

Each corpus is ingested once per session through the CLI; then `registre eval --json` (with the
manifest for the fictional corpus) is set against the reference scorers of `tests/reference/`,
run as subprocesses on `registre ask --batch` answers and on `registre export --format jsonl`.
Every metric both compute must agree within 0.01. Slow: OCR of two scanned PDFs, about a
minute, then 120 questions answered twice.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from locations import ROOT

pytestmark = pytest.mark.slow

CORPUS = ROOT / "eval" / "corpus"
REFERENCE = ROOT / "tests" / "reference"
ANSWER_METRICS = ("answer_accuracy", "citation_precision", "citation_recall", "abstain_accuracy",
                  "false_abstain_rate", "hallucination_rate", "hallucinations")
TOLERANCE = 0.01


def registre(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("REGISTRE_LLM", None)
    done = subprocess.run([sys.executable, "-m", "registre.cli", *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, f"registre {' '.join(args)}: {done.returncode}\n{done.stderr[-2000:]}"
    return done


def reference(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(REFERENCE / script), *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def dev_index(tmp_path_factory):
    """name -> the folder of that corpus's index, built on first use."""
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            index = tmp_path_factory.mktemp(f"{name}-index")
            folder = CORPUS / "fictional" / "pdf" if name == "fictional" else CORPUS / "real" / "docs"
            registre("ingest", str(folder), "--index", str(index))
            built[name] = index
        return built[name]

    return get


@pytest.fixture(scope="session")
def scored(dev_index, tmp_path_factory):
    """name -> (registre eval --json, reference score.py, reference metadata_score.py or None)."""
    done: dict[str, tuple] = {}

    def get(name: str) -> tuple:
        if name not in done:
            index, folder = str(dev_index(name)), tmp_path_factory.mktemp(f"{name}-scored")
            questions = CORPUS / name / "questions.jsonl"
            manifest = CORPUS / name / "manifest.json"
            extra = ["--manifest", str(manifest)] if manifest.is_file() else []
            ours = json.loads(registre("eval", str(questions), "--index", index, "--json", *extra).stdout)
            answers = folder / "answers.jsonl"
            answers.write_text(registre("ask", "--batch", str(questions), "--index", index).stdout, encoding="utf-8")
            theirs = reference("score.py", "--questions", str(questions), "--answers", str(answers), "--failures")
            records = None
            if extra:
                export = folder / "export.jsonl"
                registre("export", "--index", index, "--format", "jsonl", "--output", str(export))
                records = reference("metadata_score.py", "--manifest", str(manifest), "--export", str(export),
                                    "--details")
            done[name] = ours, theirs, records
        return done[name]

    return get


def assert_close(ours, theirs, what: str):
    if theirs is None or ours is None:
        assert ours == theirs, what
    else:
        assert abs(ours - theirs) <= TOLERANCE, f"{what}: registre eval {ours}, reference {theirs}"


@pytest.mark.parametrize("name", ["fictional", "real"])
def test_answer_metrics_agree_with_the_reference(scored, name):
    ours, theirs, _ = scored(name)
    assert ours["questions"] == theirs["n"]
    for key in ANSWER_METRICS:
        assert_close(ours[key], theirs[key], key)
    assert set(ours["by_type"]) == set(theirs["by_type"])
    for kind, v in theirs["by_type"].items():
        assert_close(ours["by_type"][kind]["accuracy"], v["accuracy"], f"by_type.{kind}")
    assert sorted(f["id"] for f in ours["failures"]) == sorted(f["id"] for f in theirs["failures"])


def test_record_metrics_agree_with_the_reference(scored):
    ours, _, theirs = scored("fictional")
    records = ours["manifest"]
    assert (records["deliberations"], records["records"], records["matched"]) == (
        theirs["n_manifest"], theirs["n_export"], theirs["matched"])
    for key, value in theirs["fields"].items():
        assert_close(records["fields"][key], value, f"fields.{key}")
    for key in ("mean_field_accuracy", "vote_counts_accuracy"):
        assert_close(records[key], theirs[key], key)
    for key, value in theirs["grants"].items():
        assert_close(records["grants"][key], value, f"grants.{key}")
    ours_misses = sorted((m["number"], m["field"]) for m in records["misses"] if m["field"] in theirs["fields"])
    assert ours_misses == sorted((d["number"], d["field"]) for d in theirs["details"])


def test_every_miss_names_file_page_expected_and_read(dev_index, tmp_path):
    # Every record of the fictional corpus is now read right: two expected values are changed
    # in a copy of the manifest so that there are misses to name.
    manifest = json.loads((CORPUS / "fictional" / "manifest.json").read_text(encoding="utf-8"))
    changed = manifest["files"][0]["deliberations"][0]
    changed["title"], changed["presents"] = "UN AUTRE TITRE", changed["presents"] + 1
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    first = (CORPUS / "fictional" / "questions.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "questions.jsonl").write_text(first + "\n", encoding="utf-8")
    records = json.loads(registre("eval", str(tmp_path / "questions.jsonl"), "--index", str(dev_index("fictional")),
                                  "--json", "--manifest", str(tmp_path / "manifest.json")).stdout)["manifest"]
    assert {(m["file"], m["number"], m["field"]) for m in records["misses"]} >= {
        (changed["file"], changed["number"], "title"), (changed["file"], changed["number"], "presents")}
    for miss in records["misses"]:
        assert set(miss) == {"file", "page", "number", "field", "expected", "read"}
        assert (CORPUS / "fictional" / "pdf" / miss["file"]).is_file() and isinstance(miss["page"], int)
    assert set(records["by_collectivite"]) == {"Val-Morence Métropole", "Département de la Haute-Vallière",
                                              "Commune de Rivière-sur-Dore"}
    assert [v["prefix"] for v in records["by_collectivite"].values()] == ["VMM", "DHV", "RSD"]
