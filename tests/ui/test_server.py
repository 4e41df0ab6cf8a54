"""The server in-process (FastAPI TestClient): uploads land in INDEX/documents/ and are
served back from there only, and the document routes sit behind the app's login."""
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from registre.engine import Engine
from registre.index.embedder import HashEmbedder
from registre.ui.followup import follow_up_question
from registre.ui.handlers import Ui
from registre.ui.server import create_server

REGISTER = """EXTRAIT DU REGISTRE DES DELIBERATIONS
SEANCE DU CONSEIL MUNICIPAL DU 12 MARS 2024
DELIBERATION N° 2024-031
SUBVENTION A L'ASSOCIATION LES AMIS DU LIVRE
Le Conseil municipal, après en avoir délibéré,
DECIDE d'attribuer une subvention de 3 500 € à l'association Les Amis du Livre.
Adopté à l'unanimité.
"""


def no_progress(*args, **kwargs):
    pass


@pytest.fixture
def ui(tmp_path):
    return Ui(Engine.open(tmp_path / "index", embedder=HashEmbedder(64)), follow_up_question)


def upload(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "gradio-upload"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(content)
    return folder / name


def test_an_upload_is_copied_into_the_documents_folder_and_ingested(ui, tmp_path):
    files = [upload(tmp_path, ".cm\x1b-2024.TXT", REGISTER.encode()), upload(tmp_path, "notes.docx", b"PK\x03\x04"),
             upload(tmp_path, "vide.pdf", b"")]
    table, *_ = ui.ingest(files, progress=no_progress)
    assert sorted(p.name for p in ui.documents.iterdir()) == ["cm-2024.txt"]
    assert "ajouté" in table and "1 délibération(s)" in table
    assert "notes.docx" in table and "format non pris en charge" in table
    assert "vide.pdf" in table and "fichier vide" in table
    assert [r.deliberation for r in ui.engine.search("amis du livre", k=3)] == ["2024-031"]


def test_the_same_file_twice_is_skipped_and_a_new_version_replaces_it(ui, tmp_path):
    ui.ingest([upload(tmp_path, "cm.txt", REGISTER.encode())], progress=no_progress)
    table, *_ = ui.ingest([upload(tmp_path, "cm.txt", REGISTER.encode())], progress=no_progress)
    assert "ignoré" in table and "déjà indexé" in table
    table, *_ = ui.ingest([upload(tmp_path, "cm.txt", REGISTER.replace("3 500", "4 000").encode())],
                          progress=no_progress)
    assert "remplace la version précédente" in table
    assert [p.name for p in ui.documents.iterdir()] == ["cm.txt"]
    assert ui.engine.ask("combien pour les Amis du Livre ?").total == 4000


def test_a_bad_new_version_keeps_the_old_one(ui, tmp_path):
    ui.ingest([upload(tmp_path, "cm.pdf", b"%PDF-1.4\n")], progress=no_progress)
    assert list(ui.documents.iterdir()) == []  # a file that failed is not kept
    ui.ingest([upload(tmp_path, "cm.txt", REGISTER.encode())], progress=no_progress)
    table, *_ = ui.ingest([upload(tmp_path, "cm.txt", b"\x00\x01\x02\x03" * 500)], progress=no_progress)
    assert "échec" in table
    assert (ui.documents / "cm.txt").read_text() == REGISTER


@pytest.fixture
def served(ui, tmp_path):
    """(client, id of the uploaded deliberation) for a server whose login is agent:secret."""
    ui.ingest([upload(tmp_path, "cm-2024.txt", REGISTER.encode())], progress=no_progress)
    from registre.ui.layout import build_blocks

    app = create_server(ui, build_blocks(ui), ("agent", "secret"))
    with TestClient(app) as client:
        yield client, ui.engine.find(number="2024-031")[0]


def test_document_routes_need_the_login(served):
    client, delib_id = served
    assert client.get(f"/document/{delib_id}").status_code == 401
    assert client.get(f"/document/{delib_id}/source").status_code == 401
    assert client.post("/login", data={"username": "agent", "password": "faux"}).status_code == 400
    assert client.post("/login", data={"username": "agent", "password": "secret"}).status_code == 200
    page = client.get(f"/document/{delib_id}?q=subvention de 3 500")
    assert page.status_code == 200 and "<mark>subvention de 3 500</mark>" in page.text
    source = client.get(f"/document/{delib_id}/source")
    assert source.status_code == 200 and source.text == REGISTER
    assert source.headers["content-type"].startswith("text/plain")
    assert client.get("/document/..%2Fregistre.db/source").status_code == 404
