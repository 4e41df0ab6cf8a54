"""A LangChain retriever over the hybrid search, for users' own chains.

In: a `Library` (the engine: `search(query, k, **filters)`), k and filters. Out: LangChain
`Document`s, one per matched chunk of the best deliberations, with the deliberation's
number, date, title, instance, collectivité, source and page as metadata.
"""
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from registre.qa.library import Library


class RegistreRetriever(BaseRetriever):
    engine: Any  # a qa.library.Library; pydantic cannot check a Protocol
    k: int = 5
    filters: dict = {}
    chunks_per_deliberation: int = 2

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        documents = []
        library: Library = self.engine
        for result in library.search(query, k=self.k, **self.filters):
            metadata = result.to_dict()
            metadata.pop("snippet")
            for hit in result.hits[: self.chunks_per_deliberation] or [None]:
                documents.append(Document(
                    page_content=hit.text if hit else (result.title or ""),
                    metadata={**metadata, "page": hit.page if hit else result.page,
                              "section": hit.section if hit else None,
                              "chunk_id": hit.chunk_id if hit else None},
                ))
        return documents
