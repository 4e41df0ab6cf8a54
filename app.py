"""The Gradio app: chat, search, documents and upload over one index, and its web server.

In: an `Engine`. Out: `build_app(engine)`, a gr.Blocks with four tabs and the named API
endpoints `ask` and `search` (the `ask --json` and `search --json` shapes), and
`serve(engine, host, port, auth)`, which also serves each deliberation's text view at
/document/{id} and, for uploaded files, the file itself at /document/{id}/source.
Handlers live in app_ui, HTML in app_html, routes and login rules in app_server.
"""
import os
import re
import sys

import gradio as gr

from registre.app_ui import DELIB_COLUMNS, DOC_COLUMNS, RESULT_COLUMNS, Ui, frame
from registre.ingest.read import SUPPORTED, max_file_bytes

EXAMPLES = [
    "combien pour Weeejob en 2022",
    "qui présidait le bureau du 14 avril 2022",
    "et en 2023 ?",
    "quelle association met en oeuvre l'action Weeejob ?",
    "combien de présents à la séance du 6 octobre 2022 ?",
]

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


def build_app(engine) -> gr.Blocks:
    """The four tabs (Chat, Recherche, Documents, Ajouter) and the `ask` / `search` endpoints."""
    return _build(Ui(engine, follow_up_question))


def serve(engine, host: str = "127.0.0.1", port: int = 7860, auth: str | tuple[str, str] | None = None) -> None:
    """Serve the app on host:port until interrupted. `auth` is "USER:PASS" or (user, password);
    a host beyond this machine is refused without it."""
    import uvicorn

    from registre.app_server import check_bind, create_server, parse_auth

    credentials = parse_auth(auth) if auth is None or isinstance(auth, str) else tuple(auth)
    check_bind(host, credentials)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    ui = Ui(engine, follow_up_question)
    server = create_server(ui, _build(ui), credentials, host, port)
    with ui.lock:
        engine.search("délibération", k=1)  # loads the model and the vectors before the first visitor
    print(f"registre : http://{host}:{port} (Ctrl+C pour arrêter)", file=sys.stderr, flush=True)
    uvicorn.run(server, host=host, port=port, log_level="warning")


def _build(ui: Ui) -> gr.Blocks:
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
                ids = gr.State([])
                with gr.Row():
                    with gr.Column(scale=1, min_width=260, elem_classes=["reg-filters"]):
                        query = gr.Textbox(label="Recherche", placeholder="mots, nom, numéro…", elem_id="reg-query")
                        search_button = gr.Button("Rechercher", variant="primary", elem_id="reg-search-button")
                        year = gr.Dropdown([""], label="Année", allow_custom_value=True, elem_id="reg-year")
                        date_from = gr.DateTime(label="Du (date de séance)", include_time=False, type="string")
                        date_to = gr.DateTime(label="Au", include_time=False, type="string")
                        instance = gr.Dropdown([""], label="Instance", allow_custom_value=True)
                        collectivite = gr.Dropdown([""], label="Collectivité", allow_custom_value=True)
                        beneficiary = gr.Textbox(label="Bénéficiaire", placeholder="ex. Weeejob")
                        with gr.Row():
                            low = gr.Textbox(label="Montant min.", placeholder="5 000 €", min_width=100)
                            high = gr.Textbox(label="Montant max.", placeholder="50 000 €", min_width=100)
                    with gr.Column(scale=4):
                        with gr.Row(equal_height=True):
                            status = gr.HTML('<p class="reg-status">Tapez une recherche ou choisissez des filtres.</p>',
                                             elem_id="reg-status")
                            export = gr.DownloadButton("Exporter en CSV", interactive=False, size="sm", scale=0,
                                                       min_width=150, elem_id="reg-export")
                        results = gr.Dataframe(value=frame([], RESULT_COLUMNS), interactive=False, wrap=True,
                                               max_height=300, elem_id="reg-results", elem_classes=["reg-table"],
                                               column_widths=["13%", "11%", "42%", "15%", "11%", "8%"])
                        plot = gr.Plot(show_label=False, format="png", elem_id="reg-plot")
                        search_view = gr.HTML("", elem_id="reg-search-view")
            with gr.Tab("Documents"):
                with gr.Row(equal_height=True):
                    summary = gr.Markdown("", elem_id="reg-doc-summary")
                    refresh = gr.Button("Actualiser", size="sm", scale=0, min_width=110)
                delib_ids = gr.State([])
                with gr.Row():
                    docs_table = gr.Dataframe(value=frame([], DOC_COLUMNS), interactive=False, max_height=300,
                                              label="Documents", scale=2, wrap=True, elem_classes=["reg-table"],
                                              column_widths=["66%", "17%", "17%"])
                    delibs_table = gr.Dataframe(value=frame([], DELIB_COLUMNS), interactive=False, wrap=True,
                                                max_height=300, label="Délibérations (cliquez pour ouvrir)",
                                                scale=5, elem_id="reg-delibs", elem_classes=["reg-table"],
                                                column_widths=["13%", "11%", "15%", "36%", "11%", "14%"])
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
        add.click(ui.ingest, [uploads], [ingest_result, uploads, header, *docs_outputs, *choice_outputs],
                  concurrency_limit=1, concurrency_id="ingest", **private)
        blocks.load(ui.documents_tab, None, docs_outputs, **private).then(ui.choices, None, choice_outputs,
                                                                         **private)
        blocks.load(ui.header, None, header, **private)
        gr.api(ui.api_ask, api_name="ask")
        gr.api(ui.api_search, api_name="search")
    # No bound on waiting requests (max_size=None): under load they wait their turn, none is
    # refused. Four workers per event: the index is read one call at a time (one SQLite
    # connection, behind the store's lock), so more workers would only wait on that lock.
    blocks.queue(default_concurrency_limit=4, max_size=None)
    return blocks
