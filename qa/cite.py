"""Citations and the short French phrases that name a deliberation.

In: a `Deliberation`, a verbatim quote and its page. Out: a `Citation`; "délibération
n° 2022.00159 du 14 avril 2022". Pure.
"""
import re
from decimal import Decimal

from registre.ingest.french import format_date
from registre.records import Citation, Deliberation


def citation(delib: Deliberation, quote: str, page: int, amount: Decimal | None = None) -> Citation:
    return Citation(delib.number, delib.date, delib.title, delib.instance, delib.collectivite,
                    delib.source, page, re.sub(r"\s+", " ", quote).strip(), amount)


def describe(c: Citation) -> str:
    name = f"délibération n° {c.deliberation}" if c.deliberation else f"délibération sans numéro ({c.source})"
    return f"{name} du {format_date(c.date)}" if c.date else name


def line_with(delib: Deliberation, pattern: str) -> tuple[str, int] | None:
    """The first line of the deliberation matching `pattern` (with the next line when
    the value is printed below its label), and its page."""
    found = re.search(pattern, delib.text, re.IGNORECASE | re.MULTILINE)
    if not found:
        return None
    start = delib.text.rfind("\n", 0, found.start()) + 1
    end = delib.text.find("\n", found.end())
    end = len(delib.text) if end < 0 else end
    line = delib.text[start:end]
    if line.rstrip().endswith(":"):
        following = re.match(r"\s*\n\s*([^\n]+)", delib.text[end:])
        if following:
            line = f"{line.strip()} {following[1].strip()}"
    return re.sub(r"\s+", " ", line).strip(), delib.page_at(start)
