"""Cut a deliberation into sections, losslessly.

In: a `Deliberation` shell (its text) and the lines repeated as page headers/footers.
Out: `Section`s (header, attendance, expose, dispositif, vote, signature, annex,
furniture, other) whose texts, joined, give back the deliberation text exactly.
"""
from dataclasses import dataclass

from registre.ingest import labels, numbering
from registre.ingest import patterns as p
from registre.records import Deliberation, Section

_TITLE_LINES = 3  # lines of title (or of a wrapped "objet : …" field) after a header line
# Lines of running text after which a label no longer belongs to the séance block: a
# "Secrétaire de séance :" printed after a short note stays in it, a "sous la présidence de"
# inside the exposé of a procès-verbal's item does not.
_SEANCE_AFTER_TEXT = 4


def split_sections(delib: Deliberation, repeated: frozenset[str] = frozenset()) -> tuple[Section, ...]:
    kinds = _classify(p.lines(delib.text), repeated, delib.title, delib.heading)
    sections: list[Section] = []
    for line, kind in kinds:
        if sections and sections[-1].kind == kind:
            last = sections[-1]
            sections[-1] = Section(kind, last.start, line.end, last.text + delib.text[line.start:line.end], last.page)
        else:
            text = delib.text[line.start:line.end]
            sections.append(Section(kind, line.start, line.end, text, delib.page_at(line.start)))
    return tuple(sections)


def _classify(all_lines: list[p.Line], repeated: frozenset[str], title: str | None, heading: int):
    """(line, kind) for every line. Blank lines stay with the section they follow; the
    line at `heading` is the deliberation's own heading."""
    reader = _Reader(_fold(title or ""), repeated, p.wrap_width(all_lines))
    out = []
    for line in all_lines:
        text = line.text.strip()
        if text:
            out.append((line, reader.read(text, line.start == heading and heading > 0)))
        else:
            reader.blank()
            out.append((line, out[-1][1] if out else "header"))
    return out


