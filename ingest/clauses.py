"""Sentences of a section and the clause around each of their amounts.

In: a section's text. Out: `Sentence`s (sentences, bullets, table cells, the lines of a list
"Nom : 1 200 €" each on its own) and, per amount, a `kinds.Clause` (folded words before it,
since the previous amount, after it) and, for a list entry, the name it starts with. Pure.
"""
import re
from decimal import Decimal
from typing import NamedTuple

from registre.ingest import kinds
from registre.text.fold import fold
from registre.text.french import find_amounts

_SENTENCE_END = re.compile(
    r"(?<=[.;!?])\s+(?=[A-ZÀ-Ý«\"(-])|\n\s*\n|\n(?=\s*(?:[-•*–]|\d+[°).]|[a-z]\))\s)|(?<=:)\s*\n|\t"
    r"|(?<=€)[ .;,]*\n(?=\s*[A-ZÀ-Ý-])|(?<=euros)[ .;,]*\n(?=\s*[A-ZÀ-Ý-])"
)
_BULLET = re.compile(r"^\s*(?:[-•*–_]+|\d+[°).]|[a-z]\))\s*")
_PARENTHESIS = re.compile(r"\([^()]*\)")


class Sentence(NamedTuple):
    start: int  # offset in the section text
    text: str
    amounts: tuple[tuple[Decimal, tuple[int, int]], ...]  # spans in the section text


class Found(NamedTuple):
    """One amount of a sentence with what surrounds it."""

    value: Decimal
    start: int
    end: int
    clause: kinds.Clause
    entry: str | None  # the name a list entry starts with ("Comité des fêtes : 1 200 €")
    follows: bool  # printed in brackets right after another amount ("1 000 € par foyer (1 500 € …)")


def sentences(text: str) -> list[Sentence]:
    bounds = sorted({0, len(text), *(m.end() for m in _SENTENCE_END.finditer(text))})
    amounts = find_amounts(text)
    out = []
    for start, end in zip(bounds, bounds[1:]):
        inside = tuple((v, span) for v, span in amounts if start <= span[0] < end)
        if text[start:end].strip():
            out.append(Sentence(start, text[start:end], inside))
    return out


def found_in(sentence: Sentence) -> list[Found]:
    text, at = sentence.text, sentence.start
    out = []
    previous_end = 0
    for index, (value, (start, end)) in enumerate(sentence.amounts):
        start, end = start - at, end - at
        following = sentence.amounts[index + 1][1][0] - at if index + 1 < len(sentence.amounts) else len(text)
        scope_start = max([0] + [m.end() for m in re.finditer(r";|\bmais\b", text[:start])])
        local_raw = text[max(scope_start, previous_end):start]
        clause = kinds.Clause(_folded(text[scope_start:start]), _folded(_PARENTHESIS.sub(" ", local_raw)),
                              _folded(text[end:following]))
        follows = index > 0 and bool(re.fullmatch(r"[^()]{0,40}\(\s*", local_raw))
        entry = _entry_name(text, start, end, following) if index == len(sentence.amounts) - 1 else None
        out.append(Found(value, at + start, at + end, clause, entry, follows))
        previous_end = end
    return out


def is_listed(sentence: Sentence) -> bool:
    """A bullet or a list entry: what a lead-in sentence ("… les suivantes :") introduces."""
    if sentence.text.rstrip().endswith(":"):
        return False  # "1) Il propose d'appliquer les tarifs suivants :" introduces a list
    return bool(_BULLET.match(sentence.text)) or any(f.entry for f in found_in(sentence))


def _folded(text: str) -> str:
    return " ".join(fold(text).split())


def _entry_name(text: str, start: int, end: int, following: int) -> str | None:
    """The name before a list entry's amount: "- Comité des fêtes de Rivière : 1 200 €",
    "Amicale sportive 1220€", "Cyclo club (demande non précisée) : Proposition … 230€"."""
    if text[end:following].strip(" .;,-_\n"):
        return None  # the amount does not end the line
    head = text[:start]
    name = head.split(" : ", 1)[0] if " : " in head else head
    name = _BULLET.sub("", " ".join(name.split())).strip(" :=-–")
    bare = _PARENTHESIS.sub(" ", name)
    if not name or len(bare.split()) > 10 or re.search(r"\d{2}|€", bare) or kinds.has_head(fold(bare)):
        return None
    if not name[:1].isupper():
        return None
    return name
