"""The quality gate CI applies to every evaluation run, with thresholds per question set.

In: a set's name (`set_name` of its path), the metrics of a run (`EvalRun.metrics`) and, for
a set scored against a manifest, the records' scores (`eval.metadata`). Out: the thresholds
the run misses, one line each (empty when it passes).

The thresholds live here, in one place. They are raised as registre improves, never lowered
to make a run pass: each holds the level last measured. The development sets
(`eval/corpus/`), whose ground truth was written apart from registre, entered at 0.625
(fictional) and 0.15 (real); they are all answered now, so a change that loses one of their
answers fails. A set without an entry here gets 0.95 and no hallucination.
"""
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Thresholds:
    answer_accuracy: float
    citation_precision: float
    hallucinations: int  # at most
    fields: dict[str, float] = field(default_factory=dict)  # manifest field (or "vote_counts") -> minimum
    grants: dict[str, float] = field(default_factory=dict)  # grant precision/recall measure -> minimum


DEFAULT = Thresholds(answer_accuracy=0.95, citation_precision=0.95, hallucinations=0)
SETS = {
    "starter": Thresholds(answer_accuracy=1.0, citation_precision=1.0, hallucinations=0),
    "samples": Thresholds(answer_accuracy=1.0, citation_precision=0.98, hallucinations=0),
    "fictional": Thresholds(
        answer_accuracy=1.0, citation_precision=1.0, hallucinations=0,
        fields={"number": 1.0, "date": 1.0, "instance": 1.0, "collectivite": 1.0, "title": 1.0,
                "president": 1.0, "secretaire": 1.0, "membres_en_exercice": 1.0, "presents": 1.0,
                "pouvoirs": 1.0, "votants": 1.0, "vote": 1.0, "vote_counts": 1.0},
        grants={"precision": 1.0, "recall": 1.0, "precision_with_beneficiary": 1.0,
                "recall_with_beneficiary": 1.0}),
    "real": Thresholds(answer_accuracy=1.0, citation_precision=1.0, hallucinations=0),
}


def set_name(path: Path) -> str:
    """starter.jsonl -> "starter"; eval/corpus/real/questions.jsonl -> "real"."""
    path = Path(path)
    return path.parent.name if path.stem == "questions" else path.stem


def missed(metrics: dict, name: str | None = None, records: dict | None = None) -> list[str]:
    limits = SETS.get(name or "", DEFAULT)
    out = []
    for key in ("answer_accuracy", "citation_precision"):
        if metrics[key] < getattr(limits, key):
            out.append(f"{key} {metrics[key]} < {getattr(limits, key)}")
    if metrics["hallucinations"] > limits.hallucinations:
        out.append(f"hallucinations {metrics['hallucinations']} > {limits.hallucinations}")
    if records is None:
        return out + (["fiches non notées : ce jeu a des seuils par champ (--manifest)"]
                      if limits.fields or limits.grants else [])
    for key, minimum in limits.fields.items():
        value = records["vote_counts_accuracy"] if key == "vote_counts" else records["fields"][key]
        if value is not None and value < minimum:
            out.append(f"{key} {value} < {minimum}")
    for key, minimum in limits.grants.items():
        value = records["grants"][key]
        if value is not None and value < minimum:
            out.append(f"grants.{key} {value} < {minimum}")
    return out