@dataclass
class _Reader:
    """What the classifier remembers from one line to the next."""

    title_words: str
    repeated: frozenset[str]
    width: int  # length of a full line of wrapped running text
    state: str = "header"
    after_header: int = 0  # title lines still allowed after a header line
    in_title: bool = False  # a blank line after title lines closes the title
    label_lines: int = 0  # lines a wrapped label field ("objet : …") may still run on
    previous: str = ""  # the line before, "" after a blank line
    previous_kind: str = ""
    text_lines: int = 0  # lines of running text since the séance block

    def blank(self) -> None:
        self.after_header = 0 if self.in_title else self.after_header
        self.label_lines, self.previous = 0, ""

    def read(self, text: str, heading: bool = False) -> str:
        before = self.after_header
        wraps = self._wraps(text)
        self.label_lines = 0
        if heading:
            kind, self.state, self.after_header = "header", "header", _TITLE_LINES
        elif wraps:
            kind, self.label_lines = "header", wraps - 1
        else:
            kind, self.state, self.after_header = self._kind(text)
            if kind == "header" and self.after_header == _TITLE_LINES and _is_label(text):
                self.label_lines = _TITLE_LINES
                if p.OBJET.match(text):
                    self.after_header = 0  # "objet : …" is the title: no more title lines
        self.in_title = kind == "header" and self.after_header == before - 1
        self.text_lines = self.text_lines + 1 if kind == "expose" else 0 if kind in ("header", "attendance") \
            else self.text_lines
        self.previous, self.previous_kind = text, kind
        return kind

    def _wraps(self, text: str) -> int:
        """Lines left for a label field when `text` is the rest of it, wrapped; else 0."""
        if not self.label_lines:
            return 0
        if p.FURNITURE.search(text) or _is_label(text) or p.ATTENDANCE.search(text):
            return 0
        return self.label_lines if p.wraps_on(self.previous, text, self.width) else 0

    def _kind(self, text: str) -> tuple[str, str, int]:
        """(kind of this line, state for the next lines, title lines still expected)."""
        state, after = self.state, self.after_header
        if text in self.repeated or p.FURNITURE.search(text):
            return "furniture", state, after
        if state == "annex":
            return "annex", state, 0
        if p.ANNEX.match(text) and state not in ("header", "attendance"):
            return "annex", "annex", 0
        if state in ("header", "attendance", "expose") and self._is_header_line(text):
            return "header", state, _TITLE_LINES
        if self._states_seance_fact(text, state):
            return "attendance", "attendance", 0
        if state in ("header", "expose", "dispositif") and p.WITHDRAWN.search(text):
            return "vote", "vote", 0
        if state in ("header", "attendance"):
            if p.ATTENDANCE.search(text) or (state == "attendance" and p.NAME_LIST.search(text)):
                return "attendance", "attendance", 0
            if p.LONE_DATE.match(text):
                return "furniture", state, 0
        if state == "header" and not after and (p.MASTHEAD.match(text) or _is_short_upper(text)):
            return "header", state, 0
        if state == "header" and (labels.SEANCE_DATE.search(text) and not labels.NOT_SEANCE_DATE.search(text)
                                  or labels.SEANCE_TITLE.search(text)):
            return "header", state, 0  # "C.C.A.S. d'Égletons - Séance du Conseil d'Administration du 01/07/2026"
        if state in ("header", "attendance", "expose") and p.DISPOSITIF.search(text):
            return "dispositif", "dispositif", 0
        if after and self._is_title(text, state):
            return "header", state, after - 1
        if state in ("header", "attendance"):
            state = "expose"
        if state == "dispositif" and p.VOTE.search(text):
            return "vote", "vote", 0
        if state in ("dispositif", "vote", "signature", "other") and p.SIGNATURE.search(text):
            return "signature", "signature", 0
        if state == "signature":
            return ("signature", state, 0) if len(text) < 90 else ("other", "other", 0)
        if state == "vote":
            return ("vote", state, 0) if p.VOTE.search(text) else ("other", "other", 0)
        return state, state, 0

    def _states_seance_fact(self, text: str, state: str) -> bool:
        """A line of the séance block: a label with its value, the preamble formula, or the
        rest of such a line wrapped; in the exposé only just after the séance block (a
        one-line page whose lines came back out of order)."""
        if state not in ("header", "attendance", "expose") or p.DISPOSITIF.search(text):
            return False
        if state == "expose" and self.text_lines > _SEANCE_AFTER_TEXT:
            return False
        if labels.states_seance_fact(text):
            return True
        if self.previous_kind != "attendance" or not self.previous:
            return False
        # The names under a list's label, or the rest of a list or a sentence, wrapped.
        return self.previous.endswith((":", ",", "&")) or p.wraps_on(self.previous, text, self.width)

    def _is_title(self, text: str, state: str) -> bool:
        """A title line below a header line; a sentence (ending "." or ":") is not one."""
        if _fold(text) in self.title_words:
            return True
        return (state == "header" or text.isupper()) and not text.endswith((".", ";", ":"))

    def _is_header_line(self, text: str) -> bool:
        if any(pattern.search(text) for pattern in (p.EXTRAIT, p.SEANCE, p.HEADER_FIELD, p.OBJET)):
            return True
        announces = p.NUMBER_LINE.search(text) or p.REANNOUNCE.search(text) or numbering.leading(text)
        return bool(announces) and not p.continues_sentence(self.previous)


def _is_label(text: str) -> bool:
    """A header field with its value: "objet : …", "service : …"."""
    return bool(p.OBJET.match(text) or (p.HEADER_FIELD.match(text) and ":" in text))


def _is_short_upper(text: str) -> bool:
    return len(text) < 100 and p.is_upper(text)


def _fold(text: str) -> str:
    return " ".join(text.lower().split())
