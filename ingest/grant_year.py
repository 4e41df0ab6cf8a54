"""The year a grant is for, as registers print it.

In: folded text (a sentence, a title) and the séance date. Out: a year. "au titre de l'année
2022", "pour l'année 2023", "subvention 2022", "édition 2024", "programme … 2022", "pour
2020", "saison 2022-2023" (its first year); a recalled amount's year from "en 2021", the date
of the decision recalled, or "saison précédente". Pure.
"""
import datetime as dt
import re

from registre.text.french import find_dates

_YEAR = r"((?:19|20)\d{2})(?!\d|[.,]\d)(?!\s?(?:€|euros?\b|[km]€))(?:\s?[-/]\s?(?:19|20)?\d{2}\b)?"
_FOR_YEAR = re.compile(
    r"(?:au titre (?:de l'annee|de l'exercice|de la saison|de l'edition|de la programmation|de la campagne)?"
    r"|pour l'(?:annee|exercice)|\bannee|\bexercice|\bedition|\bsaison|\bcampagne|\bmillesime"
    r"|programmation|\bsubventions?(?: de fonctionnement| d'investissement| exceptionnelle)?|\bdotations?"
    r"|(?:programme|plan|contrat|convention)[^,;.\d]{0,60}?|\bbudget(?: primitif| previsionnel)?|pour"
    r"|\bl'edition|son edition|\baides?|\bpour la periode|rentree scolaire) " + _YEAR
)
_EARLIER = re.compile(r"(?:saison|annee|exercice|edition|campagne) precedente|l'an (?:dernier|passe)"
                      r"|l'annee (?:derniere|passee)")
_ANY_YEAR = re.compile(r"\b" + _YEAR)


def year_for(text: str) -> int | None:
    """The year a grant is for when `text` (folded) prints it."""
    found = _FOR_YEAR.search(text)
    return int(found[1]) if found else None


def item_year(title: str, seance: dt.date | None) -> int | None:
    """The year an item's grants are for: the title's ("SUBVENTION 2022", "SAISON
    2023-2024", "PROGRAMME … 2022", "ANNEE 2019"), else the séance's."""
    return year_for(title) or (seance.year if seance else None)


def recalled_year(text: str, folded: str, for_year: int | None) -> int | None:
    """The year of an amount recalled from an earlier decision: "en 2021", the date of the
    decision recalled ("par délibération du 11 mai 2023"), the year before `for_year` for
    "saison précédente"; None when the text says nothing of it."""
    if _EARLIER.search(folded) and for_year:
        return for_year - 1
    years = [int(m[1]) for m in re.finditer(r"\ben " + _YEAR, folded)]
    years += [day.year for day, _ in find_dates(text)]
    years += [int(m[1]) for m in _ANY_YEAR.finditer(folded) if not re.search(r"[\d.]\s*$", folded[:m.start()])]
    earlier = [year for year in years if for_year is None or year <= for_year]
    return earlier[0] if earlier else None
