"""The scorer on hand-made answers: exact rules, reasons, malformed files."""
import json

import pytest

from registre.eval.questions import QuestionFileError, load_questions
from registre.eval.run import EvalRun, Record
from registre.eval.score import score

WEEEJOB = {"id": "w", "question": "combien pour Weeejob en 2022", "type": "amount",
           "expected": {"total": 22000.0}, "citations": ["2022.00159", "2022.00452"]}


def write(tmp_path, *items) -> list:
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    return load_questions(path)


def answer(total=None, cited=(), abstained=False, text="") -> dict:
    out = {"question": "q", "answer": text, "abstained": abstained,
           "citations": [{"deliberation": n, "date": "2022-04-14", "source": "x.txt"} for n in cited]}
    if total is not None:
        out["total"] = {"value": total, "currency": "EUR"}
    return out


def run_of(questions, answers) -> dict:
    run = EvalRun([Record(q, a, score(q, a), 10.0, list(q.citations)) for q, a in zip(questions, answers)])
    return run.metrics()


def test_perfect_answers_score_one_everywhere(tmp_path):
    questions = write(tmp_path, WEEEJOB,
                      {"id": "a", "question": "combien pour X en 2023", "type": "abstain", "expected": {}, "citations": []},
                      {"id": "p", "question": "qui ?", "type": "person", "expected": {"name": "Gaël PERDRIAU"},
                       "citations": ["2022.00159"]})
    answers = [answer(22000.0, ["2022.00159", "2022.00452"], text="22 000 €"),
               answer(abstained=True, text="Je n'ai trouvé aucune délibération"),
               answer(cited=["2022.00159"], text="gael perdriau présidait")]
    metrics = run_of(questions, answers)
    for key in ("answer_accuracy", "citation_precision", "citation_recall", "abstain_accuracy",
                "retrieval_recall_at_1", "retrieval_recall_at_5"):
        assert metrics[key] == 1.0, key
    assert metrics["hallucination_rate"] == 0.0 and metrics["failures"] == []


def test_total_off_by_one_euro_is_wrong_and_counted_as_hallucination(tmp_path):
    (question,) = write(tmp_path, WEEEJOB)
    result = score(question, answer(21999.0, ["2022.00159", "2022.00452"], text="21 999 €"))
    assert not result.correct and result.hallucinated
    assert result.why == "total faux : 21999.0 au lieu de 22000.0 (écart -1.0)"
    assert score(question, answer(22000.004, ["2022.00159", "2022.00452"])).correct


def test_extra_citation_lowers_precision(tmp_path):
    (question,) = write(tmp_path, WEEEJOB)
    result = score(question, answer(22000.0, ["2022.00159", "2022.00452", "2019.00081"]))
    assert result.precision == pytest.approx(2 / 3) and result.recall == 1.0


def test_abstention_where_an_answer_was_due_is_counted(tmp_path):
    questions = write(tmp_path, WEEEJOB)
    metrics = run_of(questions, [answer(abstained=True)])
    assert metrics["answer_accuracy"] == 0.0 and metrics["abstain_accuracy"] == 0.0
    assert metrics["failures"] == [{"id": "w", "type": "amount", "why": "abstention alors qu'une réponse était attendue"}]


def test_missed_abstention_with_a_figure_is_a_hallucination(tmp_path):
    (question,) = write(tmp_path, {"id": "a", "question": "combien pour X", "type": "abstain", "expected": {}, "citations": []})
    result = score(question, answer(5000.0, ["2019.00081"], text="5 000 €"))
    assert not result.correct and result.hallucinated and result.why == "aurait dû s'abstenir (et donne un chiffre)"


@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "question": "q", "type": "amount", "expected": {}}', "ligne 2 : « expected.total » manquant pour le type amount"),
    ('{"id": "x", "question": "q", "type": "weather"}', "ligne 2 : type inconnu « weather »"),
    ('{"id": "x", "question": "q", "type": "amount"', "ligne 2 : JSON invalide"),
    ('{"question": "q", "type": "lookup"}', "ligne 2 : champ « id » manquant ou vide"),
])
def test_malformed_line_is_reported_with_its_number(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(WEEEJOB) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(QuestionFileError) as error:
        load_questions(path)
    assert str(error.value).startswith(f"bad.jsonl, {message}")


def test_count_boolean_date_and_list_rules(tmp_path):
    count, boolean, date, listed = write(
        tmp_path,
        {"id": "c", "question": "q", "type": "count", "expected": {"count": 9600}, "citations": ["CP-2021-0668"]},
        {"id": "b", "question": "q", "type": "boolean", "expected": {"value": False}, "citations": ["2022.00159"]},
        {"id": "d", "question": "q", "type": "date", "expected": {"date": "2019-03-07"}, "citations": ["2019.00081"]},
        {"id": "l", "question": "q", "type": "list", "expected": {}, "citations": ["2022.00159", "2022.00452"]})
    assert score(count, answer(cited=["CP-2021-0668"], text="9 600 agents")).correct
    assert not score(count, answer(cited=["CP-2021-0668"], text="960 agents")).correct
    assert score(boolean, answer(cited=["2022.00159"], text="Non : absent")).correct
    assert not score(boolean, answer(cited=["2022.00159"], text="Oui")).correct
    assert score(date, answer(cited=["2019.00081"], text="Votée le 7 mars 2019")).correct
    assert not score(listed, answer(cited=["2022.00159"])).correct
