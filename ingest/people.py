"""People named in the attendance part of a deliberation.

In: attendance text. Out: names without civility ("M. Gaël PERDRIAU," → "Gaël PERDRIAU"),
lists of members present and absent, and proxies as (giver, holder) pairs. Pure.
"""
import re

_CIVILITY = re.compile(
    r"^(?:(?:M|MM|Mme|Mmes|Mlle|Mr)\.?\s+|Monsieur\s+(?:le\s+)?|Madame\s+(?:la\s+)?|Messieurs\s+|Mesdames\s+)",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"(?:Membres?\s+(?:titulaires\s+)?pr[ée]sents|^\s*Pr[ée]sents|[ÉE]taient\s+pr[ée]sents)\s*:", re.I | re.M)
_ABSENT = re.compile(r"(?:absents?(?:\s+excus[ée]s)?|^\s*Excus[ée]s)\s*:", re.I | re.M)
_ANY_LABEL = re.compile(r"^[^\n,]{0,60}:\s*$|^\s*(?:Pouvoirs?|Absents?|Membres?|Secr[ée]taire|Pr[ée]sents?)\b[^\n]*:", re.I | re.M)
_PROXY = re.compile(r"([^,\n(]+?)\s*(?:donne\s+pouvoir\s+[àa]|\(pouvoir\s+[àa])\s*([^,\n)]+)", re.I)


def clean_name(raw: str) -> str:
    name = raw.strip().strip(",;.").strip()
    while True:
        stripped = _CIVILITY.sub("", name)
        if stripped == name:
            return name
        name = stripped.strip()


def attendance_lists(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    proxies = tuple((clean_name(a), clean_name(b)) for a, b in _PROXY.findall(text))
    return _names_after(_PRESENT, text), _names_after(_ABSENT, text), proxies


def _names_after(label: re.Pattern, text: str) -> tuple[str, ...]:
    for found in label.finditer(text):  # a label printed twice: the names follow the last
        rest = text[found.end():]
        stop = _ANY_LABEL.search(rest)
        block = re.sub(r"\([^)]*\)", "", rest[: stop.start()] if stop else rest)
        names = (clean_name(item) for item in re.split(r",|\bet\b|\n", block))
        kept = tuple(n for n in names if n and len(n) < 60 and "pouvoir" not in n.lower())
        if kept:
            return kept
    return ()
