"""Read the facts of a séance: its date, convocation, instance, président, secrétaire and the
rapporteur of an item.

In: `Block`s of a deliberation (its séance block: header and attendance lines; or its own
text). Out: `Found` values with the span of the line or sentence that states them, None
where nothing states the fact. Pure.
"""
import datetime as dt
import re

from registre.ingest import labels
from registre.ingest import patterns as p
from registre.ingest.evidence import Block, Found, found
from registre.ingest.people import is_person_name, read_name
from registre.text.french import find_dates, parse_date, written_date

INSTANCES = (
    ("Bureau métropolitain", r"bureau\s+m[ée]tropolitain"),
    ("Conseil métropolitain", r"conseil\s+(?:de\s+la\s+)?m[ée]tropol"),
    ("Commission permanente", r"commission\s+permanente"),
    ("Conseil municipal", r"conseil\s+municipal"),
    ("Conseil communautaire", r"conseil\s+(?:communautaire|de\s+(?:la\s+)?communaut[ée]\b)"),
    ("Bureau communautaire", r"bureau\s+communautaire"),
    ("Conseil départemental", r"conseil\s+d[ée]partemental"),
    ("Conseil régional", r"conseil\s+r[ée]gional"),
    ("Comité syndical", r"comit[ée]\s+syndical"),
    ("Conseil d'administration", r"conseil\s+d'administration"),
)
_INSTANCE = re.compile("|".join(f"(?P<i{n}>{pattern})" for n, (_, pattern) in enumerate(INSTANCES)), re.I)
# "Le Conseil municipal, après en avoir délibéré", "La Commission permanente,": the body that decides.
_DECIDING = re.compile(rf"(?:^|[.;]\s)\s*(?:Le|La|Les\s+membres\s+du)\s+(?P<body>{_INSTANCE.pattern})"
                       r"(?:\s+(?:de|du|d')\s*[^,\n]{1,60}?)?\s*(?:,|(?=\s+apr[èe]s\s+(?:en\s+)?avoir))", re.I | re.M)
_LOOKAHEAD_LINES = 3  # a value printed below its label, or a date below a column header
TOP_LINES = 6  # the lines at the top of a document, where its letterhead and its date stand


def read_date(zone: list[Block], top: list[Block] | None = None) -> Found | None:
    """The séance's date: a line naming the séance with its date, else the preamble written
    in words ("L'an deux mille vingt, le vingt-trois juillet"), else the first date among the
    first lines of the document, `top` ("C-R du Conseil municipal⏎+ Vendredi 29 janvier
    2021, 18:30.")."""
    for block in zone:
        for line in p.lines(block.text):
            if _names_seance(line.text) and not labels.NOT_SEANCE_DATE.search(line.text):
                day = parse_date(line.text)
                if day:
                    return found(day, block, line.start, line.end)
    for block in zone:
        written = written_date(block.text)
        if written:
            return found(written[0], block, *written[1], sentence=True)
    for block in top or []:
        for line in [line for line in p.lines(block.text) if line.text.strip()][:TOP_LINES]:
            if labels.NOT_SEANCE_DATE.search(line.text) or p.FURNITURE.search(line.text):
                continue
            day = parse_date(line.text)
            if day:
                return found(day, block, line.start, line.end)
    return None


def _names_seance(line: str) -> bool:
    return bool(labels.SEANCE_DATE.search(line) or p.SEANCE.search(line) or p.REANNOUNCE.search(line))


def read_convocation(zone: list[Block]) -> Found | None:
    """The date the members were convened: after its label on the line, or below it (the
    "Date de convocation" column of a box)."""
    for block in zone:
        for m in labels.CONVOCATION.finditer(block.text):
            line_end = _line_end(block.text, m.end())
            dates = find_dates(block.text[m.end():line_end])
            if dates and dates[0][1][0] < 60:
                at = m.end() + dates[0][1][0]
                return found(dates[0][0], block, m.start(), at + dates[0][1][1] - dates[0][1][0])
            for line in _lines_after(block.text, line_end, _LOOKAHEAD_LINES):
                dates = find_dates(block.text[line[0]:line[1]])
                if dates:
                    return found(dates[0][0], block, m.start(), line[1])
    return None


def read_instance(zone: list[Block], skip: str = "") -> Found | None:
    """The deciding body, from the lines that name the séance ("SEANCE DU BUREAU
    MÉTROPOLITAIN", "DE LA COMMISSION PERMANENTE", "PROCES VERBAL DU CONSEIL MUNICIPAL",
    "L'an …, le Conseil municipal …"), not from the item's title (`skip`)."""
    title = _fold(skip)
    for block in zone:
        for line in p.lines(block.text):
            text = line.text.strip()
            if title and len(text) > 3 and _fold(text) in title or not _names_the_seance(text):
                continue
            m = _INSTANCE.search(line.text)
            if m and not p.NUMBER_LINE.search(line.text) and not _led_by_number(line.text):
                return found(_instance_name(m), block, line.start, line.end)
    return None


_SEANCE_WORDS = re.compile(r"^\s*(?:DE\s+LA|DE\s+L'|DU)\s|PROC[ÈE]S[- ]VERBAL|COMPTE[- ]RENDU|\bC\.?-?R\b|"
                           r"LISTE\s+DES\s+D[ÉE]LIB|EXTRAIT|S[ÉE]ANCE|R[ÉE]UNION|REGISTRE", re.I)


