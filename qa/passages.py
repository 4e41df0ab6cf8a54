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


def best_passage(asked: frozenset[str], found: Sequence[tuple[T, Deliberation, int, int]]) -> tuple[T, float] | None:
    """The (item, score) whose passage holds the words asked best; `found` holds (item, record,
    start, end) of passages. None when nothing holds any."""
    if not found or not asked:
        return None
    labels = [words(record.text[start:end]) | words(record.title) for _, record, start, end in found]
    matcher = EntityMatcher(asked, labels)
    scored = [(matcher.score(label), -index) for index, label in enumerate(labels)]
    score, index = max(scored)
    return (found[-index][0], score) if score > 0 else None


def mentioned(delib: Deliberation, asked: frozenset[str]) -> bool:
    """One sentence (or line) of the deliberation, or its title, holds every word asked."""
    from registre.qa.match import same

    def holds(held: frozenset[str]) -> bool:
        return all(any(same(w, u) for u in held) for w in asked)

    if holds(words(delib.title)):
        return True
    return any(holds(words(piece)) for piece in _PIECES.split(delib.text) if piece.strip())


_PIECES = re.compile(r"(?<=[.;!?])\s+|\n")
