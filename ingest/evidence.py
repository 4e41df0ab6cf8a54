"""Where a value was read: the parts of a deliberation a reader looks at, and the words
that state each value.

In: a `Deliberation` with sections, and the spans readers matched. Out: `Block`s (contiguous
slices of the deliberation's text, with their offsets), `Found` values carrying the span of
the statement that gives them, and `Evidence` records (page, span, quote). Pure.
"""
import re
from typing import Any, NamedTuple

from registre.ingest import patterns as p
from registre.records import Deliberation, Evidence

_LONGEST_QUOTE = 300  # characters: a one-line OCR page is cut to the sentence that states the value


class Block(NamedTuple):
    """A contiguous slice of a deliberation's text: `text` begins at offset `start`."""

    start: int
    text: str


class Found(NamedTuple):
    """A value read from the text, with the span (offsets in the deliberation's text) of the
    line or sentence that states it."""

    value: Any
    start: int
    end: int


def blocks(delib: Deliberation, kinds: tuple[str, ...], since: int = 0, until: int | None = None) -> list[Block]:
    """The text of the sections of these kinds from offset `since` up to `until`, as
    contiguous blocks."""
    until = len(delib.text) if until is None else until
    out: list[Block] = []
    for section in delib.sections:
        if section.kind not in kinds or section.end <= since or section.start >= until:
            continue
        start = max(section.start, since)
        text = delib.text[start:min(section.end, until)]
        if out and out[-1].start + len(out[-1].text) == start:
            out[-1] = Block(out[-1].start, out[-1].text + text)
        else:
            out.append(Block(start, text))
    return out


def found(value: Any, block: Block, start: int, end: int, sentence: bool = False) -> Found:
    """`value`, stated by the line(s) of `block` holding block offsets `start`…`end` (or, with
    `sentence`, the sentence holding them)."""
    first, last = statement(block.text, start, end, sentence)
    return Found(value, block.start + first, block.start + last)


def statement(text: str, start: int, end: int, sentence: bool = False) -> tuple[int, int]:
    """The span of the lines holding `start`…`end`; the sentence instead when asked or when the
    lines are too long to quote (a page flattened into one line)."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", max(start, end - 1))
    last = len(text) if last < 0 else last
    if sentence or last - first > _LONGEST_QUOTE:
        floor, ceiling = (max(0, start - _LONGEST_QUOTE), min(len(text), end + _LONGEST_QUOTE)) if sentence \
            else (first, last)
        first, last = _sentence_start(text, start, floor, first), _sentence_end(text, end, ceiling, last)
    if last - first > _LONGEST_QUOTE:  # no sentence end near: a window around the value
        first, last = max(first, start - 120), min(last, end + 120)
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


# A sentence ends on a full stop after a word in small letters or a figure, not after an
# initial or an abbreviation ("M. Jean", "C.C.A.S. d'Égletons").
_SENTENCE_END = re.compile(r"(?:(?<=[a-zà-ÿ0-9)\]»\"]{2})|(?<=[a-zà-ÿ0-9)\]»\"]{2}\s))[.;!?](?=\s|$)|\n[ \t]*\n")
# A line break that is not text wrapped: the next line begins a sentence in capitals after a
# line that ends neither on a comma nor on a word that calls for more.
_NEW_LINE = re.compile(r"(?<![,\-–])\n(?=[ \t]*[A-ZÀ-Ý])")


def _sentence_start(text: str, at: int, floor: int, default: int) -> int:
    found = [m.end() for m in _SENTENCE_END.finditer(text, floor, at)]
    found += [m.end() for m in _NEW_LINE.finditer(text, floor, at)
              if not p.ends_cut(text[text.rfind("\n", 0, m.start()) + 1:m.start()])]
    return max(found) if found else default


def _sentence_end(text: str, at: int, ceiling: int, default: int) -> int:
    m = _SENTENCE_END.search(text, at, ceiling)
    return m.end() if m else default


def quote(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def evidence(delib: Deliberation, read: Found) -> Evidence:
    return Evidence(delib.page_at(read.start), read.start, read.end, quote(delib.text[read.start:read.end]))


def shifted(item: Evidence, by: int) -> Evidence:
    """Evidence read in another deliberation of the same document whose text starts `by`
    characters after this one's: offsets relative to this deliberation."""
    return Evidence(item.page, item.start - by, item.end - by, item.quote)
