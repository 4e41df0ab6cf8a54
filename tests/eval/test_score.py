"""The scorer on hand-made answers: exact rules, reasons, malformed files."""
import json

import pytest

from registre.eval.questions import QuestionFileError, load_questions
from registre.eval.run import EvalRun, Record
from registre.eval.score import has_date, normalise_number, numbers_in, score

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
    run = EvalRun([Record(q, a, score(q, a), 10.0, [normalise_number(c) for c in q.citations])
                   for q, a in zip(questions, answers)])
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


def test_total_within_half_a_euro_is_right_and_a_wrong_one_a_hallucination(tmp_path):
    (question,) = write(tmp_path, WEEEJOB)
    result = score(question, answer(21999.0, ["2022.00159", "2022.00452"], text="21 999 €"))
    assert not result.correct and result.hallucinated
    assert result.why == "total faux : 21999 au lieu de 22000 (écart -1)"
    assert score(question, answer(22000.4, ["2022.00159", "2022.00452"])).correct
    assert score(question, answer(21999.6)).correct  # the figure is judged, the citations are measured apart
    missing = score(question, answer(text="22 000 €", cited=["2022.00159"]))
    assert (missing.correct, missing.why, missing.hallucinated) == (False, "aucun total donné", False)


def test_extra_citation_lowers_precision(tmp_path):
    (question,) = write(tmp_path, WEEEJOB)
    result = score(question, answer(22000.0, ["2022.00159", "2022.00452", "2019.00081"]))
    assert result.precision == pytest.approx(2 / 3) and result.recall == 1.0


def test_citation_precision_and_recall_are_micro_averaged(tmp_path):
    questions = write(tmp_path, WEEEJOB, {**WEEEJOB, "id": "w2"})
    answers = [answer(22000.0, ["2022.00159"]),
               answer(22000.0, ["2022.00159", "2022.00452", "2019.00081", "2019.00082"])]
    metrics = run_of(questions, answers)
    assert metrics["citation_precision"] == round(3 / 5, 4)  # not (1 + 1/2) / 2
    assert metrics["citation_recall"] == round(3 / 4, 4)


def test_citations_are_compared_normalised_and_by_file_name_without_a_number(tmp_path):
    (question,) = write(tmp_path, {**WEEEJOB, "citations": ["2022.00159", "preuilly-sur-claise_2020-07-23.pdf"]})
    given = {"question": "q", "answer": "", "abstained": False, "total": {"value": 22000.0},
             "citations": [{"deliberation": "N° 2022.00159 "}, {"deliberation": "n°2022.00159"},
                           {"deliberation": None, "source": "docs/preuilly-sur-claise_2020-07-23.pdf"}]}
    result = score(question, given)
    assert result.cited == ("2022.00159", "preuilly-sur-claise_2020-07-23.pdf")
    assert (result.precision, result.recall) == (1.0, 1.0)
    assert normalise_number("Délibération N° CP-2021-0668") == "cp-2021-0668"
    assert normalise_number("Décision n° 2024 - 17.") == "2024-17"


def test_any_mode_needs_one_of_the_listed_citations(tmp_path):
    questions = write(tmp_path, {"id": "p", "question": "qui présidait ?", "type": "person",
                                 "expected": {"name": "Jean-Marc VERNAY"}, "citations_mode": "any",
                                 "citations": ["2022.00121", "2022.00122", "2022.00123"]})
    metrics = run_of(questions, [answer(cited=["2022.00122"], text="Jean-Marc VERNAY présidait")])
    assert (metrics["citation_precision"], metrics["citation_recall"]) == (1.0, 1.0)


def test_abstention_where_an_answer_was_due_is_counted(tmp_path):
    questions = write(tmp_path, WEEEJOB)
    metrics = run_of(questions, [answer(abstained=True)])
    assert metrics["answer_accuracy"] == 0.0 and metrics["false_abstain_rate"] == 1.0
    assert metrics["abstain_accuracy"] is None  # no abstention question in the set
    assert metrics["failures"] == [{"id": "w", "type": "amount", "why": "abstention alors qu'une réponse était attendue"}]


