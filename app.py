"""The Gradio app: chat, search, documents and upload over one index, and its web server.

In: an `Engine`. Out: `build_app(engine)`, a gr.Blocks with four tabs and the named API
endpoints `ask` and `search` (the `ask --json` and `search --json` shapes), and
`serve(engine, host, port, auth)`, which also serves each deliberation's text view at
/document/{id} and, for uploaded files, the file itself at /document/{id}/source.
"""
import csv
import datetime as dt
import filecmp
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

import gradio as gr

from registre.app_html import answer_html, deliberation_html, esc, granted, ingest_table, money
from registre.errors import RegistreError
from registre.index.analyzer import fold
from registre.ingest.french import parse_number
from registre.ingest.read import SUPPORTED, max_file_bytes
from registre.records import Deliberation

DOCUMENTS = "documents"  # uploaded files live in INDEX/documents/
SEARCH_K = 50
EXAMPLES = [
    "combien pour Weeejob en 2022",
    "qui présidait le bureau du 14 avril 2022",
    "et en 2023 ?",
    "quelle association met en oeuvre l'action Weeejob ?",
    "combien de présents à la séance du 6 octobre 2022 ?",
]
RESULT_COLUMNS = ["N°", "Date", "Titre", "Instance", "Montant accordé", "Score"]
DELIB_COLUMNS = ["N°", "Date", "Instance", "Titre", "Montant accordé", "Fichier"]
DOC_COLUMNS = ["Fichier", "Délibérations", "Pages"]

