"""The handlers behind the app's tabs: chat turns, search with filters and CSV export,
the documents list, the beneficiaries (ui/beneficiaries.py), uploads (each file through
ui/upload.py). The granted amounts shown are the ledger table's (Engine.granted_totals),
and the min/max filter on them runs in SQL.

In: an `Engine`. Out: values for Gradio components (HTML strings, DataFrames, files,
figures). Every read of the index holds the engine's lock, so a file being written by an
upload never meets a search half way.
"""
import csv
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import gradio as gr

from registre.engine import Engine
from registre.errors import RegistreError
from registre.records import Deliberation
from registre.text.fold import fold
from registre.ui.beneficiaries import BeneficiariesView
from registre.ui.inputs import names_beneficiary, parse_day, parse_euros, read_matiere, read_text, read_year
from registre.ui.plot import amounts_plot
from registre.ui.render import answer_html, deliberation_html, esc, ingest_table, money
from registre.ui.upload import DOCUMENTS, add_upload, safe_filename

SEARCH_K = 50
RESULT_COLUMNS = ["N°", "Date", "Titre", "Instance", "Montant accordé", "Score"]
DELIB_COLUMNS = ["N°", "Date", "Instance", "Titre", "Montant accordé", "Fichier"]
DOC_COLUMNS = ["Fichier", "Délib.", "Pages"]

