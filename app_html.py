"""What the app shows: answers with source cards, deliberation views, the text page, the
plot of granted amounts.

In: records (`Answer`, `Citation`, `Deliberation`) and links. Out: HTML strings and a
matplotlib Figure. Pure.
Every text that comes from a document or a user goes through `esc`: a title holding
`<script>` is shown as characters, never run.
"""
import datetime as dt
import html
import re
from decimal import Decimal

from registre.qa.cite import LOW_OCR_CONFIDENCE, ocr_note
from registre.records import Answer, Citation, Deliberation
from registre.text.fold import fold
from registre.text.french import find_amounts, format_amount, format_date

SECTION_NAMES = {
    "header": "En-tête", "attendance": "Présences", "expose": "Exposé", "dispositif": "Dispositif",
    "vote": "Vote", "signature": "Signature", "annex": "Annexes",
    "furniture": "Tampons et en-têtes de page", "other": "Autre",
}
ROLE_NAMES = {
    "grant": "accordé", "cost": "coût de l'action", "cofinancing": "cofinancement",
    "previous": "antérieur", "guarantee": "garantie", "total": "total", "other": "autre",
}
VOTE_NAMES = {"adopted": "adoptée", "rejected": "rejetée", "withdrawn": "retirée"}
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
    parts = ['<div class="reg-answer">']
    if understood:
        parts.append(f'<p class="reg-understood">Question comprise : « {esc(understood)} »</p>')
    parts.append(f'<p class="reg-text{" reg-abstained" if answer.abstained else ""}">{esc(answer.answer)}</p>')
    items, lead = (answer.leads, True) if answer.abstained else (answer.citations, False)
    if items:
        label = "Pistes (délibérations proches, pas une réponse)" if lead else "Sources"
        parts.append(f'<p class="reg-sources-title">{label}</p>')
        parts += [citation_card(i, c, link, answer, lead) for i, (c, link) in enumerate(zip(items, links), 1)]
    parts.append("</div>")
    return "".join(parts)


def citation_card(rank: int, c: Citation, link: str | None, answer: Answer, lead: bool = False) -> str:
    number = f"n° {esc(c.deliberation)}" if c.deliberation else esc(c.source)
    amount = f'<span class="reg-amount">{esc(money(c.amount))}</span>' if c.amount is not None else ""
    spans = [] if lead else highlight_spans(c.quote, c.amount, answer.answer, answer.intent)
    title = f'<div class="reg-card-title">{esc(c.title)}</div>' if c.title and c.title != c.quote else ""
    ocr = ""
    if c.ocr_confidence is not None:
        low = " reg-ocr-low" if c.ocr_confidence < LOW_OCR_CONFIDENCE else ""
        ocr = f' · <span class="reg-ocr{low}">{esc(ocr_note(c))}</span>'
    open_link = f' · <a href="{esc(link)}" target="_blank" rel="noopener">Ouvrir le texte, p. {c.page}</a>' if link else ""
    return (
        f'<div class="reg-card{" reg-lead" if lead else ""}">'
        f'<div class="reg-card-head"><span class="reg-rank">{"Piste " if lead else ""}{rank}</span>'
        f'<b>{number}</b> · {esc(fr_date(c.date))} · {esc(c.instance or "instance inconnue")}{amount}</div>'
        f"{title}<blockquote>{marked(c.quote, spans)}</blockquote>"
        f'<div class="reg-card-foot">p. {c.page} · {esc(c.source)}{ocr}{open_link}</div></div>'
    )


def granted(delib: Deliberation) -> Decimal:
    return sum((a.value for a in delib.amounts if a.role == "grant"), Decimal(0))


def deliberation_html(delib: Deliberation, text_link: str | None, source_link: str | None) -> str:
    """Metadata, amounts table and sections of one deliberation."""
    links = [f'<a href="{esc(u)}" target="_blank" rel="noopener">{label}</a>'
             for u, label in ((text_link, "Texte complet"), (source_link, "Fichier source")) if u]
    parts = [
        '<div class="reg-delib">',
        f'<h3>{esc(delib.title or "Sans titre")}</h3>',
        f'<p class="reg-muted">{"n° " + esc(delib.number) if delib.number else "sans numéro"} · '
        f'{esc(fr_date(delib.date))} · {esc(delib.instance or "instance inconnue")} · '
        f'{esc(delib.collectivite or "collectivité inconnue")}{" · " + " · ".join(links) if links else ""}</p>',
        _metadata_table(delib), _amounts_table(delib),
    ]
    for section in delib.sections:
        name = SECTION_NAMES.get(section.kind, section.kind)
        parts.append(f'<details><summary>{esc(name)} <span class="reg-muted">p. {section.page}</span></summary>'
                     f'<pre class="reg-pre">{esc(section.text.strip())}</pre></details>')
    parts.append("</div>")
    return "".join(parts)


