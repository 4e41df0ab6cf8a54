"""The web app: builds the Gradio app over one index and serves it.

In: an `Engine`. Out: `build_app(engine)`, a gr.Blocks with four tabs and the named API
endpoints `ask` and `search` (the `ask --json` and `search --json` shapes), and
`serve(engine, host, port, auth)`, which also serves each deliberation's text view at
/document/{id} and, for uploaded files, the file itself at /document/{id}/source.
What the app shows and does lives in ui/: handlers.py (what each tab does), layout.py (the
tabs), render.py and templates/ (HTML), plot.py, followup.py (the chat's "et en 2023 ?"),
server.py (who may connect, the /document routes), static/app.css.
"""
import os
import sys

import gradio as gr

from registre.ui.followup import follow_up_question
from registre.ui.handlers import Ui
from registre.ui.layout import build_blocks

__all__ = ["build_app", "follow_up_question", "serve"]


def build_app(engine) -> gr.Blocks:
    """The four tabs (Chat, Recherche, Documents, Ajouter) and the `ask` / `search` endpoints."""
    return build_blocks(Ui(engine, follow_up_question))


def serve(engine, host: str = "127.0.0.1", port: int = 7860, auth: str | tuple[str, str] | None = None) -> None:
    """Serve the app on host:port until interrupted. `auth` is "USER:PASS" or (user, password);
    a host beyond this machine is refused without it."""
    import uvicorn

    from registre.settings import Settings
    from registre.ui.server import check_bind, create_server

    credentials = Settings().with_values({"auth": auth}).auth if isinstance(auth, str) else auth
    check_bind(host, credentials)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # a default for Gradio, set at the edge
    ui = Ui(engine, follow_up_question)
    server = create_server(ui, build_blocks(ui), credentials, host, port)
    with ui.lock:
        engine.search("délibération", k=1)  # loads the model and the vectors before the first visitor
    print(f"registre : http://{host}:{port} (Ctrl+C pour arrêter)", file=sys.stderr, flush=True)
    uvicorn.run(server, host=host, port=port, log_level="warning")
