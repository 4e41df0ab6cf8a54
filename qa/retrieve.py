"""Find the deliberations a question may be about.

In: a `Library` (the index) and a parsed `Question`. Out: `Candidate`s, best first: the
deliberation named by its number, else those of the séance day asked, else the hybrid
search results for the entity together with the deliberations whose names match it,
always within the period and instance asked.
"""
import dataclasses
import re

from registre.qa.library import Candidate, Library
from registre.qa.question import Question
from registre.text.fold import fold

SEARCH_K = 10


def period_filters(question: Question) -> dict:
    return {"year": question.year, "date_from": question.date_from, "date_to": question.date_to}


def find_candidates(library: Library, question: Question) -> list[Candidate]:
    if question.number:
        ids = library.find(number=question.number)
    elif question.day:
        ids = library.find(day=question.day)
    elif question.intent == "list" and not question.entity.strip():
        ids = library.find(**period_filters(question))
    else:
        ids = _searched(library, question)
    records = [Candidate(i, library.deliberation(i)) for i in dict.fromkeys(ids)]
    if question.instance:
        wanted = fold(question.instance).split()[0]
        narrowed = [c for c in records if wanted in fold(c.record.instance or "")]
        records = narrowed or records
    return records


def _searched(library: Library, question: Question) -> list[int]:
    filters = period_filters(question)
    query = question.entity or question.text
    ranked = [r.deliberation_id for r in library.search(query, k=SEARCH_K, **filters)]
    named = library.name_matches(question.entity) if question.entity else []
    if named and any(filters.values()):
        allowed = set(library.find(**filters))
        named = [i for i in named if i in allowed]
    return ranked + [i for i in named if i not in ranked]


def without_grantors(question: Question, collectivites: list[str]) -> Question:
    """The entity without the granting collectivités' names or acronyms ("SEM", "Métropole
    de Lyon"): in "combien SEM a mis sur weejob", only "weejob" names what is funded."""
    names = set()
    for name in collectivites:
        names |= set(re.findall(r"[a-z0-9]+", fold(name)))
        initials = "".join(word[0] for word in re.findall(r"[A-ZÀ-Ý][\w]*", name))
        if len(initials) >= 2:
            names.add(fold(initials))
    kept = [w for w in question.entity.split() if fold(w).strip("'") not in names]
    return dataclasses.replace(question, entity=" ".join(kept))


def leads(library: Library, question: Question, k: int = 3) -> list[Candidate]:
    """The closest deliberations, whatever the period: offered when nothing answers."""
    query = question.entity or question.text
    return [Candidate(r.deliberation_id, library.deliberation(r.deliberation_id))
            for r in library.search(query, k=k)]
