"""The page of the app: five tabs (Chat, Recherche, Bénéficiaires, Documents, Ajouter) wired to
the handlers, and the `ask` / `search` API endpoints.

In: a `Ui` (handlers over one engine). Out: a gr.Blocks.
"""
import gradio as gr

from registre.index.nomenclature import table
from registre.ingest.read import SUPPORTED
from registre.ui.beneficiaries import TABLE_COLUMNS
from registre.ui.handlers import DELIB_COLUMNS, DOC_COLUMNS, RESULT_COLUMNS, Ui, frame

MATIERES = [f"{m.code} {m.label}" for m in table().values()]
EXAMPLES = [
    "combien pour Weeejob en 2022",
    "qui présidait le bureau du 14 avril 2022",
    "et en 2023 ?",
    "quelle association met en oeuvre l'action Weeejob ?",
    "combien de présents à la séance du 6 octobre 2022 ?",
]


def build_blocks(ui: Ui) -> gr.Blocks:
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
                        matiere = gr.Dropdown([""] + MATIERES, label="Matière ACTES", allow_custom_value=True,
                                              elem_id="reg-matiere")
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
            with gr.Tab("Bénéficiaires"):
                with gr.Row():
                    with gr.Column(scale=1, min_width=260, elem_classes=["reg-filters"]):
                        who = gr.Textbox(label="Bénéficiaire", placeholder="ex. Numérikéo (vide : tous)",
                                         elem_id="reg-who")
                        who_collectivite = gr.Dropdown([""], label="Collectivité", allow_custom_value=True)
                        who_year = gr.Dropdown([""], label="Année de subvention", allow_custom_value=True)
                        who_button = gr.Button("Afficher", variant="primary", elem_id="reg-who-button")
                    with gr.Column(scale=4):
                        with gr.Row(equal_height=True):
                            who_status = gr.HTML('<p class="reg-status">Toutes les décisions de subvention, par '
                                                 'bénéficiaire et par année, avenants et annulations compris.</p>',
                                                 elem_id="reg-who-status")
                            who_export = gr.DownloadButton("Exporter en CSV", interactive=False, size="sm", scale=0,
                                                           min_width=150, elem_id="reg-who-export")
                        who_table = gr.Dataframe(value=frame([], TABLE_COLUMNS), interactive=False, wrap=True,
                                                 max_height=360, elem_id="reg-who-table", elem_classes=["reg-table"])
                        who_plot = gr.Plot(show_label=False, format="png", elem_id="reg-who-plot")
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
                            f"{ui.max_file_bytes // 2**20} Mo par fichier). Ils sont lus, découpés en délibérations "
                            "et indexés ; ils sont cherchables dès la fin de l'ajout. Un fichier de même nom "
                            "remplace la version précédente.")
                uploads = gr.File(label="Fichiers", file_count="multiple", file_types=list(SUPPORTED),
                                  type="filepath", elem_id="reg-upload", height=140)
                add = gr.Button("Ajouter à l'index", variant="primary", elem_id="reg-add")
                ingest_result = gr.HTML("", elem_id="reg-ingest-result")

        choice_outputs = [year, instance, collectivite, who_collectivite, who_year]
        docs_outputs = [summary, docs_table, delibs_table, delib_ids]
        for trigger in (box.submit, ask_button.click):
            trigger(ui.user_turn, [box, history], [box, chat, history, pending], queue=False, **private).then(
                ui.bot_turn, [history, pending, previous], [chat, history, previous], **private)
        clear.click(lambda: ([], [], None), None, [chat, history, previous], queue=False, **private)
        search_inputs = [query, year, date_from, date_to, instance, collectivite, beneficiary, low, high, matiere]
        search_outputs = [results, ids, export, plot, status, search_view]
        for trigger in (query.submit, search_button.click, beneficiary.submit):
            trigger(ui.search_tab, search_inputs, search_outputs, **private)
        results.select(ui.open_row, [ids], [search_view], **private)
        for trigger in (who.submit, who_button.click):
            trigger(ui.beneficiaries_tab, [who, who_collectivite, who_year], [who_table, who_plot, who_export,
                                                                             who_status], **private)
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
