"""The LangChain baselines on the real sample index: splits, retrieval, the naive amount answer."""
from decimal import Decimal

import pytest
from locations import STARTER

from registre.eval.baselines import (
    EmbedderEmbeddings,
    build_baselines,
    first_amount,
    ranked_deliberations,
    run_baselines,
    split_documents,
)
from registre.eval.questions import load_questions

SAMPLE_DELIBERATIONS = {"2022.00159", "2022.00452", "CP-2021-0668", "003_d3aa0306cb671a35.txt", "2019.00081"}


@pytest.fixture(scope="module")
def baselines(samples_engine):
    return build_baselines(samples_engine)


def test_splits_cover_each_deliberation_once_and_start_inside_it(samples_engine):
    splits = split_documents(samples_engine)
    # The PDF copies are duplicates of the text samples: left out, not counted twice.
    assert {s.metadata["source"] for s in splits} == {
        "000_678f1116b57b2cf4.txt", "001_40a7a0cda50e6dc9.txt", "002_c003faeefd809027.txt",
        "003_d3aa0306cb671a35.txt", "004_1765d63fdda7c274.txt"}
    assert {s.metadata["deliberation"] for s in splits} == SAMPLE_DELIBERATIONS
    assert all(len(s.page_content) <= 1000 for s in splits)
    texts = {d.number or d.source: d.text for d in samples_engine.deliberations()}
    assert all(s.page_content in texts[s.metadata["deliberation"]] for s in splits)


def test_embeddings_are_the_engine_embedder(samples_engine):
    embeddings = EmbedderEmbeddings(samples_engine.embedder)
    vector = samples_engine.embedder.embed(["subvention Weeejob"])[0]
    assert embeddings.embed_query("subvention Weeejob") == pytest.approx(vector.tolist(), abs=1e-6)
    assert len(embeddings.embed_documents(["a", "b"])) == 2


def test_baselines_on_the_starter_set(samples_engine, baselines):
    results = run_baselines(samples_engine, load_questions(STARTER), baselines)
    assert set(results) == {"langchain-rag", "bm25", "vectors"}
    recall_keys = {"retrieval_recall_at_1", "retrieval_recall_at_5", "latency_ms_p50", "latency_ms_p95"}
    assert set(results["langchain-rag"]) == recall_keys | {"amount_accuracy"}
    assert set(results["bm25"]) == set(results["vectors"]) == recall_keys
    for metrics in results.values():
        assert 0 <= metrics["retrieval_recall_at_1"] <= metrics["retrieval_recall_at_5"] <= 1
        assert 0 <= metrics["latency_ms_p50"] <= metrics["latency_ms_p95"]
    assert 0 <= results["langchain-rag"]["amount_accuracy"] <= 1


def test_langchain_rag_answers_weeejob_2022_with_one_grant_not_the_sum(baselines):
    # The top split is the October 2022 deliberation; its first amount is that one grant
    # (11 000 €), where the right answer adds up both 2022 grants (22 000 €).
    splits = baselines["langchain-rag"].invoke("combien pour Weeejob en 2022")
    assert splits[0].metadata["deliberation"] == "2022.00452"
    assert first_amount(splits) == Decimal(11000)
    assert {"2022.00159", "2022.00452"} <= set(ranked_deliberations(splits)[:5])


def test_first_amount_of_nothing_is_none():
    assert first_amount([]) is None
