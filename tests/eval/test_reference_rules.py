"""registre's scorers against the reference scorers on generated answers and exports.

Answers and exports are written for every question and manifest deliberation, right and
wrong in the ways a reader gets them wrong (a figure off, a name cut short, a date in
another writing, "N°" before a number, a citation too many or missing, a missed
abstention); the reference scorers (`tests/reference/`) score them as subprocesses, and
every metric both compute must be equal. Fast: no index, no model.
"""
import hashlib
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from locations import ROOT

from registre.eval.manifest import load_manifest
from registre.eval.metadata import score_records
from registre.eval.questions import load_questions
from registre.eval.run import EvalRun, Record
from registre.eval.score import score

REFERENCE = ROOT / "tests" / "reference"
CORPUS = ROOT / "eval" / "corpus"
SETS = [CORPUS / "fictional" / "questions.jsonl", CORPUS / "real" / "questions.jsonl",
        ROOT / "eval" / "sets" / "samples.jsonl", ROOT / "eval" / "sets" / "starter.jsonl"]
ANSWER_METRICS = ("answer_accuracy", "citation_precision", "citation_recall", "abstain_accuracy",
                  "false_abstain_rate", "hallucination_rate", "hallucinations")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def reference(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(REFERENCE / script), *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_vendored_scorers_are_unchanged():
    table = (REFERENCE / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| `(\w+\.py)` \| `([0-9a-f]{64})` \|", table))
    assert set(recorded) == {"score.py", "metadata_score.py"}
    for name, digest in recorded.items():
        assert hashlib.sha256((REFERENCE / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("questions_path", SETS, ids=lambda p: p.parent.name + "/" + p.name)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_answer_metrics_equal_the_reference(tmp_path, questions_path, seed):
    rng = random.Random(seed)
    questions = load_questions(questions_path)
    answers = [{"id": q.id, "question": q.question, **generated_answer(q, rng)} for q in questions]
    ours = EvalRun([Record(q, a, score(q, a), 0.0, []) for q, a in zip(questions, answers)]).metrics()
    theirs = reference("score.py", "--questions", str(questions_path), "--answers",
                       str(write_jsonl(tmp_path / "answers.jsonl", answers)), "--failures")
    assert {k: ours[k] for k in ANSWER_METRICS} == {k: theirs[k] for k in ANSWER_METRICS}
    assert {k: v["accuracy"] for k, v in ours["by_type"].items()} == {
        k: v["accuracy"] for k, v in theirs["by_type"].items()}
    assert [f["id"] for f in ours["failures"]] == [f["id"] for f in theirs["failures"]]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_record_metrics_equal_the_reference(tmp_path, seed):
    rng = random.Random(seed)
    path = CORPUS / "fictional" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    rows = [generated_record(d, rng) for f in manifest["files"] for d in f["deliberations"]]
    rows = [r for r in rows if r is not None]
    ours = score_records(load_manifest(path), rows)
    theirs = reference("metadata_score.py", "--manifest", str(path), "--export",
                       str(write_jsonl(tmp_path / "export.jsonl", rows)), "--details")
    assert {k: v for k, v in ours["fields"].items() if k != "votants"} == theirs["fields"]
    for key in ("mean_field_accuracy", "vote_counts_accuracy", "grants", "matched"):
        assert ours[key] == theirs[key], key
    assert sorted((m["number"], m["field"]) for m in ours["misses"] if m["field"] in theirs["fields"]) == sorted(
        (d["number"], d["field"]) for d in theirs["details"])


def generated_answer(q, rng: random.Random) -> dict:
    """An answer to `q`, right or wrong in one of the ways a reader gets it wrong."""
    want, cites = q.expected, list(q.citations)
    cited = rng.choice([cites, cites[:1], cites + ["2099-001"], [], [f"N° {c}" for c in cites], ["XX-9999"]])
    out = {"answer": "", "abstained": False, "total": None,
           "citations": [{"deliberation": c, "date": None, "page": 1, "quote": "…"} for c in cited]}
    if rng.random() < 0.1:
        return {**out, "abstained": True, "citations": [], "answer": "Je n'ai rien trouvé."}
    kind = q.type
    if kind == "abstain":
        return rng.choice([{**out, "abstained": True, "citations": []},
                           {**out, "abstained": True, "total": {"value": 1500.0, "currency": "EUR"}},
                           {**out, "total": {"value": 1500.0, "currency": "EUR"}, "answer": "1 500 €"},
                           {**out, "answer": "Peut-être la délibération de 2021."}])
    if kind == "amount":
        total = want["total"] + rng.choice([0.0, 0.3, -0.49, 0.5, 100.0])
        return {**out, "total": rng.choice([{"value": total, "currency": "EUR"}, None]),
                "answer": f"{total:,.2f} €".replace(",", " ")}
    if kind == "date":
        y, m, d = (int(x) for x in want["date"].split("-"))
        day = rng.choice([d, d + 1 if d < 28 else d - 1])
        text = rng.choice([f"le {'1er' if day == 1 else day} {MONTHS[m - 1]} {y}", f"le {day:02d}/{m:02d}/{y}",
                           f"le {day}/{m}/{y % 100}", f"en {y}", "à une date inconnue"])
        if rng.random() < 0.3 and out["citations"]:
            out["citations"][0]["date"] = want["date"]
        return {**out, "answer": text}
    if kind == "person":
        parts = want["name"].split()
        return {**out, "answer": "Présidée par " + rng.choice([want["name"], " ".join(reversed(parts)), parts[-1],
                                                                want["name"].upper(), "Personne INCONNUE"])}
    if kind == "count":
        n = int(want.get("value", want.get("count")))
        return {**out, "answer": rng.choice([f"{n} élus", f"{n:,} élus".replace(",", " "), f"{n + 1} élus",
                                             "sans nombre"]) + f" le 3 mars {2000 + n % 20}"}
    if kind == "boolean":
        yes = bool(want["value"]) ^ (rng.random() < 0.3)
        return {**out, "answer": rng.choice(["{}, d'après le registre.", "D'après le registre : {}."]).format(
            "Oui" if yes else "Non")}
    if kind == "lookup":
        number = want.get("number") or (cites or [""])[0]
        return {**out, "answer": rng.choice([f"C'est la délibération n° {number}.", "Délibération XX-9999."])}
    return {**out, "answer": ", ".join(cited)}


def generated_record(d: dict, rng: random.Random) -> dict | None:
    """A record of manifest deliberation `d` as an export prints it, right or wrong field by field."""
    if rng.random() < 0.05:
        return None

    def pick(right, *wrong):
        return right if rng.random() < 0.7 else rng.choice(wrong)

    vote = d["vote"]
    grants = [{"beneficiary": pick(a["beneficiary"], None, "Pilier 1", a["beneficiary"].upper() + " (association)",
                                   " ".join(a["beneficiary"].split()[:2]) + " Morence"),
               "amount": pick(a["amount"], a["amount"] + 1, a["amount"] + 0.004), "role": pick(a["role"], "grant"),
               "page": a["page"]} for a in d["amounts"]]
    return {
        "number": pick(d["number"], "N° " + d["number"], d["number"] + "-bis"),
        "date": pick(d["date"], None, "1999-01-01"), "instance": pick(d["instance"], d["instance"].upper(), None),
        "collectivite": pick(d["collectivite"], "Département du Puy-de-Dôme", d["collectivite"].split()[-1]),
        "title": pick(d["title"], d["title"].lower() + " et divers", d["title"].split(" - ")[0], None,
                      " ".join(d["title"].split()[1:]), d["title"] + " 2"),
        "president": pick(d["president"], d["president"].split()[-1], "M. " + d["president"], None),
        "secretaire": pick(d["secretaire"], "Etaient présents : " + d["secretaire"], None),
        "membres_en_exercice": pick(d["membres_en_exercice"], None, d["membres_en_exercice"] + 1),
        "presents": pick(d["presents"], str(d["presents"]), d["presents"] - 1),
        "pouvoirs": pick(d["pouvoirs"], None), "votants": pick(d["votants"], None),
        "vote": {"result": pick(vote["result"], None, "rejected"), "pour": pick(vote["pour"], None),
                 "contre": vote["contre"], "abstention": vote["abstention"]},
        "source": pick(d["file"], "autre.pdf"), "amounts": grants + pick([], [{"beneficiary": "X", "amount": 12.0,
                                                                              "role": "grant", "page": 1}]),
    }
