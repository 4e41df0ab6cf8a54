"""Deliberation numbers as registers print them: one grammar for every part of registre.

In: text. Out: the printed numbers found after a label ("Délibération n° …", "N° …",
"Affaire n° …"), the number a line begins with, and `number_key`, the form two printings
of one number share. Pure.

A number is groups of capitals and digits joined by separators (`.` `-` `_` `/`; OCR may
leave a space after one), after an optional prefix of capitals (a space may follow it),
and holds a group of at least two digits: 2022.00159, CP-2021-0668, D-2021-145,
DEL2024_087, 17/2020, D.CCAS/2026/19, DCM 20260727-01, 20-06-15, 2026-CM/071, 2020- 047.
"""
import re
import unicodedata

_PREFIX = r"[A-Z]{1,8}(?:\.[A-Z]{1,8})*"
_GROUP = r"[A-Z0-9]{1,10}"
_CORE = rf"\d[A-Z0-9]*(?:[._/-] ?{_GROUP})*"
# Capitals glued to the digits ("DEL2024_087"), or before a separator or one space.
TOKEN = rf"(?:{_PREFIX}(?:[._/-]| (?=\d)|(?=\d)))?{_CORE}"
_LABEL = r"(?:N\s*°|N[oº]\.?|n\s*°|n[oº]\.?|num[ée]ro|N\.)"
# "N° 2022.00159", "n°2026-CM/071", "N°1 D.CCAS/2026/19" (an ordinal, then the number).
LABELLED = re.compile(rf"{_LABEL}\s*(?:(?P<ordinal>\d{{1,2}})\s+(?=[A-Z]))?(?P<number>{TOKEN})")
_LEADING = re.compile(rf"^\s*(?P<number>{TOKEN})(?=\s|[:–—]|$)")
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)|(?<!\d)(?:19|20)\d{6}(?!\d)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d$")
_TRAILING = ".-/_ "


def clean(token: str) -> str:
    """The number as printed, without trailing separators or the space OCR put after one."""
    return re.sub(r"([._/-]) (?=[A-Z0-9])", r"\1", token.strip()).rstrip(_TRAILING)


def labelled(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Numbers printed after a label, with their spans."""
    out = []
    for m in LABELLED.finditer(text):
        token = clean(m["number"])
        if _has_digits(token):
            out.append((token, m.span("number")))
    return out


def after_label(text: str) -> tuple[str, int] | None:
    """The number printed right after a label at the start of `text` ("N° 2022.00159 …"), and
    where the label and number end."""
    m = LABELLED.match(text)
    return (clean(m["number"]), m.end()) if m else None


def leading(line: str) -> tuple[str, int] | None:
    """The register number a line begins with ("2020-038 SUBVENTION…", "DCM 20260727-01
    Institution…") and where it ends: a number holding a year, not a date nor a span of
    years."""
    m = _LEADING.match(line)
    if m is None:
        return None
    token = clean(m["number"])
    if not _has_separator(token) or not _YEAR.search(token):
        return None
    if _ISO_DATE.match(token) or _YEAR_RANGE.match(token):
        return None
    return token, m.end("number")


def number_key(text: str) -> str:
    """What two printings of one number share: no label, case, accents nor spaces
    ("N° cp-2021-0668" and "CP-2021-0668" give "CP-2021-0668")."""
    text = text.replace("°", "o").replace("º", "o")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    folded = re.sub(r"^\s*(?:DELIBERATION|DECISION|ACTE|AFFAIRE)\s*", "", folded)
    folded = re.sub(r"^\s*(?:N\s*O\.?|N\.)(?=[\s\d])\s*", "", folded)
    return re.sub(r"\s+", "", folded).rstrip(".,;")


def _has_digits(token: str) -> bool:
    return bool(re.search(r"\d", token))


def _has_separator(token: str) -> bool:
    return bool(re.search(r"[._/-]", token)) or bool(re.match(rf"{_PREFIX} \d", token))
