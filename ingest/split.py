"""Cut a document into its deliberations.

In: a `Document`. Out: `Deliberation` shells (source, text, offsets, pages, number, the
offset of their own heading), in order, tiling the document text. A file holds one
deliberation, a register of extracts, or a séance (procès-verbal, compte rendu, list of
deliberations) whose preamble states once what all its items share.

Items are found by their headings, in this order of trust:
1. a labelled number: "DELIBERATION N°2022.00159", "Décision n° CP-2022-1185",
   "Affaire n°2026-CM/071", "N°1 D.CCAS/2026/19 - …", "N° 20-06-15";
2. a line that begins with a register number and goes on with a title:
   "2020-038 SUBVENTION EXCEPTIONNELLE…", "DCM 20260727-01 Institution…";
3. with no number anywhere, the numbered points of an agenda ("1/ ONF…", "2. Déneigement",
   "3- Vente des tables"), taken in their order, a heading with text under it preferred
   to the same point listed in the "ordre du jour".
A list that repeats numbers already met (a recap at the end of a procès-verbal) starts
nothing; "Questions diverses" ends the last item. Without any heading, the file is one
deliberation without a number.
"""
import dataclasses
import re
from typing import NamedTuple

from registre.ingest import numbering
from registre.ingest import patterns as p
from registre.records import OTHER_BUSINESS, Deliberation, Document

# "Décision n° …" after at most a short lead ("Commission permanente du … Décision n° …"),
# not after an article or a preposition; or "N° …" opening the line.
_KIND_HEADING = re.compile(
    rf"^(?P<lead>.{{0,60}}?)(?<![a-zà-ÿ] )(?<!\bla )(?<!\bpar )(?<!\bde )(?<!\bune )\b{p.KIND}\s*(?={p.NO})")
_NO_HEADING = re.compile(rf"^\s*(?={p.NO})")
_AGENDA = re.compile(r"^\s*(?:(?:Point|POINT)\s+(?:n°\s*)?)?(?:(?P<n>\d{1,2})|(?P<roman>[IVX]{1,5})(?=[\s.)/–-]))"
                     r"\s*(?:[/.)°:–-]\s*|\s+)(?=[A-ZÀ-Ý«\"])(?P<title>\S.{2,})$")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_MAX_AGENDA_GAP = 3  # points may be missing from a compte rendu, not a dozen of them


# A decision printed at the end of a one-line item ("… Résidence Habitat Jeunes APPROUVÉE à
# l'unanimité", "… renforcé ADOPTÉE"): not part of its title.
_DECISION_TAIL = re.compile(r"[\s|,.:;-]*\b(?:ADOPT|APPROUV|REJET|RETIR)[ÉE]E?S?\b.*$|"
                            r"[\s|,.:;-]*\b(?:adopt|approuv|rejet)[ée]e?s?\s+(?:à|a)\s+l'unanimit.*$")


class Heading(NamedTuple):
    line: int  # index in the document's lines
    number: str | None
    ordinal: int | None = None  # the point of an agenda
    rest: str = ""  # what the heading line says after its number: the title, or its start
    other_business: bool = False  # the séance's "Questions diverses"


def split_document(doc: Document) -> list[Deliberation]:
    text = doc.text
    all_lines = p.lines(text)
    headings = _with_other_business(all_lines, _numbered(all_lines) or _agenda(all_lines))
    if not headings:
        return [_shell(doc, 0, len(text), None, 0, ("sans numéro",))]
    starts = _item_starts(all_lines, headings, text)
    bounds = [start for start, _ in starts] + [len(text)]
    shells = []
    for i, (start, heading) in enumerate(starts):
        begin = 0 if i == 0 else start  # the séance preamble belongs to the first item
        flags = (OTHER_BUSINESS,) if heading.other_business else () if heading.number else ("sans numéro",)
        shell = _shell(doc, begin, bounds[i + 1], heading.number, start - begin, flags)
        shells.append(dataclasses.replace(shell, title=_title(all_lines, heading)))
    return shells


_UPPER_WORDS = re.compile(r"^(?:[A-ZÀ-Ý0-9'().,/-]+\s+){3,}?(?=[A-ZÀ-Ý]?[a-zà-ÿ])")
_RUNNING_TEXT = 60  # characters: a title's tail in small letters is shorter


def _upper_part(text: str) -> str:
    """A title in capitals, without the running text that follows it on the same line
    ("DESIGNATION D'UN CORRESPONDANT DEFENSE Le Maire certifie que la liste…")."""
    found = _UPPER_WORDS.match(text + " ")
    if found and p.is_upper(found[0]) and len(text) - found.end() > _RUNNING_TEXT:
        return found[0].strip()
    return text


