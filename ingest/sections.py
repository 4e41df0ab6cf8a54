"""Cut a deliberation into sections, losslessly.

In: a `Deliberation` shell (its text) and the lines repeated as page headers/footers.
Out: `Section`s (header, attendance, expose, dispositif, vote, signature, annex,
furniture, other) whose texts, joined, give back the deliberation text exactly.
"""
from registre.ingest import patterns as p
from registre.records import Deliberation, Section

_ORDER = ("header", "attendance", "expose", "dispositif", "vote", "signature", "annex")


def split_sections(delib: Deliberation, repeated: frozenset[str] = frozenset()) -> tuple[Section, ...]:
    kinds = _classify(p.lines(delib.text), repeated, delib.title)
    sections: list[Section] = []
    for line, kind in kinds:
        if sections and sections[-1].kind == kind:
            last = sections[-1]
            sections[-1] = Section(kind, last.start, line.end, last.text + delib.text[line.start:line.end], last.page)
        else:
            text = delib.text[line.start:line.end]
            sections.append(Section(kind, line.start, line.end, text, delib.page_at(line.start)))
    return tuple(sections)


def _classify(all_lines: list[p.Line], repeated: frozenset[str], title: str | None):
    """Yield (line, kind). Blank lines stay with the section they follow."""
    state = "header"
    title_words = _fold(title or "")
    after_header = 0  # title lines still allowed after a header line
    in_title = False  # a blank line after title lines closes the title
    out = []
    for line in all_lines:
        text = line.text.strip()
        if not text:
            after_header = 0 if in_title else after_header
            out.append((line, out[-1][1] if out else "header"))
            continue
        kind, state, remaining = _kind_of(text, state, after_header, title_words, repeated)
        in_title = kind == "header" and remaining == after_header - 1
        after_header = remaining
        out.append((line, kind))
    return out


def _kind_of(text: str, state: str, after_header: int, title_words: str, repeated: frozenset[str]):
    """(kind of this line, state for the next lines, title lines still expected)."""
    if text in repeated or p.FURNITURE.search(text):
        return "furniture", state, after_header
    if state == "annex":
        return "annex", state, 0
    if p.ANNEX.match(text) and state not in ("header", "attendance"):
        return "annex", "annex", 0
    if state in ("header", "attendance", "expose") and _is_header_line(text):
        return "header", state, 3
    if state in ("header", "attendance"):
        if p.ATTENDANCE.search(text) or (state == "attendance" and p.NAME_LIST.search(text)):
            return "attendance", "attendance", 0
        if p.LONE_DATE.match(text):
            return "furniture", state, 0
    if after_header and (state == "header" or text.isupper() or _fold(text) in title_words):
        return "header", state, after_header - 1
    if state in ("header", "attendance"):
        state = "expose"
    if state == "expose" and p.DISPOSITIF.search(text):
        return "dispositif", "dispositif", 0
    if state == "dispositif" and p.VOTE.search(text):
        return "vote", "vote", 0
    if state in ("dispositif", "vote", "signature", "other") and p.SIGNATURE.search(text):
        return "signature", "signature", 0
    if state == "signature":
        return ("signature", state, 0) if len(text) < 90 else ("other", "other", 0)
    if state == "vote":
        return ("vote", state, 0) if p.VOTE.search(text) else ("other", "other", 0)
    return state, state, 0


def _is_header_line(text: str) -> bool:
    return any(pattern.search(text) for pattern in (
        p.EXTRAIT, p.SEANCE, p.REANNOUNCE, p.NUMBER_LINE, p.HEADER_FIELD, p.OBJET))


def _fold(text: str) -> str:
    return " ".join(text.lower().split())
