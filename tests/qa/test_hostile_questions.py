"""Questions nobody should type still get an answer or a clear message, never a crash."""
import pytest

from registre.errors import BadQuestion


@pytest.mark.parametrize("question", ['"weeejob" OR 1=1', "NEAR(", "combien pour weeejob) AND (", "x" * 10000,
                                      "combien pour " + "weeejob " * 2000, "'; DROP TABLE deliberations; --"])
def test_odd_questions_are_answered_or_abstained(samples_engine, question):
    answer = samples_engine.ask(question)
    assert isinstance(answer.answer, str) and answer.answer
    assert answer.abstained or answer.citations


@pytest.mark.parametrize("question", ["", "   ", "?!…", "???", "*"])
def test_empty_or_punctuation_only_questions_get_a_clear_message(samples_engine, question):
    with pytest.raises(BadQuestion, match="Question vide"):
        samples_engine.ask(question)


def test_store_survives_hostile_questions(samples_engine):
    samples_engine.ask("'; DROP TABLE deliberations; --")
    assert samples_engine.counts()["deliberations"] == 5
    assert samples_engine.ask("combien pour Weeejob en 2022").total == 22000