def _names_the_seance(line: str) -> bool:
    return bool(_SEANCE_WORDS.search(line) or _names_seance(line) or labels.PREAMBLE.search(line)
                or labels.CONVOCATION.search(line) or len(line) < 60 and p.is_upper(line))


def read_deciding_body(text_blocks: list[Block]) -> Found | None:
    """The instance named by the deciding formula: "Le Conseil municipal, après en avoir
    délibéré", "La Commission permanente,"."""
    for block in text_blocks:
        for m in _DECIDING.finditer(block.text):
            named = _INSTANCE.match(block.text, m.start("body"))
            if named:
                return found(_instance_name(named), block, m.start("body"), m.end())
    return None


def _instance_name(m: re.Match) -> str:
    index = next(int(name[1:]) for name, value in m.groupdict().items() if value)
    return INSTANCES[index][0]


def _led_by_number(line: str) -> bool:
    return bool(re.match(r"^\s*(?:\d{2,4}[-./ ]+\d|N\s*°)", line))


def read_president(zone: list[Block]) -> Found | None:
    """"Président de séance : M. X", "Présidente : Madame X", "… sous la présidence de
    Monsieur X, Maire." (across a line break)."""
    for block in zone:
        for m in labels.PRESIDENT.finditer(block.text):
            name = _name_after(block, m.start(), m.end())
            if name:
                return name
    for block in zone:
        for m in labels.PRESIDENCE.finditer(block.text):
            person = read_name(block.text[m.end():m.end() + 120])
            if person:
                return found(person[0], block, m.start(), m.end() + person[1], sentence=True)
    return None


def read_signatory(text_blocks: list[Block]) -> Found | None:
    """The name beside or under "Le Président," or "Le Maire," in a signature block (a line
    describing the handwritten signature may stand between)."""
    for block in text_blocks:
        for m in labels.SIGNATORY.finditer(block.text):
            line_end = _line_end(block.text, m.end())
            person = read_name(block.text[m.end():line_end])
            if person:
                return found(person[0], block, m.start(), m.end() + person[1])
            if block.text[m.end():line_end].strip():
                continue
            for start, end in _lines_after(block.text, line_end, _LOOKAHEAD_LINES):
                below = read_name(block.text[start:end])
                if below and is_person_name(block.text[start:end].strip()):
                    return found(below[0], block, m.start(), end)
    return None


def read_secretaire(zone: list[Block]) -> Found | None:
    """"Secrétaire de séance : X", "Secrétaire élue : X", "Est désignée secrétaire de séance :
    X", "Mme X ayant obtenu la majorité des suffrages, a été désignée pour remplir ces
    fonctions", "désigne Mme X pour assurer les fonctions de secrétaire de séance"."""
    for block in zone:
        for m in labels.SECRETAIRE.finditer(block.text):
            name = _name_after(block, m.start(), m.end())
            if name:
                return name
    for block in zone:
        for m in labels.SECRETAIRE_AFTER_NAME.finditer(block.text):
            context = block.text[max(0, m.start() - 200):m.end()]
            if not re.search(r"secr[ée]taire", context, re.I):
                continue
            begin = max(block.text.rfind(c, 0, m.start()) for c in ";:.\n") + 1
            person = read_name(block.text[begin:m.start()])
            if person and not block.text[begin + person[1]:m.start()].strip():
                return found(person[0], block, begin, m.end(), sentence=True)
        for m in labels.SECRETAIRE_DESIGNATED.finditer(block.text):
            person = read_name(m["name"])
            if person:
                return found(person[0], block, m.start(), m.end(), sentence=True)
    return None


def read_rapporteur(zone: list[Block]) -> Found | None:
    """"Rapporteur : Monsieur le Vice-Président X"; OCR may print the name on the line above
    a label left without one."""
    for block in zone:
        for m in labels.RAPPORTEUR.finditer(block.text):
            name = _name_after(block, m.start(), m.end())
            if name:
                return name
            above = block.text[:block.text.rfind("\n", 0, m.start())].rstrip().rsplit("\n", 1)[-1]
            person = read_name(above) if above and is_person_name(above.strip()) else None
            if person:
                begin = block.text.rfind(above, 0, m.start())
                return found(person[0], block, begin, m.end())
    return None


def _name_after(block: Block, label_start: int, at: int) -> Found | None:
    """The name after a label: on its line, or on the next line when the label's line holds
    nothing else (a civility or an office at most)."""
    text = block.text
    line_end = _line_end(text, at)
    name = read_name(text[at:line_end])
    if name:
        return found(name[0], block, label_start, at + name[1])
    if not _NO_VALUE.fullmatch(text[at:line_end]):
        return None  # the line says something else: no name stands under it
    for start, end in _lines_after(text, line_end, 1):
        name = read_name(text[start:end])
        if name:
            return found(name[0], block, label_start, start + name[1])
    return None


# What a label's line may hold when its name is printed below it.
_NO_VALUE = re.compile(r"[\s:.,]*(?:(?:M\.?|Mme|Monsieur|Madame)\s+(?:(?:le|la)\s+)?)?"
                       r"(?:(?:Vice-)?Pr[ée]sidente?|Maire)?[\s:.,]*", re.I)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _lines_after(text: str, at: int, count: int) -> list[tuple[int, int]]:
    """The next `count` non-blank lines after offset `at` (a line end), as spans."""
    out = []
    for line in p.lines(text[at:]):
        if line.text.strip():
            out.append((at + line.start, at + line.start + len(line.text)))
            if len(out) == count:
                break
    return out


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def actes_date(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None
