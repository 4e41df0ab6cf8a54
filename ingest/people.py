"""People named in the attendance part of a deliberation.

In: attendance text. Out: names without civility or office ("M. Gaël PERDRIAU," → "Gaël
PERDRIAU", "Madame la Vice-Présidente Baume" → "Baume"), lists of members present and
absent, and proxies as (giver, holder) pairs. Names wrapped over two lines (PDF) are joined.
Pure.
"""
import re

_CIVILITY = re.compile(
    r"^(?:(?:M|MM|Mme|Mmes|Mlle|Mr)\.?\s+|Monsieur\s+(?:le\s+)?|Madame\s+(?:la\s+)?|Messieurs\s+|Mesdames\s+)",
    re.IGNORECASE,
)
# An office printed before a name: stripped only when a capitalised name follows it.
_OFFICE = re.compile(
    r"^(?:(?:\d+\s*(?:er|[eè]re|[eè]me|e)\s+)?(?:Vice-)?Pr[ée]sidente?|Maire|(?:Premi(?:er|[eè]re)\s+)?"
    r"Adjointe?(?:\s+au\s+Maire)?|Conseill(?:er|[eè]re)\s+(?:municipale?|d[ée]l[ée]gu[ée]e?|"
    r"m[ée]tropolitaine?|communautaire|d[ée]partementale?|r[ée]gionale?))\s+(?=[A-ZÀ-Ý])",
    re.IGNORECASE,
)
# …and after it: "Mme Anne MARTIN, Maire", "M. Gaël PERDRIAU, Président".
_TRAILING_OFFICE = re.compile(
    r",\s*(?:(?:le|la)\s+)?(?:Maire|(?:\d+\s*(?:er|[eè]re|[eè]me|e)\s+)?(?:Vice-)?Pr[ée]sidente?|"
    r"(?:Premi(?:er|[eè]re)\s+)?Adjointe?|Conseill(?:er|[eè]re))\b[^,]{0,40}$",
    re.IGNORECASE,
)
_ONLY_CIVILITY = re.compile(r"^(?:M|MM|Mme|Mmes|Mlle|Mr|Monsieur|Madame)\.?$", re.IGNORECASE)
_PRESENT = re.compile(r"(?:Membres?\s+(?:titulaires\s+)?pr[ée]sents|^\s*Pr[ée]sents|[ÉE]taient\s+pr[ée]sents)\s*:", re.I | re.M)
_ABSENT = re.compile(r"(?:absents?(?:\s+excus[ée]s)?|^\s*Excus[ée]s)\s*:", re.I | re.M)
_ANY_LABEL = re.compile(r"^[^\n,]{0,60}:\s*$|^\s*(?:Pouvoirs?|Absents?|Membres?|Secr[ée]taire|Pr[ée]sents?)\b[^\n]*:", re.I | re.M)
_PROXY = re.compile(r"([^,\n(]+?)\s*(?:donne\s+pouvoir\s+[àa]|\(pouvoir\s+[àa])\s*([^,\n)]+)", re.I)
_PARAGRAPH = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def clean_name(raw: str) -> str:
    name = _TRAILING_OFFICE.sub("", raw.strip().strip(",;.").strip()).strip()
    while True:
        stripped = _OFFICE.sub("", _CIVILITY.sub("", name)).strip()
        if stripped == name:
            return name
        name = stripped


def attendance_lists(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    proxies = tuple(
        (clean_name(giver.split(":")[-1]), clean_name(holder))
        for paragraph in _PARAGRAPH.split(text)
        for giver, holder in _PROXY.findall(_unwrap(paragraph))
    )
    return _names_after(_PRESENT, text), _names_after(_ABSENT, text), proxies


def _names_after(label: re.Pattern, text: str) -> tuple[str, ...]:
    for found in label.finditer(text):  # a label printed twice: the names follow the last
        rest = text[found.end():]
        stop = _ANY_LABEL.search(rest)
        block = _PARAGRAPH.split((rest[: stop.start()] if stop else rest).strip(), 1)[0]
        block = re.sub(r"\([^)]*\)", "", block)
        # Comma-separated names may wrap anywhere; a list without commas has one per line.
        if "," in block:
            items = re.split(r",|;|\bet\b", _unwrap(block))
        else:
            items = re.split(r"\n|\bet\b", block)
        names = (clean_name(item) for item in items)
        kept = tuple(n for n in names if len(n) < 60 and _is_name(n))
        if kept:
            return kept
    return ()


def _is_name(text: str) -> bool:
    """Not a count ("Présents : 25"), a bare civility or a proxy clause."""
    return (any(c.isalpha() for c in text) and not _ONLY_CIVILITY.match(text)
            and "pouvoir" not in text.lower())


def _unwrap(paragraph: str) -> str:
    return re.sub(r"\s*[\n\f]\s*", " ", paragraph)
