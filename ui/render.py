"""What the app shows: answers with source cards, deliberation views, the text page, the
results of an upload.

In: records (`Answer`, `Citation`, `Deliberation`) and links. Out: HTML strings, rendered
from ui/templates/ by Jinja2 with autoescaping: a title holding `<script>` is shown as
characters, never run. Pure.
"""
import datetime as dt
import html
import re
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from registre.index.ledger import DECISION_NAMES, decisions, granted
from registre.index.nomenclature import matiere
from registre.qa.cite import LOW_OCR_CONFIDENCE, ocr_note
from registre.records import Answer, Deliberation
from registre.text.french import find_amounts, format_amount, format_date

HERE = Path(__file__).parent
SECTION_NAMES = {
    "header": "En-tête", "attendance": "Présences", "expose": "Exposé", "dispositif": "Dispositif",
    "vote": "Vote", "signature": "Signature", "annex": "Annexes",
    "furniture": "Tampons et en-têtes de page", "other": "Autre",
}
ROLE_NAMES = {
    "grant": "accordé", "cost": "coût de l'action", "cofinancing": "cofinancement",
    "previous": "antérieur", "guarantee": "garantie", "total": "total", "other": "autre",
}
KIND_NAMES = {
    **DECISION_NAMES, "restatement": "rappel de la décision", "recap": "récapitulatif", "request": "montant demandé",
    "previous": "antérieur", "cost": "coût de l'action", "budget": "budget", "cofinancing": "cofinancement",
    "loan": "emprunt", "guarantee": "garantie", "envelope": "enveloppe", "total": "total", "tariff": "tarif",
    "price": "prix", "revenue": "recette", "other": "autre",
}
VOTE_NAMES = {"adopted": "adoptée", "rejected": "rejetée", "withdrawn": "retirée"}
STATUS_NAMES = {"added": "ajouté", "skipped": "ignoré", "failed": "échec"}
_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*)+")
_INTEGER = re.compile(r"(?<![\d.,])\d+(?![\d.,])")


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def fr_date(day: dt.date | None) -> str:
    return format_date(day) if day else "date inconnue"


def money(value: Decimal | float | None) -> str:
    return format_amount(value) if value is not None else ""


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, with the given spans wrapped in <mark> (overlaps merged)."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            start = at
        if end <= start:
            continue
        out += [esc(text[at:start]), "<mark>", esc(text[start:end]), "</mark>"]
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def highlight_spans(quote: str, amount: Decimal | None, answer: str, intent: str) -> list[tuple[int, int]]:
    """Where the quote says what the answer states: its amount, the names (and, for a
    count, the numbers) that the answer repeats."""
    spans = [span for value, span in find_amounts(quote) if amount is not None and value == amount]
    spans += [m.span() for m in _NAME.finditer(quote) if m[0] in answer]
    if intent == "count":
        said = set(_INTEGER.findall(answer))
        spans += [m.span() for m in _INTEGER.finditer(quote) if m[0] in said]
    return spans


def answer_html(answer: Answer, links: list[str | None], understood: str | None = None) -> str:
    """The answer first, then its sources as numbered cards (or, for an abstention, the
    closest deliberations, labelled as leads). `links[i]` goes with citation (or lead) i."""
    items, lead = (answer.leads, True) if answer.abstained else (answer.citations, False)
    cards = []
    for c, link in zip(items, links):
        spans = [] if lead else highlight_spans(c.quote, c.amount, answer.answer, answer.intent)
        low = c.ocr_confidence is not None and c.ocr_confidence < LOW_OCR_CONFIDENCE
        cards.append({"citation": c, "quote": Markup(marked(c.quote, spans)), "link": link,
                      "ocr": ocr_note(c), "ocr_low": low})
    return _render("answer.html", answer=answer, cards=cards, lead=lead, understood=understood)


def deliberation_html(delib: Deliberation, text_link: str | None, source_link: str | None) -> str:
    """Metadata, amounts table and sections of one deliberation."""
    links = [(url, label) for url, label in ((text_link, "Texte complet"), (source_link, "Fichier source")) if url]
    return _render("deliberation.html", delib=delib, links=links, metadata=_metadata(delib),
                   granted=granted(delib), amounts=amount_rows(delib))


