"""The name of one person, as a label or a formula prints it.

In: the words after a label ("Président de séance : …", "sous la présidence de …"). Out:
the name without civility or office ("M. Gaël PERDRIAU," → "Gaël PERDRIAU", "Madame la
Vice-Présidente Baume" → "Baume", "Mme BOTTEMINE Charlotte." → "Charlotte BOTTEMINE") and
where it ends, or None. Lists of members are read by `ingest.attendance`. Pure.
"""
import re

_LEAD = re.compile(
    r"(?:(?:MM|Mmes|Mme|Mlle|Mr|M)(?:\.\s*|\s+)|(?:Monsieur|Madame|Mademoiselle|MONSIEUR|MADAME)\s+"
    r"(?:(?:le|la)\s+)?|(?:le|la)\s+(?=[A-ZÀ-Ý])|(?:\d+\s*(?:er|[eè]re|[eè]me|e)\s+)?(?:(?i:vice)-)?"
    r"(?i:pr[ée]sidente?)\s+|(?:(?i:premi(?:er|[eè]re))\s+)?(?i:adjointe?)\s+(?:au\s+Maire\s+)?|(?i:maire)\s+)")
_TITLE_WORD = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ'’]+)*$")
_CAPS_WORD = re.compile(r"^(?:[A-ZÀ-Ý]'?)?[A-ZÀ-Ý]{2,}(?:['’-][A-ZÀ-Ý]+)*$")
_PARTICLE = {"de", "du", "des", "d'", "le", "la", "van", "von", "da", "di", "del", "dos", "ben", "el"}
# Words a name never holds: offices, and the words of a line a name runs into on one-line pages.
_NOT_NAME = {
    "maire", "président", "présidente", "president", "presidente", "vice-président", "vice-présidente",
    "adjoint", "adjointe", "adjoints", "délégué", "déléguée", "conseiller", "conseillère", "directeur",
    "directrice", "secrétaire", "rapporteur", "monsieur", "madame", "messieurs", "mesdames", "conseil",
    "municipal", "séance", "seance", "délibération", "deliberation", "quorum", "etant", "étant", "commune",
    "mairie", "république", "republique", "extrait", "registre", "objet", "département", "departement",
    "présents", "presents", "absents", "nombre", "liste", "vu", "election", "élection", "générale",
}
_STOP = re.compile(r"[,;:(.]|\s[-–—]+\s|\s[-–—]{2,}|\t")
_LONGEST_NAME = 60


def read_name(text: str) -> tuple[str, int] | None:
    """The name of one person at the start of `text` ("M. Jean-Marc VERNAY, Maire …",
    "Madame PAPAYA Sidoleine.", "PLANTE Jessie LE QUORUM ETANT ATTEINT…") and where it ends.

    Civility and office go; a name printed surname first in capitals is turned round
    ("Firstname SURNAME"); a name in small letters gets its surname in capitals ("Hélène
    Grange" → "Hélène GRANGE"); it stops at punctuation, a dash, a label or the running text
    after it, so a name never holds a paragraph. None when no name stands there."""
    at = len(text) - len(text.lstrip())
    while True:
        lead = _LEAD.match(text, at)
        if not lead or lead.end() == at:
            break
        at = lead.end()
    stop = _STOP.search(text, at)
    window = text[at: stop.start() if stop else len(text)][:_LONGEST_NAME + 20]
    words, ends = [], []
    for m in re.finditer(r"\S+", window):
        words.append(m[0])
        ends.append(at + m.end())
    taken = _name_words(words)
    if not taken:
        return None
    return _ordered(words[:taken]), ends[taken - 1]


def _name_words(words: list[str]) -> int:
    """How many of `words` make the name."""
    kinds = []
    for word in words:
        low = word.lower()
        if low in _NOT_NAME or any(c.isdigit() for c in word):
            break
        if _CAPS_WORD.match(word):
            kinds.append("U")
        elif low in _PARTICLE:
            kinds.append("p")
        elif _TITLE_WORD.match(word):
            kinds.append("T")
        else:
            break
    while kinds and kinds[-1] == "p":
        kinds.pop()
    if not kinds or "U" not in kinds and "T" not in kinds:
        return 0
    text = "".join(kinds)
    # SURNAME Firstname: the capitals, then the small-letter words up to the next capitals.
    # "MARTINET SCHIRCH Election du …": small-letter words followed by a particle open the
    # running text, not a first name.
    surname_first = re.match(r"[Up]*U(T+)", text)
    if surname_first and text.startswith("U"):
        end = surname_first.end()
        following = words[end] if end < len(words) else ""
        if following.lower() in _PARTICLE and not _CAPS_WORD.match(following):
            end = surname_first.start(1)
        return min(end, 5)
    first_surname = re.match(r"T+[pU]*U", text)
    if first_surname:
        return min(first_surname.end(), 5)
    plain = re.match(r"[Up]*U|p?T(?:p?T)*", text)
    if not plain:
        return 0
    following = words[plain.end()] if plain.end() < len(words) else ""
    if "U" not in plain[0] and following[:1].islower() and following.lower() not in _PARTICLE:
        return 0  # "L'an deux mille…": words in small letters go on, a sentence and not a name
    return min(plain.end(), 4)


def _ordered(words: list[str]) -> str:
    caps = [w for w in words if _CAPS_WORD.match(w) or w.lower() in _PARTICLE]
    if words and _CAPS_WORD.match(words[0]) and len(caps) < len(words):
        split = next(i for i, w in enumerate(words) if not (_CAPS_WORD.match(w) or w.lower() in _PARTICLE))
        words = words[split:] + words[:split]  # "CHARRIER Jean-Paul" → "Jean-Paul CHARRIER"
    elif all(_TITLE_WORD.match(w) or w.lower() in _PARTICLE for w in words) and len(words) > 1 \
            and words[0].lower() not in _PARTICLE:
        words = words[:-1] + [words[-1].upper()]  # "Hélène Grange" → "Hélène GRANGE"
    return " ".join(words)


def is_person_name(text: str) -> bool:
    """True when `text` is a name as `read_name` gives it, whole."""
    found = read_name(text)
    return found is not None and found[0] == text.strip()
