"""The quality gate CI applies to every evaluation run on the project's question sets.

In: the metrics of a run. Out: the list of thresholds it misses (empty when it passes).
The thresholds live here, in one place; they are raised as registre improves, never
lowered to make a run pass.
"""
ANSWER_ACCURACY_MIN = 0.95
CITATION_PRECISION_MIN = 0.95
HALLUCINATION_RATE_MAX = 0.0


def missed(metrics: dict) -> list[str]:
    out = []
    if metrics["answer_accuracy"] < ANSWER_ACCURACY_MIN:
        out.append(f"answer_accuracy {metrics['answer_accuracy']} < {ANSWER_ACCURACY_MIN}")
    if metrics["citation_precision"] < CITATION_PRECISION_MIN:
        out.append(f"citation_precision {metrics['citation_precision']} < {CITATION_PRECISION_MIN}")
    if metrics["hallucination_rate"] > HALLUCINATION_RATE_MAX:
        out.append(f"hallucination_rate {metrics['hallucination_rate']} > {HALLUCINATION_RATE_MAX}")
    return out
