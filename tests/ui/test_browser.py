"""The app in a real browser (Debian's chromium through Playwright) against `registre serve`:
chat with sources, follow-up, search with a filter and its CSV, upload then search.
Screenshots go to tests/output/."""
import csv
import io
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect, sync_playwright = playwright_api.expect, playwright_api.sync_playwright
OUTPUT = Path(__file__).resolve().parents[1] / "output"  # gitignored
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
QUESTION = "Votre question, puis Entrée"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium absent : apt-get install -y chromium")


@pytest.fixture(scope="module")
def browser():

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    page.goto(server + "/")
    page.get_by_placeholder(QUESTION).wait_for()
    yield page
    context.close()
    assert outside == []  # offline: no font CDN, no analytics


def shot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / name))


def ask(page, question: str, shown: str) -> None:
    page.get_by_placeholder(QUESTION).fill(question)
    page.keyboard.press("Enter")
    expect(page.locator("#reg-chat")).to_contain_text(shown, timeout=90_000)
    page.wait_for_timeout(300)


def search(page, query: str, shown: str, year: str | None = None) -> None:
    page.get_by_role("tab", name="Recherche").click()
    page.locator("#reg-query textarea").fill(query)
    if year:
        box = page.locator("#reg-year input")
        box.click()
        box.fill(year)
        page.keyboard.press("Enter")
    page.locator("#reg-search-button").click()
    expect(page.locator("#reg-results")).to_contain_text(shown, timeout=60_000)
    page.wait_for_timeout(300)


def open_row(page, cell: str) -> None:
    page.locator("#reg-results").get_by_text(cell).filter(visible=True).first.click()
    expect(page.locator("#reg-search-view")).to_contain_text("Total accordé")


def test_chat_answers_weeejob_with_sources_then_a_follow_up(page, server):
    ask(page, "combien pour Weeejob en 2022", "2022.00452")
    chat = page.locator("#reg-chat").inner_text()
    for expected in ("22 000", "2022.00159", "2022.00452", "14 avril 2022"):
        assert expected in chat
    assert chat.index("22 000") < chat.lower().index("sources")  # the answer first, then its sources
    assert page.locator("#reg-chat mark", has_text="11 000 €").count() == 2
    link = page.locator("#reg-chat a", has_text="Ouvrir le texte").first.get_attribute("href")
    assert link.startswith("/document/") and link.endswith("#page-1")
    shot(page, "chat.png")

    ask(page, "et en 2023 ?", "Pistes")
    last = page.locator("#reg-chat .reg-answer").last.inner_text()
    assert "combien pour Weeejob en 2023" in last  # the question understood
    assert "22 000" not in last and "Piste 1" in last
    shot(page, "chat-follow-up.png")

    document = page.context.new_page()
    document.goto(server + link)
    assert document.locator("mark").first.inner_text().startswith("valide le financement de l'action Weeejob")
    shot(document, "document.png")


def test_search_with_a_year_filter_exports_its_csv(page):
    search(page, "emploi", "2022.00159", year="2022")
    table = page.locator("#reg-results").inner_text()
    assert "2022.00452" in table and "11 000 €" in table and "2019.00081" not in table
    shot(page, "search.png")
    with page.expect_download() as download:
        page.locator("#reg-export").click()
    assert download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert {r["numero"] for r in rows} == {"2022.00159", "2022.00452"}
    assert all(r["date"].startswith("2022-") for r in rows)
    assert {r["montant_accorde"] for r in rows} == {"11000.00"}

    open_row(page, "2022.00159")
    view = page.locator("#reg-search-view")
    assert "Gaël PERDRIAU" in view.inner_text() and "Weeejob" in view.inner_text()
    view.scroll_into_view_if_needed()
    shot(page, "search-view.png")


def test_documents_tab_lists_documents_and_opens_a_deliberation(page):
    page.get_by_role("tab", name="Documents").click()
    delibs = page.locator("#reg-delibs")
    expect(delibs).to_contain_text("CP-2021-0668")
    assert "délibération(s)" in page.locator("#reg-doc-summary").inner_text()
    delibs.get_by_text("2019.00081").filter(visible=True).first.click()
    view = page.locator("#reg-doc-view")
    expect(view).to_contain_text("Total accordé")
    assert "PROGRAMMATION 2019 DU CONTRAT DE VILLE" in view.inner_text()
    assert view.locator("details").count() >= 3  # its sections
    shot(page, "documents.png")


def test_an_uploaded_pdf_is_searchable_at_once(page, tmp_path, make_pdf):
    pdf = make_pdf(tmp_path / "cm-2024-03.pdf", [
        "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL", "COMMUNE DE VILLEBOIS", "",
        "SEANCE DU CONSEIL MUNICIPAL DU 12 MARS 2024", "", "DELIBERATION N° 2024-031", "",
        "SUBVENTION A L'ASSOCIATION LES AMIS DU LIVRE", "",
        "Le Conseil municipal, après en avoir délibéré,",
        "DECIDE d'attribuer une subvention de 3 500 € à l'association Les Amis du Livre pour l'année 2024.", "",
        "Adopté à l'unanimité.",
    ])
    broken = tmp_path / "casse.pdf"
    broken.write_bytes(b"%PDF-1.4 tronque")
    hostile = tmp_path / "pixel.txt"
    hostile.write_text("SEANCE DU CONSEIL MUNICIPAL DU 5 FEVRIER 2024\n\nDELIBERATION N° 2024-007\n\n"
                       "SUBVENTION <img src=x onerror=\"window.__xss=1\"> ASSOCIATION PIXEL <script>window.__xss=2</script>\n\n"
                       "Le Conseil municipal, après en avoir délibéré,\n"
                       "DECIDE d'attribuer une subvention de 1 200 € à l'association Pixel.\n", encoding="utf-8")

    page.get_by_role("tab", name="Ajouter").click()
    page.locator("#reg-upload input[type=file]").set_input_files([str(pdf), str(broken), str(hostile)])
    expect(page.locator("#reg-upload a[href$='/pixel.txt']")).to_have_count(1)  # uploaded
    page.locator("#reg-add").click()
    result = page.locator("#reg-ingest-result")
    expect(result.locator("table.reg-ingest")).to_be_visible(timeout=120_000)  # shown when all are read
    text = result.locator("table.reg-ingest").inner_text()
    assert "cm-2024-03.pdf\tajouté\t1 délibération(s)" in text
    assert "casse.pdf\téchec\tFichier illisible : casse.pdf" in text
    assert "pixel.txt\tajouté" in text
    shot(page, "upload.png")

    search(page, "Amis du Livre", "2024-031")
    assert "3 500 €" in page.locator("#reg-results").inner_text()
    shot(page, "search-upload.png")

    search(page, "association Pixel", "2024-007")
    open_row(page, "2024-007")
    view = page.locator("#reg-search-view")
    assert '<img src=x onerror="window.__xss=1">' in view.inner_text()  # shown as characters
    assert "<script>window.__xss=2</script>" in page.locator("#reg-results").inner_text()
    assert page.evaluate("window.__xss") is None