def _title(all_lines: list[p.Line], heading: Heading) -> str | None:
    """The title a heading line gives, with the lines it runs on to; None when the line
    holds no more than its number (the title is printed below it, or in "Objet :"). In a
    table row ("2024_015⏎Subvention au club⏎Adoptée"), the cell after the number."""
    rest = heading.rest
    if "\t" in rest.strip():
        return next((cell.strip() for cell in rest.split("\t") if cell.strip()), None)
    first = _upper_part(_DECISION_TAIL.sub("", rest.strip(" -–—:.")).strip())
    if len(first) < 4:
        return None
    taken, previous = [first], rest.rstrip()
    for line in all_lines[heading.line + 1: heading.line + 3]:
        text = line.text.strip()
        if not text or p.ATTENDANCE.search(text) or p.OBJET.match(text) or p.FURNITURE.search(text):
            break
        if not _runs_on(previous, text):
            break
        taken.append(text)
        previous = text
    return re.sub(r"\s+", " ", " ".join(taken)).strip(" :") or None


def _runs_on(previous: str, text: str) -> bool:
    """True when `text` is the rest of the title line `previous`: after a colon, an article or
    a preposition; a title in capitals going on in capitals; a line going on in small letters.
    A line starting a sentence ("Le conseil attribue…") is running text, however long the title."""
    if previous.endswith(":") or p.ends_cut(previous):
        return True
    if p.is_upper(previous):
        return p.is_upper(text)
    return text[:1].islower()


def _numbered(all_lines: list[p.Line]) -> list[Heading]:
    """Headings with a printed number: labelled ones if any, else lines led by a number."""
    labelled = [h for i, line in enumerate(all_lines) if (h := _labelled(all_lines, i, line)) is not None]
    found = labelled or [h for i, line in enumerate(all_lines) if (h := _led_by_number(all_lines, i, line))]
    return _without_repeats(_without_recaps(all_lines, found))


def _labelled(all_lines: list[p.Line], index: int, line: p.Line) -> Heading | None:
    text = line.text
    head = _KIND_HEADING.match(text) or _NO_HEADING.match(text)
    if head is None or len(text) > 300:
        return None
    if index and p.continues_sentence(all_lines[index - 1].text):
        return None  # a reference wrapped to the start of a line: "…par la\nDélibération n° …"
    after = text[head.end():]
    found = numbering.after_label(after)
    if found is None:
        return None
    number, end = found
    return Heading(index, number, rest=after[end:])


def _led_by_number(all_lines: list[p.Line], index: int, line: p.Line) -> Heading | None:
    found = numbering.leading(line.text)
    if found is None or len(line.text) > 200:
        return None
    number, end = found
    rest = line.text[end:]
    title = rest.strip(" -–—:.\t")
    if not re.match(r"[A-ZÀ-Ýa-zà-ÿ«\"']", title) or len(title) < 4:
        return None
    if index and p.continues_sentence(all_lines[index - 1].text):
        return None
    return Heading(index, number, rest=rest)


def _without_recaps(all_lines: list[p.Line], headings: list[Heading]) -> list[Heading]:
    """Headings minus recap lists: a run of headings with nothing between them, most of
    whose numbers were met before the run (misprints in a recap included)."""
    out: list[Heading] = []
    run: list[Heading] = []
    seen: set[str] = set()

    def close() -> None:
        repeated = sum(numbering.number_key(h.number or "") in seen for h in run)
        if len(run) < 2 or repeated * 2 < len(run):
            out.extend(run)
        seen.update(numbering.number_key(h.number or "") for h in run)
        run.clear()

    for heading in headings:
        if run and _has_body(all_lines, run[-1].line, heading.line):
            close()
        run.append(heading)
    close()
    return out


def _without_repeats(headings: list[Heading]) -> list[Heading]:
    """The same number printed again (above the exposé, on a later page) starts nothing;
    it gives the title when the first printing had none (a running page header)."""
    out: list[Heading] = []
    for heading in headings:
        if out and numbering.number_key(out[-1].number or "") == numbering.number_key(heading.number or ""):
            if len(out[-1].rest.strip(" -–—:.")) < 4:
                out[-1] = out[-1]._replace(rest=heading.rest)
            continue
        out.append(heading)
    return out


def _agenda(all_lines: list[p.Line]) -> list[Heading]:
    """The points of an agenda in order, each taken where text follows it (not in the list of
    the "ordre du jour"); "questions diverses" is no point (see _with_other_business)."""
    points = [(i, _ordinal(m)) for i, line in enumerate(all_lines)
              if len(line.text) <= 160 and (m := _AGENDA.match(line.text)) and not _is_sentence(m["title"])
              and not p.CLOSING.match(line.text)]
    end = len(all_lines)
    chosen: list[Heading] = []
    last_line, last_n = -1, 0
    for n in range(1, max((n for _, n in points), default=0) + 1):
        if n > last_n + _MAX_AGENDA_GAP:
            break
        after = [i for i, m in points if m == n and last_line < i]
        if not after:
            continue
        bodies = [i for i in after if _has_body(all_lines, i, _next_point(points, i, end))]
        line = (bodies or after)[0]
        point = _AGENDA.match(all_lines[line].text)
        chosen.append(Heading(line, None, n, point["title"] if point else ""))
        last_line, last_n = line, n
    with_body = [h for h in chosen if _has_body(all_lines, h.line, _next_point(points, h.line, end))]
    if len(chosen) < 2 or len(with_body) * 2 < len(chosen):
        return []
    return chosen


