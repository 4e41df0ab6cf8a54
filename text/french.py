"""French writing of dates, numbers and euro amounts: find, parse, format.

In: text. Out: `datetime.date`, `Decimal` values with their spans, numbers written in words
("ONZE", "vingt-sept", "deux mille vingt") and French strings.
Pure; shared by ingestion (extraction), qa (parsing questions, checking answers), eval and
the web pages.
"""
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from registre.text.fold import fold

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)
_MONTH_ALT = r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
_DAY_NAMES = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+"
DATE_WORDS = re.compile(
    rf"(?:{_DAY_NAMES})?(1er|1ᵉʳ|\d{{1,2}})\s*(?:er\s+)?({_MONTH_ALT})\s+(\d{{4}})", re.IGNORECASE
)
DATE_DIGITS = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")

# A number in French writing: "11 000", "11 000,50", "11.000", "20'000", "497500", "1,2",
# "1751.73" (a dot before two digits is a decimal point, before three a thousands separator);
# a PDF line may wrap between its thousands ("11\n000 €").
_NUMBER = (r"(?!0\d)(?:(?:\d{1,3}(?:[ \n]\d{3})+|\d+)\.\d{2}(?!\d)|\d{1,3}(?:(?:[ .'’]|\n)\d{3})+(?:,\d{1,2})?"
           r"|\d+(?:,\d{1,2})?)")
_SCALE = r"(?P<scale>M€|k€|K€|Md€|millions?\s+d'euros|milliards?\s+d'euros|mille\s+euros)"
_UNIT = r"(?P<unit>€|euros?\b|EUR\b)"
AMOUNT = re.compile(rf"(?<![\d,.])(?P<num>{_NUMBER})\s?(?:{_SCALE}|{_UNIT})", re.IGNORECASE)
BARE_NUMBER = re.compile(rf"(?<![\d,.])(?:{_NUMBER})(?![\d,])")
_SCALES = {"m": Decimal(10) ** 6, "k": Decimal(1000), "md": Decimal(10) ** 9,
           "million": Decimal(10) ** 6, "milliard": Decimal(10) ** 9, "mille": Decimal(1000)}


# Numbers written in words, as votes and séance preambles print them: "DEUX voix POUR",
# "L'an deux mille dix-neuf, le vingt-sept juin", "Le vingt trois Juillet deux mille vingt".
_WORD_VALUES = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
}
_NUMBER_WORD = r"(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|" \
               r"quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|mil|millions?|milliards?)"
# A run of number words: "vingt-sept", "deux mille vingt et un", "quatre-vingt-dix".
NUMBER_WORDS = rf"\b{_NUMBER_WORD}(?:(?:[\s-]+et[\s-]+|[\s-]+){_NUMBER_WORD})*\b"
_WRITTEN_DAY = rf"(?:premier|1\s*er|1ᵉʳ|\d{{1,2}}|{NUMBER_WORDS})"
_WRITTEN_DATES = (
    # "L'an deux mille vingt, le vingt-trois juillet", "L'an deux mille vingt, le 01 Juillet"
    re.compile(rf"\bL'an\s+(?P<year>{NUMBER_WORDS}|\d{{4}})\s*,?\s+(?:le\s+)?(?:{_DAY_NAMES})?"
               rf"(?P<day>{_WRITTEN_DAY})\s+(?:du\s+mois\s+d[e']\s*)?(?P<month>{_MONTH_ALT})\b", re.IGNORECASE),
    # "Le vingt trois Juillet deux mille vingt", "le premier juillet deux mille vingt-six"
    re.compile(rf"\b[Ll]e\s+(?:{_DAY_NAMES})?(?P<day>{_WRITTEN_DAY})\s+(?P<month>{_MONTH_ALT})\s+"
               rf"(?P<year>{NUMBER_WORDS}|\d{{4}})\b", re.IGNORECASE),
)


# An amount in words: "seize mille euros", "deux millions d'euros".
_WORDS_AMOUNT = re.compile(rf"(?<![\w-])(?<!\d\s)({NUMBER_WORDS})\s+(?:d')?euros?\b", re.IGNORECASE)


