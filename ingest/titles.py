"""The title of a deliberation.

In: a `Deliberation` with sections (and the title its heading line gave, if any). Out: its
title as a `Found` (with the span of the lines that print it): the "objet : …" of its own
header with the lines it wraps onto, else the heading's. Pure.
"""
import re

from registre.ingest import patterns as p
from registre.ingest.evidence import Found
from registre.records import Deliberation


def _text_of(delib: Deliberation, *kinds: str) -> str:
    return "".join(s.text for s in delib.sections if s.kind in kinds)


def read_title(delib: Deliberation) -> Found | None:
    """The "objet : …" of its own header, else the title its heading line gives."""
    width = p.wrap_width(p.lines(delib.text))
    for section in delib.sections:
        own = section.end > delib.heading
        found = p.OBJET.search(section.text) if section.kind == "header" and own else None
        if found:
            following = section.text[found.end():].split("\n")[1:]
            wrapped = _wrapped_lines(found[0].strip(), following, width)
            end = section.start + found.end() + sum(len(line) + 1 for line in wrapped)
            return Found(_squash(" ".join([found["title"], *wrapped])), section.start + found.start(), end)
    if delib.title:
        return _printed(delib, delib.title)
    head = _text_of(delib, "header")
    all_lines = [line.text.strip() for line in p.lines(head)]
    for index, line in enumerate(all_lines):
        number = p.NUMBER_LINE.search(line)
        if number or (delib.number is None and p.REANNOUNCE.search(line)):
            rest = number["rest"].strip(" -–—:.") if number else ""
            title = _squash(rest) if len(rest) > 3 else _title_lines(all_lines[index + 1:])
            return _printed(delib, title) if title else None
    return None


def _printed(delib: Deliberation, title: str) -> Found:
    """`title` with the span of the lines that print it, from the item's heading on."""
    words = title.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern).search(delib.text, delib.heading) or re.compile(pattern).search(delib.text)
    if m is None:
        line_end = delib.text.find("\n", delib.heading)
        return Found(title, delib.heading, len(delib.text) if line_end < 0 else line_end)
    return Found(title, m.start(), m.end())


def _wrapped_lines(first: str, following: list[str], width: int) -> list[str]:
    """The lines the "objet : …" line `first` runs on to: up to three, while wrapped."""
    taken, previous = [], first
    for line in following[:3]:
        line = line.strip()
        if not line or re.match(r"^[\w()' -]{1,40}?\s*:(?:\s|$)", line):
            break
        if not p.wraps_on(previous, line, width):
            break
        taken.append(line)
        previous = line
    return taken


def _title_lines(following: list[str]) -> str | None:
    taken: list[str] = []
    for line in following:
        if not line:
            if taken:
                break
            continue
        if p.ATTENDANCE.search(line) or p.NUMBER_LINE.search(line) or len(taken) == 3:
            break
        if taken and p.is_upper(taken[0]) and not p.is_upper(line):
            break  # an upper-case title ends where the running text begins
        taken.append(line)
    return _squash(" ".join(taken)) or None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
