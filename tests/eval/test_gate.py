"""The quality gate: thresholds per question set, manifest thresholds for the fictional set."""
from pathlib import Path

from registre.eval.gate import DEFAULT, SETS, missed, set_name

PASSING = {"answer_accuracy": 1.0, "citation_precision": 1.0, "hallucinations": 0}


def records(vote_counts: float = 1.0, **fields) -> dict:
    """Records' scores (`eval.metadata`) at 1.0 everywhere but `fields`."""
    values = {name: 1.0 for name in SETS["fictional"].fields if name != "vote_counts"} | fields
    return {"fields": values, "vote_counts_accuracy": vote_counts,
            "grants": dict.fromkeys(SETS["fictional"].grants, 1.0)}


def test_set_names_from_paths():
    assert set_name(Path("eval/sets/starter.jsonl")) == "starter"
    assert set_name(Path("eval/corpus/fictional/questions.jsonl")) == "fictional"
    assert set_name(Path("eval/corpus/real/questions.jsonl")) == "real"


def test_an_unknown_set_holds_to_095_and_no_hallucination():
    run = {"answer_accuracy": 0.94, "citation_precision": 0.96, "hallucinations": 1}
    assert missed(run, "other") == missed(run) == ["answer_accuracy 0.94 < 0.95", "hallucinations 1 > 0"]
    assert DEFAULT.answer_accuracy == 0.95


def test_every_set_holds_its_measured_level_and_fails_a_step_below():
    for name in ("starter", "samples", "real"):
        limits = SETS[name]
        level = {"answer_accuracy": limits.answer_accuracy, "citation_precision": limits.citation_precision,
                 "hallucinations": limits.hallucinations}
        assert missed(level, name) == []
        assert missed({**level, "answer_accuracy": limits.answer_accuracy - 0.01}, name) != []
        assert missed({**level, "hallucinations": limits.hallucinations + 1}, name) != []


def test_fictional_set_needs_its_manifest_and_checks_every_field():
    assert missed(PASSING, "fictional") == ["fiches non notées : ce jeu a des seuils par champ (--manifest)"]
    assert missed(PASSING, "fictional", records()) == []
    low = records(president=0.5, vote_counts=0.1)
    low["grants"]["recall_with_beneficiary"] = 0.1
    assert missed(PASSING, "fictional", low) == [
        f"president 0.5 < {SETS['fictional'].fields['president']}",
        f"vote_counts 0.1 < {SETS['fictional'].fields['vote_counts']}",
        f"grants.recall_with_beneficiary 0.1 < {SETS['fictional'].grants['recall_with_beneficiary']}"]