def test_missed_abstention_with_a_total_is_a_hallucination(tmp_path):
    (question,) = write(tmp_path, {"id": "a", "question": "combien pour X", "type": "abstain", "expected": {}, "citations": []})
    result = score(question, answer(5000.0, ["2019.00081"], text="5 000 €"))
    assert not result.correct and result.hallucinated and result.why == "aurait dû s'abstenir (et donne un total)"
    result = score(question, answer(5000.0, abstained=True))
    assert not result.correct and result.hallucinated and result.why == "s'abstient (et donne un total)"
    result = score(question, answer(text="Sans doute 5 000 €"))
    assert not result.correct and not result.hallucinated
    metrics = run_of([question], [answer(5000.0, abstained=True)])
    assert (metrics["hallucinations"], metrics["hallucination_rate"], metrics["abstain_accuracy"]) == (1, 1.0, 0.0)


@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "question": "q", "type": "amount", "expected": {}}', "ligne 2 : « expected.total » manquant pour le type amount"),
    ('{"id": "x", "question": "q", "type": "weather"}', "ligne 2 : type inconnu « weather »"),
    ('{"id": "x", "question": "q", "type": "amount"', "ligne 2 : JSON invalide"),
    ('{"question": "q", "type": "lookup"}', "ligne 2 : champ « id » manquant ou vide"),
    ('{"id": "x", "question": "q", "type": "list", "citations_mode": "some"}', "ligne 2 : « citations_mode » inconnu"),
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
    assert score(count, answer(text="9.600 agents")).correct
    wrong = score(count, answer(cited=["CP-2021-0668"], text="960 agents"))
    assert not wrong.correct and wrong.hallucinated and wrong.why == "nombre attendu 9600 absent"
    assert score(count, answer(text="9 600,50 €")).correct  # 9600; the decimals are not a number of their own
    assert score(boolean, answer(cited=["2022.00159"], text="Non : absent")).correct
    assert score(boolean, answer(text="D'après le registre, non.")).correct
    assert not score(boolean, answer(cited=["2022.00159"], text="Oui")).correct
    assert score(date, answer(cited=["2019.00081"], text="Votée le 7 mars 2019")).correct
    assert score(date, answer(text="Séance du 07/03/2019")).correct
    wrong = score(date, answer(text="Séance du 17 mars 2019"))
    assert not wrong.correct and wrong.hallucinated
    assert not score(listed, answer(cited=["2022.00159"])).correct
    assert score(listed, answer(cited=["2022.00452", "2019.00081", "2022.00159"])).correct


def test_lookup_accepts_the_number_cited_or_written(tmp_path):
    (lookup,) = write(tmp_path, {"id": "k", "question": "q", "type": "lookup", "expected": {"number": "2022.00159"},
                                 "citations": ["2022.00159"]})
    assert score(lookup, answer(text="C'est la délibération n° 2022.00159.")).correct
    assert score(lookup, answer(cited=["N°2022.00159"])).correct
    wrong = score(lookup, answer(cited=["2022.00452"], text="n° 2022.00452"))
    assert not wrong.correct and wrong.hallucinated and wrong.why == "numéro 2022.00159 ni cité ni écrit"


def test_person_needs_every_word_of_the_name_in_any_order(tmp_path):
    (person,) = write(tmp_path, {"id": "p", "question": "q", "type": "person", "expected": {"name": "Gaël PERDRIAU"},
                                 "citations": []})
    assert score(person, answer(text="Présidée par M. PERDRIAU Gael, maire.")).correct
    assert not score(person, answer(text="Présidée par M. PERDRIAU.")).correct


@pytest.mark.parametrize("iso, text", [
    ("2020-03-01", "le 1er mars 2020"), ("2020-03-01", "le 1 er mars 2020"), ("2020-03-01", "le 01/03/2020"),
    ("2022-04-14", "14 avril 2022"), ("2022-04-14", "2022-04-14"), ("2022-04-14", "14.04.2022"),
    ("2022-04-14", "14-04-2022"), ("2022-04-14", "14/04/22"), ("2022-08-14", "14 août 2022"),
])
def test_dates_in_french_writings(iso, text):
    assert has_date(text, iso)


@pytest.mark.parametrize("iso, text", [("2022-04-14", "4 avril 2022"), ("2022-04-14", "114/04/2022"),
                                       ("2022-04-14", "14 avril 2021"), ("2022-04-14", "14/4/22")])
def test_other_dates_are_not_taken(iso, text):
    assert not has_date(text, iso)


def test_numbers_join_thousands_groups():
    assert numbers_in("les 9\u202f600 agents et 1 234 567 habitants, 12,50 €") == [9600, 1234567, 12]