def _metadata_table(delib: Deliberation) -> str:
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
        ("Identifiant ACTES", delib.actes_id), ("Fichier", f"{delib.source}, p. {delib.first_page}–{delib.last_page}"),
    ]
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v not in (None, ""))
    return f'<table class="reg-meta">{cells}</table>'


def _amounts_table(delib: Deliberation) -> str:
    if not delib.amounts:
        return '<p class="reg-muted">Aucun montant.</p>'
    rows = "".join(
        f'<tr class="{"reg-grant" if a.role == "grant" else ""}"><td class="reg-num">{esc(money(a.value))}</td>'
        f"<td>{esc(ROLE_NAMES.get(a.role, a.role))}</td><td>{esc(a.beneficiary or '')}</td>"
        f"<td>{a.page}</td><td>{esc(a.quote)}</td></tr>" for a in delib.amounts)
    return ('<table class="reg-amounts"><thead><tr><th>Montant</th><th>Rôle</th><th>Bénéficiaire</th>'
            f'<th>Page</th><th>Phrase</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="reg-muted">Total accordé : {esc(money(granted(delib)))}</p>')


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
        number = delib.first_page + i
        pages.append(f'<section id="page-{number}"><h2>Page {number}</h2>'
                     f'<pre>{marked(delib.text[start:end].strip(chr(12)), local)}</pre></section>')
    source = f' · <a href="{esc(source_link)}">fichier source</a>' if source_link else ""
    title = esc(delib.title or "Délibération")
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGE_CSS}</style></head>'
        f'<body><header><p><a href="/">← registre</a></p><h1>{title}</h1><p>{"n° " + esc(delib.number) if delib.number else "sans numéro"} · '
        f'{esc(fr_date(delib.date))} · {esc(delib.instance or "")} · {esc(delib.collectivite or "")}'
        f' · {esc(delib.source)}{source}</p></header>{"".join(pages)}'
        f'<h2>Montants</h2>{_amounts_table(delib)}</body></html>'
    )


def ingest_table(rows: list[tuple[str, str, str]]) -> str:
    """Per-file results of an upload: (file name, status, detail)."""
    if not rows:
        return '<p class="reg-muted">Aucun fichier reçu.</p>'
    cells = "".join(f'<tr class="reg-{esc(status)}"><td>{esc(name)}</td><td>{esc(STATUS_NAMES[status])}</td>'
                    f"<td>{esc(detail)}</td></tr>" for name, status, detail in rows)
    return ('<table class="reg-ingest"><thead><tr><th>Fichier</th><th>Résultat</th><th>Détail</th></tr>'
            f"</thead><tbody>{cells}</tbody></table>")


def amounts_plot(entity: str, delibs: list[Deliberation]):
    """Granted amounts per year: those naming `entity` (fuzzily), else all of `delibs`."""
    from matplotlib.figure import Figure
    from rapidfuzz import fuzz

    wanted = fold(entity or "")
    per_year: dict[int, Decimal] = {}
    everything: dict[int, Decimal] = {}
    for d in delibs:
        for a in d.amounts:
            if a.role != "grant" or d.date is None:
                continue
            everything[d.date.year] = everything.get(d.date.year, Decimal(0)) + a.value
            if wanted and fuzz.partial_ratio(wanted, fold(a.beneficiary or a.quote)) >= 85:
                per_year[d.date.year] = per_year.get(d.date.year, Decimal(0)) + a.value
    data, title = (per_year, f"Montants accordés à « {entity} » par année") if per_year else \
        (everything, "Montants accordés par année (délibérations trouvées)")
    fig = Figure(figsize=(6.4, 2.5), dpi=110, layout="constrained")
    ax = fig.subplots()
    ax.set_title(title, fontsize=10)
    if not data:
        ax.text(0.5, 0.5, "Aucun montant accordé", ha="center", va="center", color="#6b7280")
        ax.set_axis_off()
        return fig
    years = sorted(data)
    bars = ax.bar([str(y) for y in years], [float(data[y]) for y in years], color="#2563eb", width=0.6)
    ax.bar_label(bars, labels=[money(data[y]) for y in years], fontsize=8)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f} €".replace(",", " "))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.margins(y=0.2)
    pad = max(0.0, (4 - len(years)) / 2)  # a lone year stays a bar, not a wall
    ax.set_xlim(-0.5 - pad, len(years) - 0.5 + pad)
    return fig

STATUS_NAMES = {"added": "ajouté", "skipped": "ignoré", "failed": "échec"}

