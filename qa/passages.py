"""Passages of a deliberation's text around a value: the sentence that holds it, with the
sentences just before it when they set its context ("Le Maire souhaite faire un conseil
spécifique … Date arrêtée : 28/10/2022").

In: a `Deliberation` and the span of a value. Out: the span of its passage, and how well a
passage holds the words asked. Pure.
"""
import re
from collections.abc import Sequence
from typing import TypeVar

from registre.ingest.evidence import statement
from registre.qa.match import EntityMatcher, words
from registre.records import Deliberation

CONTEXT = 400
T = TypeVar("T")  # characters of the sentences before a value's own that may set its context


def sentence(delib: Deliberation, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding `start`…`end`."""
    return statement(delib.text, start, end, sentence=True)


def passage(delib: Deliberation, start: int, end: int) -> tuple[int, int]:
    """The value's sentence and, within CONTEXT characters before it, the sentences of its paragraph."""
    first, last = sentence(delib, start, end)
    floor = max(0, first - CONTEXT, delib.text.rfind("\n\n", 0, first) + 2)
    if floor >= first:
        return first, last
    opening, closing = sentence(delib, floor, floor + 1)
    at = opening if opening >= floor else closing
    while at < first and delib.text[at].isspace():
        at += 1
    return min(at, first), last


def best_passage(asked: frozenset[str], found: Sequence[tuple[T, Deliberation, int, int, int, int]]
                 ) -> tuple[T, float] | None:
    """The (item, score) whose passage holds the words asked best; `found` holds (item, record,
    passage start, passage end, value start, value end). Words in the value's own sentence weigh
    as much as all those of its passage, which only set its context; the score returned is the
    passage's. None when nothing holds any."""
    if not found or not asked:
        return None
    near = [words(record.text[slice(*own(record, at, to))]) for _, record, _, _, at, to in found]
    wide = [words(record.text[start:end]) | words(record.title) for _, record, start, end, _, _ in found]
    by_near = EntityMatcher(asked, near, ignore_unseen=True)
    by_wide = EntityMatcher(asked, wide, ignore_unseen=True)
    scored = [(by_near.score(n, strict=False) + by_wide.score(w), by_wide.score(w), -index)
              for index, (n, w) in enumerate(zip(near, wide))]
    total, score, index = max(scored)
    return (found[-index][0], round(score, 4)) if total > 0 else None


def own(delib: Deliberation, start: int, end: int) -> tuple[int, int]:
    """A value's own words: its sentence, and the lines just above it that end with a colon
    (the label of a list item: "g. Le responsable Logistique :⏎Titulaire : Patrick Kaczmarek")."""
    first, last = sentence(delib, start, end)
    while first > 0:
        above_end = delib.text.rfind("\n", 0, first)
        if above_end <= 0:
            break
        above_start = delib.text.rfind("\n", 0, above_end) + 1
        line = delib.text[above_start:above_end].rstrip()
        if not line.endswith(":"):
            break
        first = above_start
    return first, last


def mentioned(delib: Deliberation, asked: frozenset[str]) -> bool:
    """One sentence (or line) of the deliberation, or its title, holds every word asked."""
    from registre.qa.match import same

    def holds(held: frozenset[str]) -> bool:
        return all(any(same(w, u) for u in held) for w in asked)

    if holds(words(delib.title)):
        return True
    return any(holds(words(piece)) for piece in _PIECES.split(delib.text) if piece.strip())


_PIECES = re.compile(r"(?<=[.;!?])\s+|\n")