# -- follow-up questions -------------------------------------------------------------------
_MONTHS = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
_DAY = rf"(?:(?:1er|\d{{1,2}})\s+)?(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d"
_PERIOD = re.compile(
    rf"(?P<prep>\b(?:en|au|pour|du|de|le|depuis|dans)\s+)?"
    rf"(?P<when>\bentre\s+(?:le\s+)?{_DAY}\s+et\s+(?:le\s+)?{_DAY}\b|\b{_DAY}\b)", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^\s*(?:et|puis)\b", re.IGNORECASE)
_FILLER = {"et", "puis", "alors", "pour", "en", "sur", "dans", "l", "année", "annee"}


def follow_up_question(message: str, previous: str | None) -> str:
    """"et en 2023 ?" after "combien pour Weeejob en 2022" gives "combien pour Weeejob en 2023".

    A short message that starts with "et" and names only a period takes the previous
    question with its period replaced (or added); any other message is returned as is.
    """
    text = message.strip()
    if not previous or not _FOLLOW_UP.match(text) or len(text.split()) > 8:
        return message
    period = _PERIOD.search(text)
    rest = [w for w in re.findall(r"\w+", _PERIOD.sub(" ", text).lower()) if w not in _FILLER]
    if period is None or rest:
        return message
    when = period["when"]
    new_prep = "" if when.lower().startswith("entre") else (period["prep"] or "")
    old = _PERIOD.search(previous)
    if old is not None:
        prep = new_prep or ("" if when.lower().startswith("entre") else old["prep"] or "")
        return previous[:old.start()] + prep + when + previous[old.end():]
    body = previous.rstrip(" ?!.")
    return f"{body} {new_prep or 'en '}{when}{previous[len(body):]}"


# -- small helpers -------------------------------------------------------------------------
def safe_filename(name: str) -> str:
    """A file name safe to write under the documents folder: no folders, no control or
    reserved characters, no leading dot; the extension in lower case."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/")).rsplit("/", 1)[-1]
    name = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "", name).strip().lstrip(". ")
    stem, suffix = os.path.splitext(name)
    return (stem[:120].strip() or "document") + suffix.lower()


def parse_day(value) -> dt.date | None:
    """A date from the date picker or a typed "AAAA-MM-JJ" / "JJ/MM/AAAA"; None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value).date()
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value).strip()[:10]
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            day, month, year = map(int, text.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise gr.Error(f"Date illisible : « {value} » (attendu AAAA-MM-JJ)") from None


def _year(value) -> int | None:
    return int(value) if value not in (None, "") else None


def _text(value) -> str | None:
    return str(value).strip() or None if value is not None else None


# -- the app ---------------------------------------------------------------------------
class _Ui:
    """The handlers behind the tabs; every read of the index holds the store's lock, so
    an upload being written never meets a search half way."""

    def __init__(self, engine):
        self.engine = engine
        self.lock = engine.store.lock
        self.documents = Path(engine.store.folder) / DOCUMENTS
        self.exports = Path(tempfile.mkdtemp(prefix="registre-csv-"))
        self._catalog_key = None
        self._catalog: tuple = ()

    # -- shared -----------------------------------------------------------------------
    def catalog(self) -> tuple[list[tuple[int, Deliberation]], list[list]]:
        """(non-duplicate deliberations with their ids, document rows), cached until the
        index changes."""
        with self.lock:
            key = tuple(self.engine.store.counts().values())
            if key != self._catalog_key:
                store = self.engine.store
                main = set(store.deliberation_ids())
                every = [(i, store.deliberation(i)) for i in store.deliberation_ids(include_duplicates=True)]
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
        if candidate.is_file() and self.engine.store.document_by_path(str(candidate.resolve())) is not None:
            return candidate
        return None

    def view(self, delib_id: int) -> str:
        with self.lock:
            delib = self.engine.deliberation(delib_id)
            source = f"/document/{delib_id}/source" if self.source_path(delib) else None
        return deliberation_html(delib, f"/document/{delib_id}", source)

    def header(self) -> str:
        counts = self.engine.store.counts()
        return (f'<div class="reg-header"><span class="reg-logo">registre</span>'
                f'<span class="reg-muted">délibérations des collectivités · {counts["deliberations"]} '
                f'délibération(s), {counts["documents"]} document(s), {counts["pages"]} page(s)</span></div>')

    def choices(self):
        delibs, _ = self.catalog()
        years = sorted({d.date.year for _, d in delibs if d.date}, reverse=True)
        instances = sorted({d.instance for _, d in delibs if d.instance})
        collectivites = sorted({d.collectivite for _, d in delibs if d.collectivite})
        return (gr.Dropdown(choices=[""] + [str(y) for y in years]), gr.Dropdown(choices=[""] + instances),
                gr.Dropdown(choices=[""] + collectivites))

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
        question = follow_up_question(message, previous)
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
    def search_tab(self, query, year, date_from, date_to, instance, collectivite, beneficiary, low, high):
        query, beneficiary = (query or "").strip(), _text(beneficiary)
        filters = dict(year=_year(year), date_from=parse_day(date_from), date_to=parse_day(date_to),
                       instance=_text(instance), collectivite=_text(collectivite))
        low, high = parse_euros(low), parse_euros(high)
        with self.lock:
            if query:
                found = [(r.deliberation_id, r.score) for r in self.engine.search(query, k=SEARCH_K, **filters)]
            elif any(filters.values()) or beneficiary or low is not None or high is not None:
                found = [(i, None) for i in self.engine.find(**filters)]  # filters alone: list them
            else:
                found = []
            rows = [(i, score, self.engine.deliberation(i)) for i, score in found]
        rows = [r for r in rows if _keeps(r[2], beneficiary, low, high)][:SEARCH_K]
        table = [[d.number or d.source, d.date.isoformat() if d.date else "", d.title or "", d.instance or "",
                  money(granted(d)), "" if s is None else f"{s:.3f}"] for _, s, d in rows]
        entity = beneficiary or query
        about = f" « {entity} »" if entity else ""
        status = f"{len(rows)} délibération(s) pour{about or ' ces filtres'}." if rows else \
            f"Aucune délibération ne correspond{' à' + about if about else ''}."
        return (_frame(table, RESULT_COLUMNS), [i for i, _, _ in rows], self._csv(query, rows),
                amounts_plot(entity, [d for _, _, d in rows]) if rows else None,
                f'<p class="reg-status">{esc(status)}</p>', "")

    def _csv(self, query: str, rows) -> gr.DownloadButton:
        if not rows:
            return gr.DownloadButton(value=None, interactive=False)
        folder = Path(tempfile.mkdtemp(dir=self.exports))
        slug = re.sub(r"[^a-z0-9]+", "-", fold(query or "filtres"))[:40].strip("-") or "recherche"
        path = folder / f"registre-{slug}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["numero", "date", "titre", "instance", "collectivite", "montant_accorde",
                             "score", "source", "pages"])
            for _, score, d in rows:
                writer.writerow([d.number or "", d.date.isoformat() if d.date else "", d.title or "",
                                 d.instance or "", d.collectivite or "", f"{granted(d):.2f}",
                                 "" if score is None else f"{score:.4f}", d.source,
                                 f"{d.first_page}-{d.last_page}"])
        return gr.DownloadButton(value=str(path), interactive=True)

    def open_row(self, ids: list[int], evt: gr.SelectData) -> str:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        return self.view(ids[row]) if ids and 0 <= row < len(ids) else ""

    # -- documents --------------------------------------------------------------------
    def documents_tab(self):
        delibs, docs = self.catalog()
        rows = [[d.number or "—", d.date.isoformat() if d.date else "", d.instance or "", d.title or "",
                 money(granted(d)), d.source] for _, d in delibs]
        counts = self.engine.store.counts()
        summary = (f"**{counts['documents']}** document(s) · **{counts['deliberations']}** délibération(s) · "
                   f"**{counts['pages']}** page(s) · **{counts['amounts']}** montant(s)")
        return summary, _frame(docs, DOC_COLUMNS), _frame(rows, DELIB_COLUMNS), [i for i, _ in delibs]

    # -- upload -----------------------------------------------------------------------
    def ingest(self, files, progress=gr.Progress()):
        files = [Path(f) for f in (files or [])]
        rows = []
        for done, path in enumerate(files):
            progress((done, len(files)), desc=f"Lecture de {safe_filename(path.name)}", unit="fichier")
            rows.append(self._ingest_one(path))
        progress((len(files), len(files)), desc="Terminé", unit="fichier")
        return (ingest_table(rows), self.header(), *self.documents_tab(), *self.choices())

    def _ingest_one(self, upload: Path) -> tuple[str, str, str]:
        name = safe_filename(upload.name)
        if Path(name).suffix not in SUPPORTED:
            return name, "failed", "format non pris en charge (PDF, TXT, MD seulement)"
        if upload.stat().st_size > max_file_bytes():
            return name, "failed", f"fichier trop volumineux (limite {max_file_bytes() // 2**20} Mo)"
        self.documents.mkdir(parents=True, exist_ok=True)
        target = self.documents / name
        backup = None
        if target.exists() and not filecmp.cmp(target, upload, shallow=False):
            backup = target.with_name(f".{name}.previous")
            os.replace(target, backup)
        if not target.exists():
            shutil.copyfile(upload, target)
        report = self.engine.ingest([target])
        if self.engine.store.document_by_path(str(target.resolve())) is None or report.failed:
            target.unlink(missing_ok=True)
            if backup:
                os.replace(backup, target)
            if report.failed:
                return name, "failed", report.failed[0]
        elif backup:
            backup.unlink()
        if report.skipped or not report.files:
            return name, "skipped", (report.skipped or ["déjà indexé"])[0].partition(" : ")[2] or "déjà indexé"
        detail = (f"{report.deliberations} délibération(s), {report.pages} page(s), {report.amounts} montant(s)"
                  + (" ; remplace la version précédente" if backup else ""))
        return name, "added", "; ".join([detail] + [w.partition(" : ")[2] for w in report.warnings])

    # -- API --------------------------------------------------------------------------
    def api_ask(self, question: str) -> dict:
        """Answers a question in French, with citations (the `registre ask --json` object)."""
        if not (question or "").strip():
            raise gr.Error("Question vide.")
        with self.lock:
            return self.engine.ask(question).to_dict()

    def api_search(self, query: str, k: int = 10, year: int | None = None, date_from: str | None = None,
                   date_to: str | None = None, instance: str | None = None,
                   collectivite: str | None = None) -> dict:
        """Ranked deliberations, one per result (the `registre search --json` object)."""
        with self.lock:
            results = self.engine.search(query, k=int(k or 10), year=_year(year), date_from=parse_day(date_from),
                                         date_to=parse_day(date_to), instance=_text(instance),
                                         collectivite=_text(collectivite))
        return {"query": query, "results": [r.to_dict() for r in results]}


