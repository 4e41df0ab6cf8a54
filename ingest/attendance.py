"""Read who attended a séance: the members present, the members absent, and the proxies.

In: `Block`s of a séance block. Out: an `Attendance` (names as "Firstname SURNAME" or as
printed when only a surname is, (giver, holder) pairs) with the `Found` span of each list.
Pure.

Lists end at the next label or paragraph; their names are separated by commas, semicolons,
dashes, slashes or "et", or stand one per line; a name in the list of présents that gave
its proxy ("Adeline (procuration à Mario)") was absent.
"""
import re
from typing import NamedTuple

from registre.ingest import labels
from registre.ingest import patterns as p
from registre.ingest.evidence import Block, Found, found

_SEPARATOR = re.compile(r"[,;]|\s[—–]+-?\s*|—{1,2}-?|\s-\s|\s/\s|\s&\s|\bet\s+(?=[A-ZÀ-Ý]|M\.?\s|Mme)|"
                        r"(?<=[a-zà-ÿ)])\.\s+(?=(?:M|MM|Mme|Mmes)\.?\s)")
_CIVILITY = re.compile(r"^(?:(?:MM|Mmes|Mme|Mlle|Mr|M)(?:\.\s*|\s+)|(?:Monsieur|Madame|Mesdames|Messieurs)\s+"
                       r"(?:et\s+(?:Messieurs|Mesdames)\s+)?(?:(?:le|la)\s+)?)")
_OFFICE = re.compile(r"(?:\s+(?:Maire|Adjointe?s?|D[ée]l[ée]gu[ée]e?s?|Pr[ée]sidente?|Vice-Pr[ée]sidente?|"
                     r"Conseill(?:er|[eè]re)s?(?:\s+municipale?s?)?|Directeur|Directrice)\b)+$", re.I)
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "da", "di", "del", "dos", "ben", "el"}
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]*|d'[A-ZÀ-Ý][\w'’-]*)$")
_LABEL_LINE = re.compile(r"^[^\n,]{0,60}:\s*$", re.M)
_IN_PARENTHESES = re.compile(r"\([^()]*\)?")
_LONGEST = 60


class Attendance(NamedTuple):
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    proxies: tuple[tuple[str, str], ...] = ()
    lists: dict[str, Found] = {}


def read_attendance(zone: list[Block]) -> Attendance:
    present: list[str] = []
    absent: list[str] = []
    proxies: list[tuple[str, str]] = []
    spans: dict[str, Found] = {}
    for block in zone:
        for kind, label, start, end in _lists(block.text):
            members = _members(block.text[start:end], proxy_list=kind == "proxies")
            if kind == "present":  # a member who gave a proxy was not there
                present += [name for name, holder in members if holder is None]
                absent += [name for name, holder in members if holder is not None]
            elif kind == "absent":
                absent += [name for name, _ in members]
            proxies += [(name, holder) for name, holder in members if holder is not None]
            span = found(None, block, label, end)
            if members and kind != "proxies":
                spans.setdefault(f"{kind}_members", span)
            if kind == "present" and any(holder for _, holder in members):
                spans.setdefault("absent_members", span)
            if any(holder for _, holder in members):
                spans.setdefault("proxies", span)
        for giver, holder, start, end in _spoken_proxies(block.text):
            if (giver, holder) not in proxies:
                proxies.append((giver, holder))
                spans.setdefault("proxies", found(None, block, start, end))
    return Attendance(tuple(dict.fromkeys(present)), tuple(dict.fromkeys(absent)),
                      tuple(dict.fromkeys(proxies)), spans)


