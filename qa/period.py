"""The period a question asks about, as people write it.

In: the question text and the spans of the names found in it (a year typed right after a
beneficiary, "jardins d'emeraude 2024", is the year asked). Out: a `Period`: a séance day,
a range of dates ("sur 2022 et 2023" too), a calendar year, a season ("saison 2023-2024": its
first year, as a grant's year is read), or a year that only names a thing ("la location … au
2e semestre 2019": searched for, never a filter; the year of a document, "le BP 2024", is no
period at all but what its title must print), with the spans it was read from. Pure.

A date after "du", "le", "lors de", "en" is the séance's; after "de" following a word that is
not a séance ("la rentrée scolaire de septembre 2020") it qualifies a thing.
"""
import datetime as dt
import re
from dataclasses import dataclass, replace

from registre.text.fold import fold
from registre.text.french import MONTH_NAMES, MONTHS, find_dates, format_date

_YEAR = r"(?:19[5-9]\d|20\d\d)"
# Months as people shorten them in a question ("fév. 2023", "oct. 2022").
_SHORT_MONTHS = {"janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_NUMBERS = {**MONTHS, **_SHORT_MONTHS}
_MONTH = "|".join(MONTHS) + "|" + "|".join(rf"{short}\.?" for short in _SHORT_MONTHS)
# Words after which "de <date>" is the séance's date ("la séance de juin 2019").
_SEANCE = re.compile(r"seance|conseil|bureau|commission|reunion|assemblee|comite|session|municipal|metropolitain|"
                     r"departemental|permanente|communautaire|cr|rendu|verbal|pv|mois|annee")
_YEAR_WORDS = r"(?:en|pour|sur|durant|pendant|au cours de|de l'annee|l'annee|annee|exercice|au titre de|datent de|" \
              r"datant de|date de|dans l'annee)"
# A season or a school year spans two years: "saison 2023-2024", "année scolaire 2023/2024".
_SEASON = re.compile(r"\b(?:saison|annee scolaire|rentree)\s+((?:19|20)?\d\d)\s*[-/]\s*((?:19|20)?\d\d)\b")
# A budget named by its year is voted the year before (a compte administratif the year after):
# the year names the document, not the séance ("le BP 2020", "le compte administratif 2019"),
# and is no period at all: the deliberation's title must print it.
_NAMES_DOCUMENT = re.compile(r"\b(?:bp|bs|budget primitif|budget supplementaire|compte administratif|compte de gestion|"
                             r"dob|rob|debat d'orientation budgetaire|rapport d'orientation budgetaire)\s+$")
# "la location … au 2e semestre 2019": a part of a year after "au" that follows a thing, not a
# séance, is the period of that thing (billed, rented), not the séance's.
_THING_PERIOD = re.compile(r"\b(\w+)\s+(?:au|pour le)\s+\S+\s+(?:semestre|trimestre)\s+(?:de\s+)?$")
_DECIDED = re.compile(r"deliberations?|delibs?|decisions?|actes?|votee?s?|prise?s?|adoptee?s?|approuvee?s?|reunie?s?")
_AFTER_GRANT = re.compile(r"(?:subventions?|aides?|dotations?|financements?|montants?|combien|somme)\s*$")


@dataclass(frozen=True, slots=True)
class Period:
    day: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    year: int | None = None  # a calendar year asked: for a grant, the year it is for
    soft_year: int | None = None  # a year that names a thing: a search word, not a filter
    soft_words: str = ""  # the words of that period as typed ("2e semestre 2019"): searched, not required
    season: bool = False  # the year is a season's first ("saison 2023-2024")
    document_year: int | None = None  # the year of a document named ("le BP 2020"): its title prints it
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def given(self) -> bool:
        return bool(self.day or self.start or self.end or self.year)

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        if self.day:
            return self.day, self.day
        if self.year:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        return self.start, self.end

    def holds(self, day: dt.date | None) -> bool:
        """A séance date within the period (any date when none is asked; an unknown one never)."""
        if not self.given:
            return True
        first, last = self.bounds()
        return day is not None and (first is None or day >= first) and (last is None or day <= last)

    def holds_year(self, year: int | None) -> bool:
        """A year (a grant's) within the period's years."""
        if not self.given:
            return True
        first, last = self.bounds()
        return year is not None and (first is None or year >= first.year) and (last is None or year <= last.year)

    @property
    def whole_years(self) -> bool:
        """The period is made of calendar years (the ledger then counts by the year a grant is for)."""
        first, last = self.bounds()
        return self.day is None and (first is None or (first.month, first.day) == (1, 1)) \
            and (last is None or (last.month, last.day) == (12, 31))

    def words(self) -> str:
        """" en 2022", " le 17 mars 2022", " de 2021 à 2023", " depuis 2022"… ("" when none)."""
        first, last = self.bounds()
        if self.day:
            return f" le {format_date(self.day)}"
        if self.year:
            return f" pour la saison {self.year}-{self.year + 1}" if self.season else f" en {self.year}"
        if first and last and self.whole_years:
            return f" de {first.year} à {last.year}"
        if first and last and (first.year, first.month, first.day) == (last.year, last.month, 1) or \
                first and last and first.day == 1 and first.month == last.month and first.year == last.year:
            return f" en {MONTH_NAMES[first.month - 1]} {first.year}"
        if first and last:
            return f" du {format_date(first)} au {format_date(last)}"
        if first:
            return f" depuis {first.year}" if self.whole_years else f" depuis le {format_date(first)}"
        if last:
            return f" jusqu'en {last.year}" if self.whole_years else f" jusqu'au {format_date(last)}"
        return ""


def read_period(text: str, named: list[tuple[int, int]] | None = None) -> Period:
    """The period of a question; `named` are the spans of names found in it (numbers included:
    "2022.00159" holds no year to read). Its spans hold the words that introduce it."""
    folded = fold(text)
    return with_leads(folded, _read(text, folded, named or []))


def _read(text: str, folded: str, named: list[tuple[int, int]]) -> Period:
    taken = list(named)
    days = [(day, span) for day, span in find_dates(folded) if not _inside(span, taken)]
    kept = [(day, span) for day, span in days if not _qualifies(folded[:span[0]])]
    if len(kept) >= 2 and re.search(r"\b(?:entre|du)\s+$", folded[:kept[0][1][0]]):
        return Period(start=kept[0][0], end=kept[1][0], spans=(kept[0][1], kept[1][1]))
    if kept:
        return Period(day=kept[0][0], spans=(kept[0][1],))
    taken += [span for _, span in days]
    months = [m for m in re.finditer(rf"\b({_MONTH})\s+({_YEAR})\b", folded) if not _inside(m.span(), taken)]
    taken += [m.span() for m in months]
    months = [m for m in months if not _qualifies(folded[:m.start()])]
    if months:
        return _month(months[0])
    season = _SEASON.search(folded)
    first, second = (_full_year(season[1]), _full_year(season[2])) if season else (0, 0)
    if season and not _inside(season.span(), taken) and second == first + 1:
        # A grant for a season is for its first year (ingest.grant_year): the other season's is not it.
        return Period(year=first, season=True, spans=(season.span(),))
    years = [m for m in re.finditer(rf"(?<![\d./-]){_YEAR}(?![\d./-]|\s*-\s*(?:19|20)\d\d)", folded)
             if not _inside(m.span(), taken)]
    return _years(folded, years, taken)


def _listed(folded: str, years: list[re.Match]) -> list[re.Match]:
    """Three or more years typed as a list ("2021, 2022 et 2023"), each the one before plus one."""
    run = years[:1]
    for m in years[1:]:
        joint = folded[run[-1].end():m.start()]
        if not re.fullmatch(r"\s*,\s*|\s+et\s+", joint) or int(m[0]) != int(run[-1][0]) + 1:
            break
        run.append(m)
        if joint.strip() == "et":
            return run if len(run) >= 3 else []
    return []


def _full_year(typed: str) -> int:
    """"22" is 2022 in a season ("saison 22-23")."""
    return int(typed) if len(typed) == 4 else 2000 + int(typed)


def _qualifies(before: str) -> bool:
    """A date after these words names a thing ("la rentrée de septembre 2020", "à compter du
    28 août 2020"), not the séance asked about."""
    if re.search(r"(?:a compter|a partir)\s+(?:du|de|d')\s*$", before):
        return True
    m = re.search(r"(\w+)\s+(?:de|d')\s*$", before)
    return m is not None and not _SEANCE.fullmatch(m[1])


def _month(m: re.Match) -> Period:
    year, month = int(m[2]), _MONTH_NUMBERS[m[1].rstrip(".")]
    start = dt.date(year, month, 1)
    end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return Period(start=start, end=end, spans=(m.span(),))


_YEARS_WORD = re.compile(r"\s(?:les\s+)?(?:annees|exercices)\s+$")


def _years(folded: str, years: list[re.Match], named: list[tuple[int, int]]) -> Period:
    if not years:
        return Period()
    first = years[0]
    before = folded[:first.start()]
    value = int(first[0])
    if _NAMES_DOCUMENT.search(before):
        return Period(document_year=value)  # no period: the BP 2021 is not the BP 2020, whenever voted
    listed = _listed(folded, years)
    before = _YEARS_WORD.sub(" ", before)  # "pour les années 2022 et 2023" reads as "pour 2022 et 2023"
    if listed and re.search(r"(?:\bsur|\ben|\bpour|\bde|\bentre)\s+$", before):
        # "sur 2021, 2022 et 2023": years following one another are their span.
        return Period(start=dt.date(value, 1, 1), end=dt.date(int(listed[-1][0]), 12, 31),
                      spans=tuple(m.span() for m in listed))
    between = folded[first.end():years[1].start()] if len(years) >= 2 else ""
    # "de 2021 à 2023", "entre 2021 et 2023"; "sur 2022 et 2023", "en 2022 et 2023" (two years following).
    if len(years) >= 2 and (re.search(r"(?:\bde|\bentre)\s+$", before) and re.fullmatch(r"\s+(?:a|et|au)\s+", between)
                            or re.search(r"(?:\bsur|\bpour)\s+$", before) and re.fullmatch(r"\s+(?:a|au)\s+", between)
                            or re.search(r"(?:\bsur|\ben|\bpour)\s+$", before) and re.fullmatch(r"\s+et\s+", between)
                            and int(years[1][0]) == value + 1):
        last = int(years[1][0])
        return Period(start=dt.date(value, 1, 1), end=dt.date(last, 12, 31), spans=(first.span(), years[1].span()))
    if re.search(r"(?:depuis|a partir de|apres|des)\s+(?:l'annee\s+)?$", before):
        return Period(start=dt.date(value + (1 if before.rstrip().endswith("apres") else 0), 1, 1),
                      spans=(first.span(),))
    if re.search(r"(?:avant|jusqu'en|jusqu'a)\s+$", before):
        return Period(end=dt.date(value - (1 if before.rstrip().endswith("avant") else 0), 12, 31),
                      spans=(first.span(),))
    half = re.search(r"(premier|1er|second|deuxieme|2e|2nd)\s+semestre\s+(?:de\s+)?$", before)
    thing = _THING_PERIOD.search(before)
    if half and thing and not _SEANCE.fullmatch(thing[1]) and not _DECIDED.fullmatch(thing[1]):
        return Period(soft_year=value, soft_words=folded[half.start():first.end()])
    if half:
        first_half = half[1] in ("premier", "1er")
        return Period(start=dt.date(value, 1 if first_half else 7, 1),
                      end=dt.date(value, 6 if first_half else 12, 30 if first_half else 31), spans=(first.span(),))
    after_name = any(end <= first.start() and not folded[end:first.start()].strip(" ,'-") for _, end in named)
    if re.search(rf"\b{_YEAR_WORDS}\s+$", before) or _AFTER_GRANT.search(before) or after_name \
            or not before.strip() or not folded[first.end():].strip(" ?!.,"):
        return Period(year=value, spans=(first.span(),))
    return Period(soft_year=value, soft_words=first[0])


_LEAD = re.compile(r"(?:\b(?:en|depuis|de|du|des|le|la|entre|et|a|au|avant|apres|jusqu'en|jusqu'au|pour|l'annee|"
                   r"annee|lors|d'|durant|pendant|courant|a partir|a compter|premier|second|semestre)\s*)+$")


def with_leads(folded: str, period: Period) -> Period:
    """The period with the words that introduce each of its spans ("depuis 2022", "en juin 2019")."""
    spans = []
    for start, end in period.spans:
        m = _LEAD.search(folded[:start])
        spans.append((m.start() if m else start, end))
    return replace(period, spans=tuple(spans))


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)