def number_from_words(text: str) -> int | None:
    """'onze' → 11, 'vingt-sept' → 27, 'quatre-vingt-dix' → 90, 'deux mille vingt et un' → 2021;
    digits are read as they are; None when `text` is not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", fold(text)) if w and w != "et"]
    if not words:
        return None
    total = current = 0
    for index, word in enumerate(words):
        if word in ("cent", "cents"):
            current = (current or 1) * 100
        elif word in ("mille", "mil"):
            total += (current or 1) * 1000
            current = 0
        elif word in ("million", "millions", "milliard", "milliards"):
            total += (current or 1) * 10 ** (6 if word.startswith("million") else 9)
            current = 0
        elif word in ("vingt", "vingts") and index and words[index - 1] == "quatre":
            current += 80 - 4  # quatre-vingt(s)
        elif word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        else:
            return None
    return total + current


def written_date(text: str) -> tuple[dt.date, tuple[int, int]] | None:
    """The first date written with its year in words, as séance preambles print it ("L'an deux
    mille dix-neuf, le vingt-sept juin", "Le vingt trois Juillet deux mille vingt"), and its span."""
    found = []
    for pattern in _WRITTEN_DATES:
        for m in pattern.finditer(text):
            first = re.fullmatch(r"premier|1\s*er|1ᵉʳ", m["day"], re.IGNORECASE)
            day = 1 if first else number_from_words(m["day"])
            year = number_from_words(m["year"])
            if day and year and 1900 <= year <= 2100:
                made = _make_date(year, MONTHS[fold(m["month"])], day)
                if made:
                    found.append((m.start(), made, m.span()))
    return min(found)[1:] if found else None


def parse_date(text: str) -> dt.date | None:
    """The first French date in `text` ("14 avril 2022", "1er mars 2019", "07/03/2019")."""
    found = find_dates(text)
    return found[0][0] if found else None


def find_dates(text: str) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every valid date written in words or digits, in text order."""
    found = []
    for m in DATE_WORDS.finditer(text):
        day = 1 if m[1].startswith("1") and not m[1].isdigit() else int(m[1])
        found.append((_make_date(int(m[3]), MONTHS[fold(m[2])], day), m.span()))
    for m in DATE_DIGITS.finditer(text):
        found.append((_make_date(int(m[3]), int(m[2]), int(m[1])), m.span()))
    return sorted(((d, s) for d, s in found if d), key=lambda item: item[1][0])


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_number(raw: str) -> Decimal | None:
    """'11 000,50' → 11000.50; '11.000' → 11000; "20'000" → 20000; '1,2' → 1.2; '3.30' → 3.30."""
    cleaned = re.sub(r"[\s'’]", "", raw)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[tuple[Decimal, tuple[int, int]]]:
    """Euro amounts with their spans: '11 000 €', '11 000,00 euros', '1,2 M€', 'seize mille
    euros' (written in words and then in figures, "seize mille euros (16 000 €)", it is one
    amount: the figures)."""
    found = []
    for m in AMOUNT.finditer(text):
        value = parse_number(m["num"])
        if value is None:
            continue
        scale = m["scale"]
        if scale:
            key = fold(scale).rstrip("€").split()[0].rstrip("s")
            value *= _SCALES.get(key, Decimal(1))
        found.append((value, m.span()))
    for m in _WORDS_AMOUNT.finditer(text):
        words = number_from_words(m[1])
        value = Decimal(words) if words else None
        figures = next((v for v, (start, _) in found if 0 <= start - m.end() <= 3), None)
        if value and figures != value:
            found.append((value, m.span()))
    return sorted(found, key=lambda item: item[1])


def format_amount(value: Decimal | float) -> str:
    """11000 → '11 000 €'; 1500.5 → '1 500,50 €'."""
    value = Decimal(str(value))
    whole = int(value)
    cents = int((value - whole) * 100 + Decimal("0.5"))
    grouped = f"{whole:,}".replace(",", " ")
    return f"{grouped},{cents:02d} €" if cents else f"{grouped} €"


def format_date(day: dt.date) -> str:
    """date(2022, 4, 14) → '14 avril 2022'."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTH_NAMES[day.month - 1]} {day.year}"