def _lists(text: str) -> list[tuple[str, int, int, int]]:
    """(kind, label start, list start, list end) of each list printed in `text`."""
    starts = sorted(
        [(m.start(), m.end(), kind) for kind, pattern in
         (("present", labels.PRESENT_LIST), ("absent", labels.ABSENT_LIST), ("proxies", labels.PROXY_LIST))
         for m in pattern.finditer(text)])
    out = []
    for index, (label, start, kind) in enumerate(starts):
        if any(other < label < other_end for other, other_end, _ in starts):
            continue  # "Absents" inside "Membres titulaires absents excusés :"
        following = [other for other, _, _ in starts[index + 1:] if other >= start]
        end = min(following + [_list_end(text, start)])
        out.append((kind, label, start, end))
    return out


def _list_end(text: str, start: int) -> int:
    """Where a list stops: a label of another kind, a paragraph break after its names, a line
    of page furniture."""
    at = start
    seen_names = False
    for line in p.lines(text[start:]):
        content = line.text.strip()
        if not content:
            if seen_names:
                return start + line.start
            continue
        if line.start and (_LABEL_LINE.match(content) or p.FURNITURE.search(content)
                           or labels.states_seance_fact(content) and not p.NAME_LIST.match(content)):
            return start + line.start
        seen_names = True
        at = start + line.end
        if text[at - 1:at] == "\f":
            return at - 1  # a list does not run on to the next page's header
    return at


def _members(text: str, proxy_list: bool) -> list[tuple[str, str | None]]:
    """The names of a list, each with the holder of the proxy it gave, if the item says so."""
    flat = text if "," in text or ";" in text or "—" in text else text.replace("\n", ",")
    flat = re.sub(r"\s*\n\s*", " ", flat)
    flat = re.sub(r"^\s*(?:Mesdames|Messieurs)(?:\s+et\s+(?:Mesdames|Messieurs))?\s+", "", flat)
    members: list[tuple[str, str | None]] = []
    for item in _SEPARATOR.split(flat):
        item = item.strip(" .:+/\t")
        if not item:
            continue
        holder = None
        split = labels.PROXY.search(item)
        if split:
            item, holder = item[:split.start()], item[split.end():]
        elif proxy_list and re.search(r"\s\(?[àa]\s", item):
            item, holder = re.split(r"\s\(?[àa]\s", item, maxsplit=1)
        name = member_name(item)
        if name is None:
            continue
        holder_name = member_name(holder.split(")")[0]) if holder is not None else None
        members.append((name, holder_name))
    return members


def _spoken_proxies(text: str):
    """"M. X donne pouvoir à M. Y" wherever it is printed (a stamp may cut the list)."""
    for m in re.finditer(r"^[ \t]*(?P<giver>[^,\n(]{3,60}?)\s+donne\s+pouvoir\s+[àa]\s+(?P<holder>[^,\n)]{3,60})",
                         text, re.M | re.I):
        giver, holder = member_name(m["giver"]), member_name(m["holder"])
        if giver and holder:
            yield giver, holder, m.start(), m.end()


def member_name(raw: str) -> str | None:
    """One member as a list prints them: "M. Gaël PERDRIAU", "Mmes Boyer", "FERRÉ Charles",
    "M.CHARRIER Jean-Paul Maire", "JACQUE JP"; None for what is not a name."""
    text = _IN_PARENTHESES.sub("", raw).strip(" .,;:+&/\t-–—")
    while True:
        stripped = _CIVILITY.sub("", text).strip()
        if stripped == text:
            break
        text = stripped
    text = _OFFICE.sub("", text).strip()
    words = text.split()
    if not words or len(text) > _LONGEST or len(words) > 6 or any(c.isdigit() for c in text):
        return None
    if not all(_NAME_WORD.match(w) or w.lower() in _PARTICLES for w in words) or words[0].lower() in _PARTICLES \
            and len(words) == 1:
        return None
    caps = [w.isupper() and len(w.strip(".")) > 1 for w in words]
    if caps[0] and not all(caps) and not words[-1].rstrip(".").isupper():
        split = next(i for i, c in enumerate(caps) if not c and words[i].lower() not in _PARTICLES)
        words = words[split:] + words[:split]  # "FERRÉ Charles" → "Charles FERRÉ"
    return " ".join(words)
