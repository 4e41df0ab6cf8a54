"""Facts of a deliberation that only the open-data exports ask for.

In: a `Deliberation`. Out: the budget it names ("budget principal", "budget annexe de
l'assainissement", "budget départemental") and the year printed with it, the date of the
convention it approves when printed ("la convention signée le 12 mars 2022"), whether a grant
is paid in instalments (acompte, solde, versements échelonnés), whether it is a de minimis
aid notified under regulation 1407/2013. Each read from the title and the dispositif only
(the exposé recalls other budgets and conventions). Pure.
"""
import datetime as dt
import re

from registre.records import Deliberation
from registre.text.fold import fold
from registre.text.french import find_dates

_BUDGET = re.compile(
    r"\bbudget\s+(principal|annexe(?:\s+(?:de l'|de la |du |des |d')?[a-z' -]{3,40}?)?|departemental|"
    r"communal|metropolitain|regional|general|primitif|supplementaire)(?=[\s,.;:)\d]|$)(?:\s+(?:de l'exercice\s+)?"
    r"((?:19|20)\d\d))?")
_NAMES = {"departemental": "Budget départemental", "metropolitain": "Budget métropolitain",
          "regional": "Budget régional", "general": "Budget général", "communal": "Budget communal",
          "primitif": "Budget principal", "supplementaire": "Budget principal", "principal": "Budget principal"}
_CONVENTION_DATE = re.compile(r"\bconvention\b[^.;]{0,120}?\b(?:du|en date du|signee le|conclue le|datee du)\s+$")
_INSTALMENTS = re.compile(r"\bacomptes?\b|\bsoldes?\b|\bversements?\s+(?:echelonnes?|successifs|en\s+\w+\s+fois)"
                          r"|\bechelonne|\ben (?:deux|trois|plusieurs) (?:fois|versements|tranches)"
                          r"|\bpremiere tranche\b")
_DE_MINIMIS = re.compile(r"\bde minimis\b|\b1407/2013\b")
_END_WORDS = re.compile(r"\s+(?:et|pour|sur|au|a|du|de|des|la|le|les|l')$")


def decided_text(delib: Deliberation) -> str:
    """The title and the dispositif, folded (the exposé, which recalls other decisions, left out)."""
    dispositif = " ".join(s.text for s in delib.sections if s.kind == "dispositif")
    return fold(f"{delib.title or ''}\n{dispositif}")


def budget(delib: Deliberation) -> tuple[str, int | None] | None:
    """The budget the deliberation names, as a name ("Budget principal", "Budget annexe de
    l'assainissement") and the year printed with it, if any."""
    found = _BUDGET.search(decided_text(delib))
    if not found:
        return None
    kind = found[1].strip()
    if kind.startswith("annexe"):
        rest = _END_WORDS.sub("", " ".join(kind.split()[1:])).strip()
        name = f"Budget annexe {rest}".strip()
    else:
        name = _NAMES[kind]
    return name, int(found[2]) if found[2] else None


def convention_date(delib: Deliberation) -> dt.date | None:
    """The date of the convention the deliberation approves, when the dispositif prints one."""
    dispositif = " ".join(s.text for s in delib.sections if s.kind == "dispositif")
    for day, (start, _) in find_dates(dispositif):
        if _CONVENTION_DATE.search(fold(dispositif[max(0, start - 140):start])):
            return day
    return None


def paid_in_instalments(delib: Deliberation) -> bool:
    return bool(_INSTALMENTS.search(decided_text(delib)))


def de_minimis(delib: Deliberation) -> bool:
    return bool(_DE_MINIMIS.search(fold(delib.text)))
