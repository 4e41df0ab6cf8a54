"""Citations and the short French phrases that name a deliberation.

In: a `Deliberation`, a verbatim quote and its page. Out: a `Citation` (with the OCR
confidence of its page when that page was scanned); "délibération n° 2022.00159 du
14 avril 2022"; "texte lu par OCR, confiance 82/100". Pure.
"""
import dataclasses
import re
from decimal import Decimal

from registre.ingest.evidence import statement
from registre.records import Answer, Citation, Deliberation
from registre.text.fold import fold
from registre.text.french import format_date

# Tesseract's mean word confidence (0–100) under which an amount read on the page is
# flagged: a clean scan reads at 85–95, a blurred or skewed one drops below 80, where
# digits start to be misread ("30 000" as "30 600").
LOW_OCR_CONFIDENCE = 80
LOW_CONFIDENCE_WARNING = "montant lu par OCR avec une confiance faible : à vérifier sur le document"


def citation(delib: Deliberation, quote: str, page: int, amount: Decimal | None = None) -> Citation:
    return Citation(delib.number, delib.date, delib.title, delib.instance, delib.collectivite,
                    delib.source, page, re.sub(r"\s+", " ", quote).strip(), amount, page_confidence(delib, page))


def cite_field(delib: Deliberation, name: str) -> Citation | None:
    """The citation of the words a field was read from (ingest's evidence): the deliberation
    when they are in its own text, its document when they are in the preamble of a séance
    shared by several items (then `deliberation` is None and `source` names the file)."""
    found = delib.evidence_for(name)
    if found is None or not found.quote.strip():
        return None
    cited = citation(delib, found.quote, found.page)
    if found.start < delib.heading:
        return dataclasses.replace(cited, deliberation=None, title=None)
    return cited


def cite_name(delib: Deliberation, field: str, name: str) -> Citation | None:
    """The words of a list read by ingest (members present, absent, proxies) that hold one
    name: the list's own evidence when it holds it, else the stretch of the list where it is
    printed."""
    cited = cite_field(delib, field)
    found = delib.evidence_for(field)
    if cited is None or found is None:
        return None
    surname = _surname(name)
    if surname in fold(cited.quote):
        return cited
    if found.start < 0:
        return None  # a preamble printed before this item: only its quoted words are at hand
    at = fold(delib.text).find(surname, found.start, found.start + 4000)
    if at < 0:
        return None
    first, last = statement(delib.text, at, at + len(surname))
    spanned = citation(delib, delib.text[first:last], delib.page_at(first))
    return dataclasses.replace(spanned, deliberation=None, title=None) if first < delib.heading else spanned


def _surname(name: str) -> str:
    capitals = [w for w in re.findall(r"[\w'-]+", name) if len(w) > 1 and w.isupper()]
    return fold(" ".join(capitals) if capitals else name.split()[-1])


def cite_span(delib: Deliberation, start: int, end: int) -> Citation:
    """The citation of a span of the deliberation's text (a sentence, a table row)."""
    return citation(delib, delib.text[start:end], delib.page_at(start))


def page_confidence(delib: Deliberation, page: int) -> float | None:
    """The OCR confidence of one page of the deliberation; None for a text-layer page."""
    index = page - delib.first_page
    return delib.page_confidences[index] if 0 <= index < len(delib.page_confidences) else None


def ocr_note(c: Citation) -> str | None:
    """"texte lu par OCR, confiance 82/100" for a quote from a scanned page, else None."""
    return None if c.ocr_confidence is None else f"texte lu par OCR, confiance {c.ocr_confidence:.0f}/100"


def flag_low_confidence(answer: Answer) -> Answer:
    """The answer with a warning added when an amount it cites was read by OCR with a low
    confidence (the warning names no amount, date or person: verification still holds)."""
    doubtful = [c for c in answer.citations if c.amount is not None and c.ocr_confidence is not None
                and c.ocr_confidence < LOW_OCR_CONFIDENCE]
    if not doubtful or LOW_CONFIDENCE_WARNING in answer.answer:
        return answer
    pages = ", ".join(f"{describe(c)}, p. {c.page}" for c in doubtful)
    return dataclasses.replace(answer, answer=f"{answer.answer} ({LOW_CONFIDENCE_WARNING} : {pages})")


def describe(c: Citation) -> str:
    name = f"délibération n° {c.deliberation}" if c.deliberation else f"{c.source}"
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
