"""What the answer chain needs from an index, as a Protocol (the engine provides it).

In: nothing. Out: the `Library` protocol and `Candidate`, a deliberation found for a
question with the id the index knows it by.
"""
import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from registre.records import Deliberation, SearchResult


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    record: Deliberation


class Library(Protocol):
    def search(self, query: str, k: int = 10, year: int | None = None, date_from: dt.date | None = None,
               date_to: dt.date | None = None, instance: str | None = None,
               collectivite: str | None = None) -> list[SearchResult]: ...

    def deliberation(self, delib_id: int) -> Deliberation: ...

    def find(self, **filters) -> list[int]:
        """Ids of deliberations matching number, day, year, date_from, date_to, instance."""

    def collectivites(self) -> list[str]:
        """The names of the collectivités in the index."""

    def name_matches(self, name: str) -> list[int]:
        """Ids of deliberations whose beneficiaries, titles or proper names match `name`."""
