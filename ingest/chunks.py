"""Cut a deliberation into the chunks that are indexed and embedded.

In: a `Deliberation`. Out: `Chunk`s: one per section (long ones split on paragraph
boundaries, about 200–400 tokens), one per table row with its column headers, each with
a header line naming the deliberation. Page furniture (stamps, running headers) is left out.
Also the names worth matching fuzzily (beneficiaries, title words, people). Pure.
"""
import re

from registre.ingest.tables import table_rows
from registre.records import Chunk, Deliberation, Section
from registre.text.french import format_date

MAX_CHARS = 1800  # about 350 tokens of French
MIN_CHARS = 40
_PROPER = re.compile(r"\b[A-ZÀ-Ý][A-Za-zÀ-ÿ'-]{3,}\b")


def header_line(delib: Deliberation) -> str:
    name = f"Délibération {delib.number}" if delib.number else f"Délibération ({delib.source})"
    when = f" du {format_date(delib.date)}" if delib.date else ""
    return f"{name}{when} – {delib.title or 'sans titre'}"


def make_chunks(delib: Deliberation) -> list[Chunk]:
    header = header_line(delib)
    rows = table_rows(delib.text)
    chunks: list[Chunk] = []
    for section in delib.sections:
        if section.kind == "furniture" or not section.text.strip():
            continue
        inside = [r for r in rows if section.start <= r.start < section.end]
        for row in inside:
            text = f"{row.group} : {row.described()}" if row.group else row.described()
            chunks.append(Chunk(section.kind, text, header, delib.page_at(row.start), row.start, row.end))
        chunks += _text_chunks(delib, section, header, [(r.start, r.end) for r in inside])
    return chunks


def _text_chunks(delib: Deliberation, section: Section, header: str, skip) -> list[Chunk]:
    out: list[Chunk] = []
    pieces = _paragraphs(section, skip)
    buffer_start: int | None = None
    buffer_end = 0
    for start, end in pieces:
        if buffer_start is not None and end - buffer_start > MAX_CHARS:
            out.append(_chunk(delib, section, header, buffer_start, buffer_end))
            buffer_start = None
        if buffer_start is None:
            buffer_start = start
        buffer_end = end
    if buffer_start is not None:
        out.append(_chunk(delib, section, header, buffer_start, buffer_end))
    return [c for c in out if len(c.text) >= MIN_CHARS or section.kind in ("vote", "header")]


def _paragraphs(section: Section, skip) -> list[tuple[int, int]]:
    """(start, end) offsets of paragraphs, skipping table rows; over-long ones cut at lines."""
    spans, at = [], section.start
    for block in re.split(r"(\n\s*\n)", section.text):
        start, end = at, at + len(block)
        at = end
        if not block.strip() or any(s <= start < e for s, e in skip):
            continue
        lines_at, line_start = [], start
        for line in block.split("\n"):
            line_end = line_start + len(line) + 1
            if "\t" not in line or not any(s <= line_start < e for s, e in skip):
                lines_at.append((line_start, min(line_end, end)))
            line_start = line_end
        spans += _merge(lines_at)
    return spans


def _merge(lines_at: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in lines_at:
        if merged and end - merged[-1][0] <= MAX_CHARS and start - merged[-1][1] <= 1:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _chunk(delib: Deliberation, section: Section, header: str, start: int, end: int) -> Chunk:
    text = delib.text[start:end].strip()
    return Chunk(section.kind, text, header, delib.page_at(start), start, end)


def vocabulary(delib: Deliberation) -> set[tuple[str, str]]:
    """(kind, name) pairs: beneficiaries, people, and proper-noun words of the text."""
    names = {("beneficiary", a.beneficiary) for a in delib.amounts if a.beneficiary}
    people = [delib.president, delib.secretaire, delib.rapporteur, *delib.present_members,
              *delib.absent_members]
    names |= {("person", name) for name in people if name}
    if delib.title:
        names.add(("title", delib.title))
    names |= {("word", word) for word in _PROPER.findall(delib.text)}
    return names
