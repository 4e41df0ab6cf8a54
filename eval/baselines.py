"""The baselines a user would build first with LangChain, run on the same index and questions.

In: an engine (its documents' deliberations and its embedder) and `EvalQuestion`s. Out: per
baseline, retrieval recall@1/@5 of the expected citations, latency p50/p95 (ms per
question) and, for "langchain-rag", the accuracy of a naive extractive amount answer.

- "langchain-rag": RecursiveCharacterTextSplitter (1000 characters, overlap 150) over the
  raw text of each ingested document, FAISS over the same embedder, BM25Retriever, fused
  by EnsembleRetriever with weights 0.5/0.5 (BM25 listed first, as in LangChain's docs).
  Its amount answer is the first euro amount of its top split.
- "bm25": the BM25Retriever alone (LangChain defaults: whitespace tokens, no folding).
- "vectors": the FAISS retriever alone.

Each split carries the deliberation it starts in (its number, else its source file).
Duplicate deliberations (the same one ingested from another file) are left out.
"""
import time
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal

from langchain_classic.retrievers import EnsembleRetriever
from langchain_community.retrievers import BM25Retriever
from langchain_community.vectorstores import FAISS
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_text_splitters import RecursiveCharacterTextSplitter

from registre.eval.questions import EvalQuestion
from registre.eval.run import _percentile
from registre.index.embedder import Embedder
from registre.text.french import find_amounts

K = 5
CHUNK_SIZE, CHUNK_OVERLAP = 1000, 150
NAMES = ("langchain-rag", "bm25", "vectors")


class EmbedderEmbeddings(Embeddings):
    """registre's `Embedder` seen as LangChain `Embeddings` (same model, same vectors)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed([text])[0].tolist()


def split_documents(engine) -> list[Document]:
    """The raw text of each document in 1000-character splits, each tagged with its deliberation."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True)
    splits = []
    for source, delibs in engine.documents():
        text, starts, labels = "", [], []
        for delib in sorted(delibs, key=lambda d: d.start):
            text += "\n" * max(0, delib.start - len(text))  # keep the document's offsets
            starts.append(len(text))
            labels.append(delib.number or delib.source)
            text += delib.text
        for split in splitter.create_documents([text], metadatas=[{"source": source}]):
            at = max(0, bisect_right(starts, split.metadata["start_index"]) - 1)
            split.metadata["deliberation"] = labels[at]
            splits.append(split)
    return splits


def build_baselines(engine, k: int = K) -> dict[str, BaseRetriever]:
    """The three retrievers, keyed by baseline name, built over the engine's index."""
    splits = split_documents(engine)
    bm25 = BM25Retriever.from_documents(splits, k=k)
    vectors = FAISS.from_documents(splits, EmbedderEmbeddings(engine.embedder)).as_retriever(
        search_kwargs={"k": k})
    rag = EnsembleRetriever(retrievers=[bm25, vectors], weights=[0.5, 0.5])
    return {"langchain-rag": rag, "bm25": bm25, "vectors": vectors}


def ranked_deliberations(splits: Sequence[Document]) -> list[str]:
    """Deliberations in order of first appearance among the retrieved splits."""
    return list(dict.fromkeys(s.metadata["deliberation"] for s in splits))


def first_amount(splits: Sequence[Document]) -> Decimal | None:
    """The naive extractive answer: the first euro amount of the top split."""
    found = find_amounts(splits[0].page_content) if splits else []
    return found[0][0] if found else None


def run_baselines(engine, questions: list[EvalQuestion],
                  retrievers: dict[str, BaseRetriever] | None = None) -> dict[str, dict]:
    """Metrics per baseline; `retrievers` (from `build_baselines`) saves rebuilding them."""
    retrievers = retrievers or build_baselines(engine)
    return {name: _evaluate(name, retriever, questions) for name, retriever in retrievers.items()}


def _evaluate(name: str, retriever: BaseRetriever, questions: list[EvalQuestion]) -> dict:
    latencies, recall_1, recall_5, amounts_right = [], [], [], []
    for question in questions:
        started = time.perf_counter()
        splits = retriever.invoke(question.question)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = ranked_deliberations(splits)
        expected = set(question.citations)
        if expected and question.type != "abstain":
            recall_1.append(len(expected & set(ranked[:1])) / len(expected))
            recall_5.append(len(expected & set(ranked[:5])) / len(expected))
        if question.type == "amount":
            got, want = first_amount(splits), Decimal(str(question.expected["total"]))
            amounts_right.append(got is not None and abs(got - want) < Decimal("0.005"))
    latencies.sort()
    out: dict[str, float | None] = {
        "retrieval_recall_at_1": _mean(recall_1),
        "retrieval_recall_at_5": _mean(recall_5),
        "latency_ms_p50": round(_percentile(latencies, 50), 1),
        "latency_ms_p95": round(_percentile(latencies, 95), 1),
    }
    if name == "langchain-rag":
        out["amount_accuracy"] = _mean(amounts_right) if amounts_right else None
    return out


def _mean(values: list) -> float:
    return round(sum(values) / len(values), 4) if values else 1.0