def parse_euros(value) -> Decimal | None:
    """A typed amount ("5 000", "5000,50", "5 000 €"); None when empty."""
    text = str(value or "").replace("€", "").replace("euros", "").strip()
    if not text:
        return None
    number = parse_number(text)
    if number is None:
        raise gr.Error(f"Montant illisible : « {value} » (ex. 5 000)")
    return number


def _keeps(delib: Deliberation, beneficiary: str | None, low: Decimal | None, high: Decimal | None) -> bool:
    """The beneficiary and granted-amount filters, applied after the search."""
    if beneficiary:
        wanted = fold(beneficiary)
        named = [fold(a.beneficiary or a.quote) for a in delib.amounts] + [fold(delib.title or "")]
        if not any(wanted in text for text in named):
            return False
    total = granted(delib)
    return not ((low is not None and total < low) or (high is not None and total > high))


def _frame(rows: list[list], columns: list[str]):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


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
    fig = Figure(figsize=(6, 2.8), dpi=100, layout="constrained")
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
    return fig


def build_app(engine) -> gr.Blocks:
    """The four tabs (Chat, Recherche, Documents, Ajouter) and the `ask` / `search` endpoints."""
    return _build(_Ui(engine))


def serve(engine, host: str = "127.0.0.1", port: int = 7860, auth: str | tuple[str, str] | None = None) -> None:
    """Serve the app on host:port until interrupted. `auth` is "USER:PASS" or (user, password);
    a host beyond this machine is refused without it."""
    import uvicorn

    from registre.app_server import check_bind, create_server, parse_auth

    credentials = parse_auth(auth) if auth is None or isinstance(auth, str) else tuple(auth)
    check_bind(host, credentials)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    ui = _Ui(engine)
    server = create_server(ui, _build(ui), credentials, host, port)
    with ui.lock:
        engine.search("délibération", k=1)  # loads the model and the vectors before the first visitor
    print(f"registre : http://{host}:{port} (Ctrl+C pour arrêter)", file=sys.stderr, flush=True)
    uvicorn.run(server, host=host, port=port, log_level="warning")


