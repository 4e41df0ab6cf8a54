"""Evaluation question sets: JSON Lines, one question per line (format in CONTRACT.md).

In: a path. Out: `EvalQuestion`s, or `QuestionFileError` naming the line and what is wrong.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from registre.errors import RegistreError
from registre.records import IntentName

SETS = Path(__file__).parent / "sets"  # package data, installed with the package
# A question's type is one the answer chain knows (records.IntentName), or "abstain".
QuestionType = Literal[IntentName, "abstain"]
_EXPECTED = {"amount": ("total",), "date": ("date",), "person": ("name",), "office": ("name",),
             "boolean": ("value",)}
TYPES: dict[str, tuple[str, ...]] = {kind: _EXPECTED.get(kind, ()) for kind in get_args(QuestionType)}


def question_sets() -> list[Path]:
    """The question sets shipped with the package (eval/sets/*.jsonl), by name."""
    return sorted(SETS.glob("*.jsonl"))


def question_set(name: str) -> Path:
    """One shipped question set: "starter" or "samples"."""
    return SETS / f"{name}.jsonl"


class QuestionFileError(RegistreError):
    def __init__(self, path: Path, line: int, what: str):
        super().__init__(f"{path.name}, ligne {line} : {what}")


@dataclass(frozen=True, slots=True)
class EvalQuestion:
    id: str
    question: str
    type: QuestionType
    expected: dict
    citations: tuple[str, ...]
    citations_mode: Literal["all", "any"] = "all"  # "any": one of the citations is enough (séance facts)


def load_questions(path: Path) -> list[EvalQuestion]:
    if not path.is_file():
        raise RegistreError(f"Jeu de questions introuvable : {path}")
    out, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise QuestionFileError(path, number, f"JSON invalide ({error.msg})") from None
        out.append(_question(path, number, item))
        if out[-1].id in seen:
            raise QuestionFileError(path, number, f"identifiant « {out[-1].id} » en double")
        seen.add(out[-1].id)
    if not out:
        raise RegistreError(f"Jeu de questions vide : {path}")
    return out


def _question(path: Path, number: int, item) -> EvalQuestion:
    if not isinstance(item, dict):
        raise QuestionFileError(path, number, "un objet JSON est attendu")
    for key in ("id", "question", "type"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise QuestionFileError(path, number, f"champ « {key} » manquant ou vide")
    kind = item["type"]
    if kind not in TYPES:
        raise QuestionFileError(path, number, f"type inconnu « {kind} » (types : {', '.join(TYPES)})")
    expected = item.get("expected", {})
    if not isinstance(expected, dict):
        raise QuestionFileError(path, number, "« expected » doit être un objet")
    for key in TYPES[kind]:
        if key not in expected:
            raise QuestionFileError(path, number, f"« expected.{key} » manquant pour le type {kind}")
    if kind == "count" and not ({"count", "value"} & set(expected)):
        raise QuestionFileError(path, number, "« expected.count » manquant pour le type count")
    citations = item.get("citations", [])
    if not isinstance(citations, list) or not all(isinstance(c, str) for c in citations):
        raise QuestionFileError(path, number, "« citations » doit être une liste de numéros")
    mode = item.get("citations_mode", "all")
    if mode not in ("all", "any"):
        raise QuestionFileError(path, number, f"« citations_mode » inconnu « {mode} » (all ou any)")
    return EvalQuestion(item["id"], item["question"], kind, expected, tuple(citations), mode)
