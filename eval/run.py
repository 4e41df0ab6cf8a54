"""Run a question set through the answer chain and the retriever, and add up the scores.

In: an engine (`ask`, `search`), `EvalQuestion`s, an optional progress callback.
Out: an `EvalRun` with the per-question records and `metrics()`: the contract's keys
(answer accuracy, citation precision/recall, abstentions, retrieval recall@1/@5, latency)
plus false abstentions, hallucinations (rate and count), `by_type` and `failures`, computed
as the reference scorer does (`tests/reference/score.py`).
"""
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from registre.errors import RegistreError
from registre.eval.questions import EvalQuestion
from registre.eval.score import Score, citation_id, score


@dataclass
class Record:
    question: EvalQuestion
    answer: dict
    score: Score
    latency_ms: float
    retrieved: list[str]  # normalised citation ids of the top 5 search results


@dataclass
class EvalRun:
    records: list[Record] = field(default_factory=list)

    def metrics(self) -> dict:
        """Citation precision and recall are micro-averaged (hits over citations, over all
        answerable questions that expect some); rates over no question are None."""
        records = self.records
        abstain = [r for r in records if r.question.type == "abstain"]
        answerable = [r for r in records if r.question.type != "abstain"]
        cited = [r.score for r in answerable if r.score.expected]
        hallucinations = sum(r.score.hallucinated for r in records)
        latencies = sorted(r.latency_ms for r in records)
        by_type: dict[str, dict] = defaultdict(lambda: {"questions": 0, "correct": 0})
        for r in records:
            by_type[r.question.type]["questions"] += 1
            by_type[r.question.type]["correct"] += int(r.score.correct)
        return {
            "questions": len(records),
            "answer_accuracy": _ratio(sum(r.score.correct for r in records), len(records)),
            "citation_precision": _ratio(sum(s.cited_right for s in cited), sum(len(s.cited) for s in cited), 0.0),
            "citation_recall": _ratio(sum(s.expected_found for s in cited), sum(s.expected_count for s in cited), 0.0),
            "abstain_accuracy": _ratio(sum(r.score.correct for r in abstain), len(abstain)),
            "false_abstain_rate": _ratio(sum(r.score.abstained for r in answerable), len(answerable)),
            "hallucination_rate": _ratio(hallucinations, len(records)),
            "hallucinations": hallucinations,
            "retrieval_recall_at_1": retrieval_recall(answerable, 1),
            "retrieval_recall_at_5": retrieval_recall(answerable, 5),
            "latency_ms_p50": round(_percentile(latencies, 50), 1),
            "latency_ms_p95": round(_percentile(latencies, 95), 1),
            "by_type": {kind: {**v, "accuracy": round(v["correct"] / v["questions"], 4)}
                        for kind, v in sorted(by_type.items())},
            "failures": [{"id": r.question.id, "type": r.question.type, "why": r.score.why}
                         for r in records if not r.score.correct],
        }


def run_questions(engine, questions: list[EvalQuestion],
                  progress: Callable[[int], None] | None = None) -> EvalRun:
    run = EvalRun()
    engine.ask(questions[0].question)  # load the model and build the chain before timing
    for question in questions:
        started = time.perf_counter()
        try:
            answer = engine.ask(question.question).to_dict()
        except RegistreError as error:
            answer = {"question": question.question, "answer": str(error), "abstained": True, "citations": []}
        latency = (time.perf_counter() - started) * 1000
        retrieved = [citation_id(r.deliberation, r.source) for r in engine.search(question.question, k=5)]
        run.records.append(Record(question, answer, score(question, answer), latency, retrieved))
        if progress:
            progress(1)
    return run


def retrieval_recall(records, k: int) -> float:
    """Share of expected citations in the top k retrieved deliberations, out of at most k
    (so that a perfect ranking scores 1 even when more than k deliberations are expected)."""
    wanted = [(set(r.score.expected), r.retrieved[:k]) for r in records if r.score.expected]
    if not wanted:
        return 1.0
    return round(sum(len(expected & set(got)) / min(k, len(expected)) for expected, got in wanted) / len(wanted), 4)


def _ratio(part: float, whole: int, empty: float | None = None) -> float | None:
    return round(part / whole, 4) if whole else empty


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
