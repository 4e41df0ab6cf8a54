"""What the answer chain needs from an index, as a Protocol (the engine provides it).

In: nothing. Out: the `Library` protocol and `Candidate`, a deliberation found for a
question with the id the index knows it by and how well it fits the question.
"""
import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from registre.index.gazetteer import Gazetteer
from registre.records import Deliberation, SearchResult


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    record: Deliberation
    score: float = 0.0


class Library(Protocol):
    def search(self, query: str, k: int = 10, year: int | None = None, date_from: dt.date | None = None,
               date_to: dt.date | None = None, instance: str | None = None,
               collectivite: str | None = None) -> list[SearchResult]: ...

    def deliberation(self, delib_id: int) -> Deliberation: ...

    def find(self, number: str | None = None, day: dt.date | None = None, **filters) -> list[int]:
        """Ids of deliberations matching number, day, year, date_from, date_to, instance."""
        ...

    def gazetteer(self) -> Gazetteer:
        """The names questions are read against, current with the index."""
        ...

    def known_word(self, word: str) -> bool:
        """True when the (folded) word is printed as a proper name in the index."""
        ...