class Ui:
    """The handlers of one app over one engine."""

    def __init__(self, engine: Engine,
                 follow_up: Callable[[str, str | None], str] = lambda message, previous: message) -> None:
        self.engine = engine
        self.follow_up = follow_up  # (message, previous question) -> the question to ask
        self.lock = engine.lock
        self.documents = Path(engine.folder) / DOCUMENTS
        self.max_file_bytes = engine.settings.max_file_bytes
        self.exports = Path(tempfile.mkdtemp(prefix="registre-csv-"))
        self.beneficiaries = BeneficiariesView(engine, self.exports)
        self._catalog_key: tuple[int, int] | None = None
        self._catalog: tuple = ()

    # -- shared -----------------------------------------------------------------------
    def catalog(self) -> tuple[list[tuple[int, Deliberation]], list[list]]:
        """(non-duplicate deliberations with their ids, document rows), cached until the
        index changes."""
        with self.lock:
            key = self.engine.generation()
            if key != self._catalog_key:
                engine = self.engine
                main = set(engine.deliberation_ids())
                every = [(i, engine.deliberation(i)) for i in engine.deliberation_ids(include_duplicates=True)]
                docs: dict[str, list] = {}
                for _, d in every:
                    row = docs.setdefault(d.source, [d.source, 0, 0])
                    row[1] += 1
                    row[2] = max(row[2], d.last_page)
                self._catalog = ([(i, d) for i, d in every if i in main], sorted(docs.values()))
                self._catalog_key = key
            return self._catalog

    def citation_id(self, c) -> int | None:
        ids = self.engine.find(number=c.deliberation, day=c.date) if c.deliberation else self.engine.find(day=c.date)
        for delib_id in ids[:200]:
            if c.deliberation or self.engine.deliberation(delib_id).source == c.source:
                return delib_id
        return None

    def source_path(self, delib: Deliberation) -> Path | None:
        """The uploaded file a deliberation comes from, if it lives in the documents folder."""
        candidate = self.documents / delib.source
        if candidate.is_file() and self.engine.is_stored(candidate):
            return candidate
        return None

    def view(self, delib_id: int) -> str:
        with self.lock:
            if not self.engine.has_deliberation(delib_id):
                return '<p class="reg-status">Cette délibération n\'est plus dans l\'index : relancez la recherche.</p>'
            delib = self.engine.deliberation(delib_id)
            source = f"/document/{delib_id}/source" if self.source_path(delib) else None
        return deliberation_html(delib, f"/document/{delib_id}", source)

    def header(self) -> str:
        counts = self.engine.counts()
        return (f'<div class="reg-header"><span class="reg-logo">registre</span>'
                f'<span class="reg-muted">délibérations des collectivités · {counts["deliberations"]} '
                f'délibération(s), {counts["documents"]} document(s), {counts["pages"]} page(s)</span></div>')

    def choices(self):
        delibs, _ = self.catalog()
        years = sorted({d.date.year for _, d in delibs if d.date}, reverse=True)
        instances = sorted({d.instance for _, d in delibs if d.instance})
        collectivites = sorted({d.collectivite for _, d in delibs if d.collectivite})
        return (gr.Dropdown(choices=[""] + [str(y) for y in years]), gr.Dropdown(choices=[""] + instances),
                gr.Dropdown(choices=[""] + collectivites), gr.Dropdown(choices=[""] + collectivites),
                gr.Dropdown(choices=[""] + [str(y) for y in years]))

    # -- chat -------------------------------------------------------------------------
    def user_turn(self, message: str, history: list):
        message = (message or "").strip()
        if not message:
            return "", history, history, ""
        history = history + [{"role": "user", "content": esc(message)}]
        return "", history, history, message

    def bot_turn(self, history: list, message: str, previous: str | None, progress=gr.Progress()):
        if not message:
            return history, history, previous
        question = self.follow_up(message, previous)
        progress((0, None), desc="Recherche dans les délibérations…")
        try:
            with self.lock:
                answer = self.engine.ask(question)
                shown = answer.leads if answer.abstained else answer.citations
                links = [self._link(c) for c in shown]
            content = answer_html(answer, links, question if question != message else None)
        except RegistreError as error:
            content = f'<p class="reg-text">{esc(error)}</p>'
        history = history + [{"role": "assistant", "content": content}]
        return history, history, question

    def _link(self, c) -> str | None:
        delib_id = self.citation_id(c)
        if delib_id is None:
            return None
        from urllib.parse import quote

        return f"/document/{delib_id}?q={quote(c.quote[:300])}#page-{c.page}"

    # -- search -----------------------------------------------------------------------
    def search_tab(self, query, year, date_from, date_to, instance, collectivite, beneficiary, low, high, matiere=None):
        query, beneficiary = (query or "").strip(), read_text(beneficiary)
        filters: dict[str, Any] = dict(year=read_year(year), date_from=parse_day(date_from), date_to=parse_day(date_to),
                                        instance=read_text(instance), collectivite=read_text(collectivite),
                                        matiere=read_matiere(matiere), granted_min=parse_euros(low),
                                        granted_max=parse_euros(high))
        found: list[tuple[int, float | None]]
        with self.lock:
            if query:
                found = [(r.deliberation_id, r.score) for r in self.engine.search(query, k=SEARCH_K, **filters)]
            elif any(v is not None for v in filters.values()) or beneficiary:
                found = [(i, None) for i in self.engine.find(**filters)]  # filters alone: list them
            else:
                found = []
            rows = [(i, score, self.engine.deliberation(i)) for i, score in found]
            rows = [r for r in rows if names_beneficiary(r[2], beneficiary)][:SEARCH_K]
            granted = self.engine.granted_totals(i for i, _, _ in rows)  # the ledger table, in SQL
        table = [[d.number or d.source, d.date.isoformat() if d.date else "", d.title or "", d.instance or "",
                  money(granted[i]), "" if s is None else f"{s:.3f}"] for i, s, d in rows]
        entity = beneficiary or query
        about = f" « {entity} »" if entity else ""
        status = f"{len(rows)} délibération(s) pour{about or ' ces filtres'}." if rows else \
            f"Aucune délibération ne correspond{' à' + about if about else ''}."
        return (frame(table, RESULT_COLUMNS), [(i, *cells[:2]) for (i, _, _), cells in zip(rows, table)],
                self._csv(query, rows, granted),
                amounts_plot(entity, [d for _, _, d in rows]) if rows else None,
                f'<p class="reg-status">{esc(status)}</p>', "")

    def _csv(self, query: str, rows, granted: dict[int, Decimal]) -> gr.DownloadButton:
        if not rows:
            return gr.DownloadButton(value=None, interactive=False)
        folder = Path(tempfile.mkdtemp(dir=self.exports))
        slug = re.sub(r"[^a-z0-9]+", "-", fold(query or "filtres"))[:40].strip("-") or "recherche"
        path = folder / f"registre-{slug}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["numero", "date", "titre", "instance", "collectivite", "montant_accorde",
                             "score", "source", "pages", "matiere"])
            for i, score, d in rows:
                writer.writerow([d.number or "", d.date.isoformat() if d.date else "", d.title or "",
                                 d.instance or "", d.collectivite or "", f"{granted[i]:.2f}",
                                 "" if score is None else f"{score:.4f}", d.source,
                                 f"{d.first_page}-{d.last_page}", d.matiere or ""])
        return gr.DownloadButton(value=str(path), interactive=True)

    def beneficiaries_tab(self, name, collectivite, year):
        """The Bénéficiaires view (ui/beneficiaries.py): table, per-year plot, CSV, status."""
        return self.beneficiaries.tab(read_text(name), read_text(collectivite), read_year(year))

    def open_row(self, rows: list[tuple[int, str, str]], evt: gr.SelectData) -> str:
        """The deliberation of a clicked row; `rows` holds (id, first cell, date) per table row,
        so a table sorted in the browser still opens the row clicked."""
        shown = list(evt.row_value or [])[:2]
        for delib_id, key, day in rows:
            if [key, day] == shown:
                return self.view(delib_id)
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return self.view(rows[row][0]) if 0 <= row < len(rows) else ""

    # -- documents --------------------------------------------------------------------
    def documents_tab(self):
        delibs, docs = self.catalog()
        with self.lock:
            granted = self.engine.granted_totals(i for i, _ in delibs)
        rows = [[d.number or "—", d.date.isoformat() if d.date else "", d.instance or "", d.title or "",
                 money(granted.get(i, Decimal(0))), d.source] for i, d in delibs]
        counts = self.engine.counts()
        summary = (f"**{counts['documents']}** document(s) · **{counts['deliberations']}** délibération(s) · "
                   f"**{counts['pages']}** page(s) · **{counts['amounts']}** montant(s)")
        keys = [(i, *cells[:2]) for (i, _), cells in zip(delibs, rows)]
        return summary, frame(docs, DOC_COLUMNS), frame(rows, DELIB_COLUMNS), keys

    # -- upload -----------------------------------------------------------------------
    def ingest(self, files, progress=gr.Progress()):
        files = [Path(f) for f in (files or [])]
        rows = []
        for done, path in enumerate(files):
            progress((done, len(files)), desc=f"Lecture de {safe_filename(path.name)}", unit="fichier")
            rows.append(add_upload(self.engine, self.documents, self.max_file_bytes, path))
        progress((len(files), len(files)), desc="Terminé", unit="fichier")
        return (ingest_table(rows), None, self.header(), *self.documents_tab(), *self.choices())

    # -- API --------------------------------------------------------------------------
    def api_ask(self, question: str) -> dict:
        """Answers a question in French, with citations (the `registre ask --json` object)."""
        if not (question or "").strip():
            raise gr.Error("Question vide : écrivez une question.")
        try:
            with self.lock:
                return self.engine.ask(question).to_dict()
        except RegistreError as error:
            raise gr.Error(str(error)) from None

    def api_search(self, query: str, k: int = 10, year: int | None = None, date_from: str | None = None,
                   date_to: str | None = None, instance: str | None = None,
                   collectivite: str | None = None) -> dict:
        """Ranked deliberations, one per result (the `registre search --json` object)."""
        filters: dict[str, Any] = dict(year=read_year(year), date_from=parse_day(date_from), date_to=parse_day(date_to),
                       instance=read_text(instance), collectivite=read_text(collectivite))
        try:
            with self.lock:
                results = self.engine.search(query or "", k=max(1, min(int(k or 10), 100)), **filters)
        except RegistreError as error:
            raise gr.Error(str(error)) from None
        return {"query": query, "results": [r.to_dict() for r in results]}


def frame(rows: list[list], columns: list[str]):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)
