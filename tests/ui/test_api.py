"""The served app from outside: gradio_client on the named endpoints, the document routes,
the login rules."""
import http.client
from urllib.parse import urlsplit

import pytest

CITATION_KEYS = {"deliberation", "date", "title", "instance", "collectivite", "source", "page", "quote"}
RESULT_KEYS = {"deliberation", "date", "title", "instance", "collectivite", "source", "page", "score", "snippet"}


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server + "/", verbose=False)


def get(base: str, path: str) -> tuple[int, str, str]:
    """A GET sent with the path exactly as written (no client-side normalisation)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.getheader("content-type") or "", response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_ask_endpoint_returns_the_ask_json_object(client):
    out = client.predict("combien pour Weeejob en 2022", api_name="/ask")
    assert out["question"] == "combien pour Weeejob en 2022"
    assert out["abstained"] is False
    assert "22 000 €" in out["answer"]
    assert out["total"] == {"value": 22000.0, "currency": "EUR"}
    assert {c["deliberation"] for c in out["citations"]} == {"2022.00159", "2022.00452"}
    for citation in out["citations"]:
        assert CITATION_KEYS <= set(citation)
        assert citation["amount"] == {"value": 11000.0, "currency": "EUR"}
        assert citation["date"] in ("2022-04-14", "2022-10-06")


def test_ask_endpoint_abstains_with_leads(client):
    out = client.predict("combien pour Weeejob en 2023", api_name="/ask")
    assert out["abstained"] is True
    assert out["citations"] == []
    assert {lead["deliberation"] for lead in out["leads"]} >= {"2022.00159", "2022.00452"}


def test_search_endpoint_returns_the_search_json_object(client):
    out = client.predict(query="weeejob", k=5, year=2022, api_name="/search")
    assert out["query"] == "weeejob"
    assert {r["deliberation"] for r in out["results"]} == {"2022.00159", "2022.00452"}
    for result in out["results"]:
        assert set(result) == RESULT_KEYS
        assert result["date"].startswith("2022-")
    assert client.predict(query="weeejob", year=2021, api_name="/search") == {"query": "weeejob", "results": []}


def test_document_route_serves_a_deliberation_as_escaped_text(server):
    status, kind, body = get(server, "/document/1")
    assert status == 200 and kind.startswith("text/html")
    assert 'id="page-1"' in body and "DELIBERATION" in body.upper()


@pytest.mark.parametrize("path", [
    "/document/../../../../etc/passwd",
    "/document/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/document/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/document/1/../../../../etc/passwd",
    "/document/1%2F..%2F..%2Fetc%2Fpasswd/source",
    "/document/..%5C..%5Cregistre.db/source",
    "/document/-1",
    "/document/999999",
    "/document/1/source",  # a sample read from samples/, not an uploaded document
])
def test_document_route_never_leaves_the_documents_folder(server, path):
    status, _, body = get(server, path)
    assert status == 404
    assert "root:" not in body and "SQLite format" not in body


def test_gradio_does_not_serve_the_index_files(server, app_index):
    for name in ("registre.db", "vectors.faiss"):
        status, _, body = get(server, f"/gradio_api/file={app_index / name}")
        assert status in (403, 404) and "SQLite format" not in body


def test_a_non_local_host_without_login_is_refused(serve_command, tmp_path):
    code, stderr = serve_command("--host", "0.0.0.0", "--index", str(tmp_path / "index"))
    assert code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "sans authentification" in lines[0] and "--auth" in lines[0]
    assert not (tmp_path / "index").exists()


def test_a_malformed_login_is_refused(serve_command, tmp_path):
    code, stderr = serve_command("--host", "0.0.0.0", "--index", str(tmp_path / "index"),
                                 REGISTRE_AUTH="sans-deux-points")
    assert code != 0 and "UTILISATEUR:MOT_DE_PASSE" in stderr and "Traceback" not in stderr