PAGE_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
header{border-bottom:1px solid #e5e7eb;margin-bottom:1rem}h1{font-size:1.3rem}
h2{font-size:1rem;color:#6b7280;margin-top:2rem}
pre{white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;background:#f9fafb;padding:1rem;border-radius:6px}
mark{background:#fde68a;padding:0 2px}table{border-collapse:collapse;width:100%;font-size:14px}
td,th{border-bottom:1px solid #e5e7eb;padding:4px 6px;text-align:left;vertical-align:top}
.reg-grant{background:#ecfdf5}.reg-num{white-space:nowrap;text-align:right}.reg-muted{color:#6b7280}
section:target h2{color:#b45309}
"""

APP_CSS = """
.gradio-container{max-width:1280px!important;margin:auto}
.reg-header{display:flex;align-items:baseline;gap:.8rem;padding:.2rem 0 .1rem}
.reg-logo{font-size:1.35rem;font-weight:700;letter-spacing:-.02em}
.reg-muted{color:var(--body-text-color-subdued);font-size:.9em}
.reg-answer p{margin:.15rem 0!important}.reg-text{font-size:1.02rem;font-weight:500}
.reg-abstained{color:#92400e}
.reg-understood{color:var(--body-text-color-subdued);font-size:.85rem;font-style:italic}
.reg-sources-title{margin-top:.7rem!important;font-weight:600;font-size:.85rem;text-transform:uppercase;
  letter-spacing:.04em;color:var(--body-text-color-subdued)}
.reg-card{border:1px solid var(--border-color-primary);border-left:4px solid #2563eb;border-radius:6px;
  padding:.35rem .7rem;margin:.35rem 0;background:var(--background-fill-primary)}
.reg-card.reg-lead{border-left:4px dashed #d97706}
.reg-card-head{font-size:.9rem;display:flex;flex-wrap:wrap;gap:.3rem;align-items:center}
.reg-rank{display:inline-block;min-width:1.4rem;padding:0 .35rem;border-radius:999px;background:#e0e7ff;
  color:#1e3a8a;font-size:.75rem;font-weight:700;text-align:center}
.reg-lead .reg-rank{background:#fef3c7;color:#92400e}
.reg-amount{margin-left:auto;font-weight:700;color:#065f46;background:#d1fae5;border-radius:4px;padding:0 .4rem}
.reg-card-title{font-weight:600;font-size:.85rem;margin:.1rem 0}
.reg-card blockquote{margin:.2rem 0!important;padding:.05rem .6rem!important;border-left:2px solid #cbd5e1!important;
  font-size:.9rem;color:var(--body-text-color)}
.reg-card mark,.reg-delib mark{background:#fde68a;padding:0 2px;border-radius:2px}
.reg-card-foot{font-size:.8rem;color:var(--body-text-color-subdued)}
.reg-ocr{font-style:italic}.reg-ocr-low{color:#b45309;font-weight:600}
.reg-delib h3{margin:.3rem 0;font-size:1.1rem}
.reg-delib table,.reg-ingest{border-collapse:collapse;width:100%;font-size:.88rem;margin:.4rem 0}
.reg-delib td,.reg-delib th,.reg-ingest td,.reg-ingest th{border-bottom:1px solid var(--border-color-primary);
  padding:3px 6px!important;text-align:left;vertical-align:top}
.reg-meta th{width:12rem;color:var(--body-text-color-subdued);font-weight:500}
.reg-grant{background:rgba(16,185,129,.08)}.reg-num{white-space:nowrap;text-align:right}
.reg-delib details{border:1px solid var(--border-color-primary);border-radius:6px;margin:.3rem 0;padding:.2rem .6rem}
.reg-delib summary{cursor:pointer;font-weight:600;font-size:.9rem}
.reg-pre{white-space:pre-wrap;font-size:.82rem;max-height:24rem;overflow:auto}
.reg-failed td:nth-child(2){color:#b91c1c;font-weight:600}.reg-added td:nth-child(2){color:#047857;font-weight:600}
.reg-skipped td:nth-child(2){color:#92400e}
.reg-status{margin:.2rem 0;font-size:.95rem;color:var(--body-text-color-subdued)}
.reg-table{--font-mono:var(--font)!important;font-size:.9rem}
.reg-filters{gap:.5rem!important}
#reg-plot img{max-height:250px;width:auto!important;margin:0 auto;display:block}
.reg-delib table,.reg-delib tr,.reg-ingest,.reg-ingest tr{border:none!important}
.reg-delib td,.reg-delib th,.reg-ingest td,.reg-ingest th{border:none!important;
  border-bottom:1px solid var(--border-color-primary)!important}
"""