def _with_other_business(all_lines: list[p.Line], headings: list[Heading]) -> list[Heading]:
    """The items of a séance, then its "Questions diverses" as a part of its own when text
    follows them: what is said there (a proposal turned down, an adhesion voted) is not the
    last item's. A file of one item keeps them in it."""
    if len(headings) < 2:
        return headings
    after = next((i for i in range(headings[-1].line + 1, len(all_lines))
                  if len(all_lines[i].text) <= 80 and p.OTHER_BUSINESS.match(all_lines[i].text)), None)
    if after is None or not _has_body(all_lines, after, len(all_lines)):
        return headings
    point = _AGENDA.match(all_lines[after].text)
    title = point["title"] if point else all_lines[after].text.strip()
    return [*headings, Heading(after, None, None, title, other_business=True)]


def _ordinal(point: re.Match) -> int:
    """The number of an agenda point: "3/" → 3, "IV" → 4."""
    if point["n"]:
        return int(point["n"])
    values = [_ROMAN[c] for c in point["roman"]]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _next_point(points: list[tuple[int, int]], line: int, end: int) -> int:
    return min([i for i, _ in points if i > line] + [end])


def _has_body(all_lines: list[p.Line], heading: int, following: int) -> bool:
    """True when a line of running text stands between a heading and the next one."""
    return any(line.text.strip() and not p.FURNITURE.search(line.text)
               for line in all_lines[heading + 1:following])


def _is_sentence(title: str) -> bool:
    """"1) Il propose d'appliquer…": a numbered sentence of an exposé, not a point."""
    return bool(re.match(r"(?:Il|Elle|Ils|Elles|On|Le|La|Les|Un|Une|Ce|Cette|Nous)\s+[a-zà-ÿ]", title))


def _item_starts(all_lines: list[p.Line], headings: list[Heading], text: str) -> list[tuple[int, Heading]]:
    """(offset, heading) where each item's own text begins.

    In a register of extracts, each item opens with its own "EXTRAIT DU REGISTRE…" (or
    "RÉPUBLIQUE FRANÇAISE") block, its séance facts printed above its number: the item
    begins there. Otherwise (a procès-verbal, a list) an item begins with its heading and
    the lines announcing it just above; the first one's séance preamble is shared by all,
    unless the file holds one item only."""
    previous = [-1] + [h.line for h in headings[:-1]]
    page_ends = {i for i, line in enumerate(all_lines) if text[line.end - 1:line.end] == "\f"}
    openings = [_last_opening(all_lines, after, h.line, page_ends) for after, h in zip(previous, headings)]
    extracts = len(headings) > 1 and all(o is not None for o in openings[1:])
    starts = []
    for i, heading in enumerate(headings):
        if i == 0 and (len(headings) == 1 or extracts):
            starts.append((0, heading))
        elif extracts and (opening := openings[i]) is not None:
            starts.append((all_lines[opening].start, heading))
        else:
            starts.append((_announced_from(all_lines, heading.line, headings[i - 1].line if i else -1), heading))
    return starts


def _last_opening(all_lines: list[p.Line], after: int, before: int, page_ends: set[int]) -> int | None:
    """The line opening the last extract between two lines, with the masthead and stamps
    printed just above it on the same page."""
    found = next((i for i in range(before - 1, after, -1) if p.OPENING.match(all_lines[i].text)), None)
    if found is None:
        return None
    while found - 1 > after and found - 1 not in page_ends and _above_opening(all_lines[found - 1].text):
        found -= 1
    return found


def _above_opening(text: str) -> bool:
    stripped = text.strip()
    return (not stripped or p.FURNITURE.search(stripped) is not None or p.MASTHEAD.match(stripped) is not None
            or p.OPENING.match(stripped) is not None or (len(stripped) < 60 and p.is_upper(stripped)))


def _announced_from(all_lines: list[p.Line], index: int, floor: int) -> int:
    """Walk back over the lines that announce this deliberation (EXTRAIT…, SEANCE DU…)."""
    first = index
    for back in range(index - 1, max(floor, index - 12), -1):
        line = all_lines[back]
        if not line.text.strip():
            continue
        if p.EXTRAIT.search(line.text) or p.SEANCE.search(line.text) or p.HEADER_FIELD.search(line.text):
            first = back
            continue
        break
    return all_lines[first].start


def _shell(doc: Document, start: int, end: int, number: str | None, heading: int,
           flags: tuple[str, ...]) -> Deliberation:
    page_starts = doc.page_offsets
    first_index = max(i for i, offset in enumerate(page_starts) if offset <= start)
    own = [0] + [offset - start for offset in page_starts[first_index + 1:] if offset < end]
    confidences = tuple(page.ocr_confidence for page in doc.pages)
    if not any(c is not None for c in confidences):
        confidences = ()
    return Deliberation(
        source=doc.source,
        text=doc.text[start:end],
        start=start,
        first_page=doc.pages[first_index].number,
        page_offsets=tuple(own),
        number=number,
        heading=heading,
        flags=flags,
        page_confidences=confidences[first_index:first_index + len(own)],
    )
