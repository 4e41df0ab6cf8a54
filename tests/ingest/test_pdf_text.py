"""The PDFium text path gives the pages pdfplumber gives, and reports page progress."""
import io

import pdfplumber
import pytest
from reportlab.pdfgen import canvas

from registre.bench.pdf_corpus import build_register
from registre.ingest import parse_document, read_file
from registre.ingest.pdf import _page_text, read_pdf_pages

STEMS = ("000", "001", "002", "003", "004")


def plumber_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_page_text(page) for page in pdf.pages]


@pytest.mark.parametrize("stem", STEMS)
def test_sample_pages_are_those_of_pdfplumber(sample_file, stem):
    data = sample_file(stem, "pdf").read_bytes()
    pages, warnings = read_pdf_pages(data, "s.pdf")
    assert [page.text for page in pages] == plumber_pages(data)
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    assert warnings == []


def test_lines_read_top_to_bottom_and_side_by_side_pieces_joined():
    buf = io.BytesIO()
    page = canvas.Canvas(buf, invariant=1)
    # Drawn out of order, each piece its own text object: the bottom line first, then the
    # two halves of a signature line, right half first.
    page.drawString(72, 600, "Adopté à l'unanimité.")
    page.drawString(320, 700, "Le Secrétaire de séance")
    page.drawString(72, 700, "Le Président,")
    page.drawString(72, 760, "DELIBERATION N° 2024-017")
    page.drawString(72, 748, "OBJET : Subvention aux Amis du Parc")
    page.showPage()
    page.save()
    data = buf.getvalue()
    pages, _ = read_pdf_pages(data, "ordre.pdf")
    assert pages[0].text == (
        "DELIBERATION N° 2024-017\nOBJET : Subvention aux Amis du Parc\n\n"
        "Le Président, Le Secrétaire de séance\n\nAdopté à l'unanimité.")
    assert pages[0].text == plumber_pages(data)[0]


def test_register_progress_pages_and_deliberations(tmp_path, samples_dir):
    register = build_register(tmp_path / "registre.pdf", 40, seed=3, samples=samples_dir)
    calls = []
    doc = read_file(register.path, on_page=lambda done, total: calls.append((done, total)))
    assert calls == [(n, register.pages) for n in range(1, register.pages + 1)]
    assert [page.number for page in doc.pages] == list(range(1, register.pages + 1))
    delibs = parse_document(doc)
    assert [(d.number, d.first_page) for d in delibs] == list(register.deliberations)


def test_text_file_reports_its_pages_once(tmp_path):
    path = tmp_path / "seance.txt"
    path.write_text("DELIBERATION N° 2024-017\f\nOBJET : Tarifs\n", encoding="utf-8")
    calls = []
    read_file(path, on_page=lambda done, total: calls.append((done, total)))
    assert calls == [(2, 2)]


def test_a_zero_page_pdf_read_after_an_encrypted_one_is_not_called_encrypted(samples_dir):
    """PDFium keeps its last error per thread: a worker that read an encrypted file must not
    give that reason to the next file it cannot open."""
    from badfiles import _encrypted_pdf, _zero_pages_pdf

    from registre.errors import UnreadableFile

    reasons = []
    for data in (_encrypted_pdf(next((samples_dir / "pdf").glob("*.pdf"))), _zero_pages_pdf()):
        with pytest.raises(UnreadableFile) as error:
            read_pdf_pages(data, "x.pdf")
        reasons.append(str(error.value))
    assert "mot de passe" in reasons[0] and "aucune page" in reasons[1]
