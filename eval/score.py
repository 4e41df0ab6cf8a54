"""Score one answer (the `ask --json` object) against one evaluation question.

In: an `EvalQuestion` and an answer dict. Out: a `Score`: correct or not and why,
citation precision and recall, whether the abstention decision was right, and whether
the answer stated a wrong figure (hallucination). Pure; rules in CONTRACT.md.
"""
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from registre.eval.questions import EvalQuestion
from registre.text.fold import fold
from registre.text.french import BARE_NUMBER, find_amounts, find_dates, parse_number


@dataclass(frozen=True, slots=True)
class Score:
    correct: bool
    why: str | None
    precision: float | None  # None when the answer cites nothing
    recall: float | None  # None for abstain questions
    abstain_right: bool
    hallucinated: bool


def cited_ids(answer: dict) -> list[str]:
    return [c.get("deliberation") or c.get("source") for c in answer.get("citations", [])]


def score(question: EvalQuestion, answer: dict) -> Score:
    cited = set(cited_ids(answer))
    expected = set(question.citations)
    abstained = bool(answer.get("abstained"))
    precision = len(cited & expected) / len(cited) if cited and question.type != "abstain" else None
    recall = len(cited & expected) / len(expected) if expected else None
    if question.type == "abstain":
        stated = _states_figure(answer)
        why = None if abstained else "aurait dû s'abstenir" + (" (et donne un chiffre)" if stated else "")
        return Score(abstained, why, None, None, abstained, not abstained and stated)
    if abstained:
        return Score(False, "abstention alors qu'une réponse était attendue", precision, recall, False, False)
    correct, why, wrong_figure = _check(question, answer, cited, expected)
    return Score(correct, why, precision, recall, True, wrong_figure)


def _check(question: EvalQuestion, answer: dict, cited: set, expected: set) -> tuple[bool, str | None, bool]:
    text = answer.get("answer", "")
    kind, want = question.type, question.expected
    if kind == "amount":
        got = (answer.get("total") or {}).get("value")
        target = Decimal(str(want["total"]))
        if got is None:
            return False, "aucun total donné", False
        diff = Decimal(str(got)) - target
        if abs(diff) >= Decimal("0.005"):
            return False, f"total faux : {got} au lieu de {want['total']} (écart {diff:+})", True
    elif kind == "date":
        day = dt.date.fromisoformat(want["date"])
        dates = {d for d, _ in find_dates(text)} | {
            dt.date.fromisoformat(c["date"]) for c in answer.get("citations", []) if c.get("date")}
        if day not in dates:
            return False, f"date attendue {day.isoformat()} absente", bool(find_dates(text))
    elif kind == "person":
        if fold(want["name"]) not in fold(text):
            return False, f"nom attendu « {want['name']} » absent", False
    elif kind == "count":
        target = Decimal(str(want.get("count", want.get("value"))))
        numbers = {parse_number(m[0]) for m in BARE_NUMBER.finditer(text)}
        if target not in numbers:
            return False, f"nombre attendu {target} absent", True
    elif kind == "boolean":
        word = "Oui" if want["value"] else "Non"
        if not text.strip().startswith(word):
            return False, f"la réponse devait commencer par « {word} »", False
    if kind in ("lookup", "list") and cited != expected:
        return False, _citation_gap(cited, expected), False
    if expected and not (cited & expected):
        return False, _citation_gap(cited, expected), False
    return True, None, False


def _citation_gap(cited: set, expected: set) -> str:
    parts = []
    if expected - cited:
        parts.append("citation manquante : " + ", ".join(sorted(expected - cited)))
    if cited - expected:
        parts.append("citation en trop : " + ", ".join(sorted(cited - expected)))
    return " ; ".join(parts) or "citations fausses"


def _states_figure(answer: dict) -> bool:
    text = answer.get("answer", "")
    return bool(find_amounts(text)) or answer.get("total") is not None