def amount_rows(delib: Deliberation) -> list[dict]:
    """Each amount with what it is (its kind, else its role) and, for a grant decision, whether
    it took effect (index.ledger): `css` "reg-grant" or "reg-void", `note` why not."""
    effects = {id(d.amount): d for d in decisions(delib)}
    rows = []
    for a in delib.amounts:
        decision = effects.get(id(a))
        label = KIND_NAMES.get(a.kind, a.kind) if a.kind else ROLE_NAMES.get(a.role, a.role)
        css = "" if decision is None else ("reg-grant" if decision.effective else "reg-void")
        note = f"sans effet : {decision.why_not}" if decision is not None and not decision.effective else ""
        rows.append({"amount": a, "label": label, "css": css, "note": note})
    return rows


def _metadata(delib: Deliberation) -> list[tuple[str, object]]:
    vote = delib.vote
    counts = ", ".join(f"{label} {value}" for label, value in (
        ("pour", vote.pour), ("contre", vote.contre), ("abstention", vote.abstention)) if value is not None)
    vote_text = " ".join(filter(None, (VOTE_NAMES.get(vote.result or ""),
                                       "à l'unanimité" if vote.unanimous else "", counts)))
    rows = [
        ("Président", delib.president), ("Secrétaire", delib.secretaire), ("Rapporteur", delib.rapporteur),
        ("Membres en exercice", delib.membres_en_exercice), ("Présents", delib.presents),
        ("Pouvoirs", delib.pouvoirs), ("Votants", delib.votants), ("Vote", vote_text or None),
        ("Convocation", fr_date(delib.convocation_date) if delib.convocation_date else None),
        ("Identifiant ACTES", delib.actes_id), ("Matière ACTES", _matiere(delib)),
        ("Fichier", f"{delib.source}, p. {delib.first_page}–{delib.last_page}"),
    ]
    return [(name, value) for name, value in rows if value not in (None, "")]


def _matiere(delib: Deliberation) -> str | None:
    named = matiere(delib.matiere)
    if named is None:
        return None
    how = "imprimée sur le document" if delib.evidence_for("matiere") else "déduite du titre et du dispositif"
    return f"{named.code} {named.label} ({how})"


def document_page(delib: Deliberation, quote: str | None, source_link: str | None) -> str:
    """A standalone page: the deliberation's text page by page (anchors `page-N`), the
    quote `quote` marked where it stands, then its amounts."""
    spans = []
    if quote and quote.split():
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        spans = [m.span() for m in re.finditer(pattern, delib.text)][:1]
    bounds = list(delib.page_offsets) + [len(delib.text)]
    pages = []
    for i, start in enumerate(delib.page_offsets):
        end = bounds[i + 1]
        local = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
        pages.append((delib.first_page + i, Markup(marked(delib.text[start:end].strip(chr(12)), local))))
    return _render("document.html", delib=delib, pages=pages, source_link=source_link,
                   css=Markup(_static("page.css")), granted=granted(delib), amounts=amount_rows(delib))


def ingest_table(rows: list[tuple[str, str, str]]) -> str:
    """Per-file results of an upload: (file name, status, detail)."""
    return _render("ingest.html", rows=rows)


def app_css() -> str:
    """The app's own style sheet (ui/static/app.css)."""
    return _static("app.css")


def _static(name: str) -> str:
    return (HERE / "static" / name).read_text(encoding="utf-8")


class _OneLineLoader(FileSystemLoader):
    """Templates are written on several lines for reading, rendered as one line: a line
    break and the indentation after it are dropped from the template's own text (never from
    the values put in it), so Gradio's Markdown sees no blank line or indented block."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return re.sub(r"\n\s*", "", source), filename, uptodate


_ENV = Environment(loader=_OneLineLoader(HERE / "templates"), autoescape=True)
_ENV.filters.update(money=lambda value: money(value), fr_date=lambda day: fr_date(day))
_ENV.globals.update(section_names=SECTION_NAMES, role_names=ROLE_NAMES, status_names=STATUS_NAMES)


def _render(name: str, **values) -> str:
    return _ENV.get_template(name).render(**values)
