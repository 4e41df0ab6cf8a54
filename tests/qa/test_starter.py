"""Every question of the starter set answered right on the real sample index."""
import json
from decimal import Decimal

import pytest
from locations import STARTER

from registre.text.fold import fold

QUESTIONS = [json.loads(line) for line in STARTER.read_text(encoding="utf-8").splitlines() if line.strip()]


def cited(answer):
    return {c.deliberation or c.source for c in answer.citations}


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_starter_question(samples_engine, item):
    answer = samples_engine.ask(item["question"])
    expected = item["expected"]
    if item["type"] == "abstain":
        assert answer.abstained and answer.citations == ()
        return
    assert not answer.abstained, answer.answer
    assert cited(answer) == set(item["citations"])
    if item["type"] == "amount":
        assert answer.total == Decimal(str(expected["total"]))
        assert sum(c.amount for c in answer.citations) == answer.total
    elif item["type"] == "person":
        assert fold(expected["name"]) in fold(answer.answer)
    elif item["type"] == "count":
        assert str(expected.get("count", expected.get("value"))) in answer.answer.replace(" ", "")
    elif item["type"] == "boolean":
        assert answer.answer.startswith("Oui" if expected["value"] else "Non")
    elif item["type"] == "date":
        assert any(c.date.isoformat() == expected["date"] for c in answer.citations)
