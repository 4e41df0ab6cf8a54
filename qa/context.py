"""What a question type works with: the index, the question as read, its scope, and the
deliberations it may be about, ranked.

In: a `Library`, a `Question`, its `Scope`. Out: `Context`, with `record(id)` (read once per
question), `records(ids)` and `ranked(query)`: the deliberations in scope, best first, scored
by how fully their title and text hold the query's words (rarer words weigh more) and by the
index's hybrid search. The candidates weighed are kept for the trace.
"""
import datetime as dt
from dataclasses import dataclass, field

from registre.qa.library import Candidate, Library
from registre.qa.match import EntityMatcher, required, same, words
from registre.qa.question import Question
from registre.qa.scope import Scope
from registre.qa.wording import content, holds, names_typed, verbs_of
from registre.records import Deliberation

SEARCH_K = 50
LOCAL = 80  # a scope this small is scored whole; a larger one through the search first
_SEARCH_WEIGHT = 0.25
_NAMED_WEIGHT = 0.3
LEAD = 1.5  # how far ahead of the next a first candidate must be to stand without every word


@dataclass
class Context:
    library: Library
    question: Question
    scope: Scope
    weighed: list[tuple[str, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # why nothing was drafted, in French
    leads: list[Candidate] = field(default_factory=list)  # near misses, offered with an abstention
    _records: dict[int, Deliberation] = field(default_factory=dict)

    def record(self, delib_id: int) -> Deliberation:
        if delib_id not in self._records:
            self._records[delib_id] = self.library.deliberation(delib_id)
        return self._records[delib_id]

    def records(self, ids) -> list[Candidate]:
        """The deliberations `ids`, by séance date then position."""
        found = [Candidate(i, self.record(i)) for i in set(ids)]
        return sorted(found, key=lambda c: (c.record.date or dt.date.min, c.record.source, c.record.start))

    def in_scope(self, dated: bool = True) -> list[Candidate] | None:
        """Every deliberation the scope allows, or None when it allows the whole index."""
        ids = self.scope.ids(dated)
        return None if ids is None else self.records(ids)

    def ranked(self, query: str | None = None, dated: bool = True, k: int = 10,
               cues: frozenset[str] = frozenset()) -> list[Candidate]:
        """The deliberations in scope that the query's words (question and `cues` words set
        aside) fit, best first (at most k)."""
        query = query if query is not None else self.question.topic
        ids = self.scope.ids(dated)
        first, last = self.question.period.bounds() if dated else (None, None)
        found = self.library.search(query, k=SEARCH_K, date_from=first, date_to=last) if query.strip() else []
        searched = {r.deliberation_id: 1.0 / (rank + 1) for rank, r in enumerate(found)
                    if ids is None or r.deliberation_id in ids}
        # A deliberation carrying a beneficiary or a person the question names is what it is about.
        named = {i for m in self.question.named("beneficiary", "person") for i in m.ids
                 if ids is None or i in ids} if query == self.question.topic else set()
        pool = set(searched) | (set(ids) if ids is not None and len(ids) <= LOCAL else set()) | \
            (named if len(named) <= LOCAL else set())
        candidates = [Candidate(i, self.record(i)) for i in pool]
        year = self.question.period.document_year
        if year:  # "le BP 2020": a deliberation whose title does not print the year is another document
            candidates = [c for c in candidates if str(year) in words(c.record.title)]
        if not candidates:
            return []
        titles = [words(c.record.title) for c in candidates]
        texts = [words(c.record.text) for c in candidates]
        asked = content(query, cues) or words(query)
        by_title, by_text = EntityMatcher(asked, titles), EntityMatcher(asked, texts)
        scored = [Candidate(c.id, c.record, round(0.45 * by_title.score(t, strict=False)
                                                  + 0.55 * by_text.score(x, strict=False)
                                                  + _SEARCH_WEIGHT * searched.get(c.id, 0.0)
                                                  + (_NAMED_WEIGHT if c.id in named else 0.0), 4))
                  for c, t, x in zip(candidates, titles, texts)]
        scored.sort(key=lambda c: (-c.score, c.record.date or dt.date.min, c.id))
        self.weigh(scored[:k])
        return scored[:k]

    def fitting(self, cues: frozenset[str] = frozenset(), k: int = 5, about: str | None = None) -> list[Candidate]:
        """The ranked deliberations whose title or text holds every word the question (or the
        part of it `about`) asks about, its verbs aside ("créant" for a title that says "création")."""
        about = self.question.topic if about is None else about
        asked = content(about, cues) - verbs_of(about)
        if self.question.period.soft_year:  # a year that names a thing is searched, not required
            asked -= {str(self.question.period.soft_year)}
        ranked = self.ranked(k=k, cues=cues)
        found = [c for c in ranked if holds(asked, words(c.record.title) | words(c.record.text))]
        first = self.ahead(ranked, asked) if not found and len(asked) >= 4 else None
        return found or ([first] if first else [])

    def ahead(self, ranked: list[Candidate], asked: frozenset[str]) -> Candidate | None:
        """The first candidate, if it is far ahead of the next and its title and text hold every
        word asked, or all but one of four or more: one word of a paraphrase ("les nouveaux
        tarifs", "le déficit du CCAS dissous") does not unmake the deliberation it points to. A
        name typed with a capital ("rue des Peupliers") is never the word let go, and a figure
        or ordinal asked must be in the title (a "30" of "Présents : 30" is not "30 logements")."""
        if not ranked or not asked or (len(ranked) > 1 and ranked[0].score < LEAD * ranked[1].score):
            return None
        record = ranked[0].record
        held, title = words(record.title) | words(record.text), words(record.title)
        if any(required(w) and not any(same(w, u) for u in title) for w in asked):
            return None
        missing = [w for w in asked if not any(same(w, u) for u in held)]
        names = names_typed(self.question.text)
        ok = not missing or len(missing) == 1 and len(asked) >= 4 and missing[0] not in names
        return ranked[0] if ok else None

    def weigh(self, candidates: list[Candidate]) -> None:
        """Keep these candidates, with their scores, for the trace."""
        for c in candidates:
            label = describe_record(c.record)
            if all(label != seen for seen, _ in self.weighed):
                self.weighed.append((label, c.score))


def describe_record(delib: Deliberation) -> str:
    number = f"n° {delib.number}" if delib.number else delib.source
    date = f" du {delib.date.isoformat()}" if delib.date else ""
    title = f" – {delib.title[:70]}" if delib.title else ""
    return f"{number}{date}{title}"