def _build(ui: _Ui) -> gr.Blocks:
    private = dict(api_visibility="private")
    with gr.Blocks(title="registre", analytics_enabled=False, delete_cache=(3600, 86400)) as blocks:
        header = gr.HTML(ui.header())
        with gr.Tabs():
            with gr.Tab("Chat"):
                history = gr.State([])
                pending = gr.State("")
                previous = gr.State(None)
                chat = gr.Chatbot(show_label=False, height="56vh", elem_id="reg-chat",
                                  buttons=["copy"], feedback_options=None, layout="panel",
                                  placeholder="Posez une question : montants, dates, présidents, votes…")
                with gr.Row(equal_height=True):
                    box = gr.Textbox(show_label=False, placeholder="Votre question, puis Entrée", scale=8,
                                     elem_id="reg-question", max_lines=3, autofocus=True)
                    ask_button = gr.Button("Demander", variant="primary", scale=1, min_width=110)
                    clear = gr.Button("Effacer", scale=0, min_width=90)
                gr.Examples([[q] for q in EXAMPLES], inputs=[box], label="Exemples")
            with gr.Tab("Recherche"):
                with gr.Row(equal_height=True):
                    query = gr.Textbox(show_label=False, placeholder="Mots, nom, numéro de délibération…",
                                       scale=6, elem_id="reg-query")
                    search_button = gr.Button("Rechercher", variant="primary", scale=1, min_width=120)
                with gr.Accordion("Filtres", open=True):
                    with gr.Row():
                        year = gr.Dropdown([""], label="Année", allow_custom_value=True, min_width=100,
                                           elem_id="reg-year")
                        date_from = gr.DateTime(label="Du", include_time=False, type="string", min_width=140)
                        date_to = gr.DateTime(label="Au", include_time=False, type="string", min_width=140)
                        instance = gr.Dropdown([""], label="Instance", allow_custom_value=True, min_width=160)
                        collectivite = gr.Dropdown([""], label="Collectivité", allow_custom_value=True,
                                                   min_width=160)
                    with gr.Row():
                        beneficiary = gr.Textbox(label="Bénéficiaire", placeholder="ex. Weeejob", scale=2)
                        low = gr.Textbox(label="Montant accordé min. (€)", placeholder="ex. 5 000", scale=1)
                        high = gr.Textbox(label="Montant accordé max. (€)", placeholder="ex. 50 000", scale=1)
                status = gr.HTML("", elem_id="reg-status")
                ids = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        results = gr.Dataframe(value=_frame([], RESULT_COLUMNS), interactive=False, wrap=True,
                                               max_height=360, elem_id="reg-results",
                                               column_widths=["14%", "12%", "40%", "16%", "11%", "7%"])
                        export = gr.DownloadButton("Exporter en CSV", interactive=False, size="sm",
                                                   elem_id="reg-export")
                    with gr.Column(scale=2):
                        plot = gr.Plot(label="Montants accordés par année", show_label=False, format="png")
                search_view = gr.HTML("", elem_id="reg-search-view")
            with gr.Tab("Documents"):
                summary = gr.Markdown("")
                refresh = gr.Button("Actualiser", size="sm")
                delib_ids = gr.State([])
                with gr.Row():
                    docs_table = gr.Dataframe(value=_frame([], DOC_COLUMNS), interactive=False, max_height=320,
                                              label="Documents", scale=2, wrap=True)
                    delibs_table = gr.Dataframe(value=_frame([], DELIB_COLUMNS), interactive=False, wrap=True,
                                                max_height=320, label="Délibérations (cliquez pour ouvrir)",
                                                scale=5, elem_id="reg-delibs")
                doc_view = gr.HTML("", elem_id="reg-doc-view")
            with gr.Tab("Ajouter"):
                gr.Markdown(f"Ajoutez des registres **PDF**, **TXT** ou **MD** (au plus "
                            f"{max_file_bytes() // 2**20} Mo par fichier). Ils sont lus, découpés en délibérations "
                            "et indexés ; ils sont cherchables dès la fin de l'ajout. Un fichier de même nom "
                            "remplace la version précédente.")
                uploads = gr.File(label="Fichiers", file_count="multiple", file_types=list(SUPPORTED),
                                  type="filepath", elem_id="reg-upload", height=140)
                add = gr.Button("Ajouter à l'index", variant="primary", elem_id="reg-add")
                ingest_result = gr.HTML("", elem_id="reg-ingest-result")

        choice_outputs = [year, instance, collectivite]
        docs_outputs = [summary, docs_table, delibs_table, delib_ids]
        for trigger in (box.submit, ask_button.click):
            trigger(ui.user_turn, [box, history], [box, chat, history, pending], queue=False, **private).then(
                ui.bot_turn, [history, pending, previous], [chat, history, previous], **private)
        clear.click(lambda: ([], [], None), None, [chat, history, previous], queue=False, **private)
        search_inputs = [query, year, date_from, date_to, instance, collectivite, beneficiary, low, high]
        search_outputs = [results, ids, export, plot, status, search_view]
        for trigger in (query.submit, search_button.click, beneficiary.submit):
            trigger(ui.search_tab, search_inputs, search_outputs, **private)
        results.select(ui.open_row, [ids], [search_view], **private)
        delibs_table.select(ui.open_row, [delib_ids], [doc_view], **private)
        refresh.click(ui.documents_tab, None, docs_outputs, **private)
        add.click(ui.ingest, [uploads], [ingest_result, header, *docs_outputs, *choice_outputs],
                  concurrency_limit=1, concurrency_id="ingest", **private)
        blocks.load(ui.documents_tab, None, docs_outputs, **private).then(ui.choices, None, choice_outputs,
                                                                         **private)
        blocks.load(ui.header, None, header, **private)
        gr.api(ui.api_ask, api_name="ask")
        gr.api(ui.api_search, api_name="search")
    blocks.queue(default_concurrency_limit=4)
    return blocks
