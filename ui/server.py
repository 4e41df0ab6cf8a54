"""The web server around the Gradio app: who may connect, and the document routes.

In: the app's handlers (`Ui`, over one engine), the built gr.Blocks, credentials. Out: a FastAPI application serving the
app at / and, behind the same login, /document/{id} (a deliberation's text, page by page)
and /document/{id}/source (the uploaded file it comes from). Nothing outside the index's
documents folder is ever served: any other request there is a 404.
"""
import ipaddress
import re
from typing import Any

from registre.errors import RegistreError

SYSTEM_FONTS = ("Segoe UI", "Roboto", "Helvetica Neue", "Liberation Sans", "Arial", "system-ui", "sans-serif")  # no font CDN
LOCAL_HOSTS = {"localhost", "localhost.localdomain"}
_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy":
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'self'"}


def is_local(host: str) -> bool:
    if host.lower() in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth: tuple[str, str] | None) -> None:
    """Refuse to listen beyond this machine without a login."""
    if not is_local(host) and auth is None:
        raise RegistreError(f"Refus d'écouter sur {host} sans authentification : ajoutez --auth "
                            "UTILISATEUR:MOT_DE_PASSE (ou REGISTRE_AUTH), ou gardez --host 127.0.0.1")


def create_server(ui, blocks, auth: tuple[str, str] | None, host: str = "127.0.0.1", port: int = 7860):
    """The FastAPI app: document routes first, then the Gradio app (`blocks`) mounted at /."""
    import fastapi
    import gradio as gr
    from fastapi.responses import FileResponse, HTMLResponse

    from registre.ui.render import app_css, document_page

    app = fastapi.FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    mounted: dict[str, Any] = {}

    def allowed(request: fastapi.Request) -> bool:
        gradio_app = mounted.get("app")
        if auth is None:
            return True
        if gradio_app is None:
            return False
        cookie = gradio_app.cookie_id
        token = request.cookies.get(f"access-token-{cookie}") or request.cookies.get(f"access-token-unsecure-{cookie}")
        return gradio_app.tokens.get(token) is not None

    @app.get("/document/{ref}", response_class=HTMLResponse)
    def text_view(request: fastapi.Request, ref: str, q: str | None = None):
        delib_id = _checked_id(request, ref, allowed)
        with ui.lock:
            delib = _load(ui, delib_id)
            source = f"/document/{delib_id}/source" if ui.source_path(delib) else None
        return HTMLResponse(document_page(delib, q, source), headers=_HEADERS)

    @app.get("/document/{ref}/source")
    def source_file(request: fastapi.Request, ref: str):
        delib_id = _checked_id(request, ref, allowed)
        with ui.lock:
            path = ui.source_path(_load(ui, delib_id))
        folder = ui.documents.resolve()
        if path is None or not path.resolve().is_relative_to(folder) or not path.resolve().is_file():
            raise fastapi.HTTPException(404)
        media = "application/pdf" if path.suffix == ".pdf" else "text/plain; charset=utf-8"  # never HTML
        return FileResponse(path.resolve(), media_type=media, headers={"X-Content-Type-Options": "nosniff"},
                            content_disposition_type="inline", filename=path.name)

    theme = gr.themes.Default(primary_hue="blue", neutral_hue="slate", font=list(SYSTEM_FONTS),
                              font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"])
    gr.mount_gradio_app(app, blocks, path="/", auth=auth, max_file_size=ui.max_file_bytes, css=app_css(), theme=theme,
                        ssr_mode=False, footer_links=["api"], show_error=True, server_name=host, server_port=port,
                        auth_message="registre : identifiez-vous.")
    mounted["app"] = app.routes[-1].app  # the Gradio App: its login tokens guard the routes above
    return app


def _checked_id(request, ref: str, allowed) -> int:
    from fastapi import HTTPException

    if not allowed(request):
        raise HTTPException(401, "Connectez-vous d'abord sur la page d'accueil.")
    if not re.fullmatch(r"[0-9]{1,12}", ref):
        raise HTTPException(404)
    return int(ref)


def _load(ui, delib_id: int):
    from fastapi import HTTPException

    if not ui.engine.has_deliberation(delib_id):
        raise HTTPException(404)
    return ui.engine.deliberation(delib_id)
