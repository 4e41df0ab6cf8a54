"""Cut a document into its deliberations.

In: a `Document`. Out: `Deliberation` shells (source, text, offsets, pages, number),
in order, tiling the document text. A file may hold one deliberation or a whole séance;
a text with no printed number is one deliberation whose number is None.
"""
from registre.ingest import patterns as p
from registre.records import Deliberation, Document


def split_document(doc: Document) -> list[Deliberation]:
    text = doc.text
    all_lines = p.lines(text)
    starts = _deliberation_starts(all_lines)
    if not starts:
        return [_shell(doc, text, 0, len(text), None, ("sans numéro",))]
    bounds = [start for start, _ in starts] + [len(text)]
    bounds[0] = 0  # what precedes the first header (séance preamble) belongs to the first one
    return [
        _shell(doc, text, bounds[i], bounds[i + 1], number, ())
        for i, (_, number) in enumerate(starts)
    ]


def _deliberation_starts(all_lines: list[p.Line]) -> list[tuple[int, str]]:
    """(offset, number) where each new deliberation begins, header block included."""
    starts: list[tuple[int, str]] = []
    for index, line in enumerate(all_lines):
        found = p.NUMBER_LINE.search(line.text)
        if not found or len(line.text) > 200:
            continue
        if index and p.continues_sentence(all_lines[index - 1].text):
            continue  # a reference wrapped to the start of a line: "…par la\nDélibération n° …"
        number = found["number"].rstrip(".-/_")
        if starts and starts[-1][1] == number:
            continue  # the same number printed again above the exposé
        starts.append((_header_block_start(all_lines, index, starts), number))
    return starts


def _header_block_start(all_lines: list[p.Line], index: int, starts: list) -> int:
    """Walk back over the lines that announce this deliberation (EXTRAIT…, SEANCE DU…)."""
    floor = starts[-1][0] if starts else 0
    first = index
    for back in range(index - 1, max(-1, index - 12), -1):
        line = all_lines[back]
        if line.start <= floor:
            break
        if not line.text.strip():
            continue
        if p.EXTRAIT.search(line.text) or p.SEANCE.search(line.text) or p.HEADER_FIELD.search(line.text):
            first = back
            continue
        break
    return all_lines[first].start


def _shell(doc: Document, text: str, start: int, end: int, number: str | None,
           flags: tuple[str, ...]) -> Deliberation:
    page_starts = doc.page_offsets
    first_index = max(i for i, offset in enumerate(page_starts) if offset <= start)
    own = [0] + [offset - start for offset in page_starts[first_index + 1:] if offset < end]
    confidences = tuple(page.ocr_confidence for page in doc.pages)
    if not any(c is not None for c in confidences):
        confidences = ()
    return Deliberation(
        source=doc.source,
        text=text[start:end],
        start=start,
        first_page=doc.pages[first_index].number,
        page_offsets=tuple(own),
        number=number,
        flags=flags,
        page_confidences=confidences[first_index:first_index + len(own)],
    )
