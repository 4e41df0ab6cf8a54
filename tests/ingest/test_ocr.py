"""Scanned registers read by OCR give the records of their text PDFs.

The five sample PDFs are scanned (tests/scans.py: 200 dpi, turned, speckled) and read at
REGISTRE_OCR_DPI=200 to keep the suite short (about 3 s a page on two cores).
"""
import io
import json
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter
from scans import scan_pdf

from registre.index.codec import load_deliberation, record_json
from registre.ingest import ReadLimits, parse_document, read_file
from registre.ingest.ocr import MISSING, needs_ocr, ocr_missing, repair_amounts, usable_text

STEMS = ("000", "001", "002", "003", "004")
OCR_DPI = "200"
_TESSERACT = pytest.mark.skipif(ocr_missing() is not None, reason="tesseract-ocr-fra absent")


def needs_tesseract(test):
    """OCR tests: skipped without Tesseract, and slow (about 3 s a page)."""
    return pytest.mark.slow(_TESSERACT(test))


@pytest.fixture(scope="session")
def scans(tmp_path_factory, sample_file) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scans")
    return {stem: scan_pdf(sample_file(stem, "pdf"), folder / sample_file(stem, "pdf").name, seed=int(stem))
            for stem in STEMS}


@pytest.fixture(scope="session")
def read_scan():
    """read_scan(path) -> (Document, deliberations), OCR at OCR_DPI, read once per path."""
    cache = {}

    def load(path: Path):
        if path not in cache:
            doc = read_file(path, limits=ReadLimits(ocr_dpi=int(OCR_DPI)))
            cache[path] = (doc, parse_document(doc))
        return cache[path]

    return load


@pytest.fixture(scope="session")
def mixed_pdf(scans, sample_file, tmp_path_factory) -> Path:
    """Sample 001 with its page 1 as printed (text layer) and its page 2 scanned."""
    writer = PdfWriter()
    writer.add_page(PdfReader(sample_file("001", "pdf")).pages[0])
    writer.add_page(PdfReader(scans["001"]).pages[1])
    path = tmp_path_factory.mktemp("mixed") / "001_mixed.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    return path


def test_scans_have_no_text_layer(scans):
    with pdfplumber.open(scans["000"]) as pdf:
        assert len(pdf.pages) == 4
        assert all(page.extract_text() == "" and len(page.images) == 1 for page in pdf.pages)


@needs_tesseract
@pytest.mark.parametrize("stem", STEMS)
def test_scan_gives_the_records_of_the_text_pdf(scans, read_scan, parsed, stem):
    doc, delibs = read_scan(scans[stem])
    _, expected = parsed(stem, "pdf")
    assert [(d.number, d.date, d.instance) for d in delibs] == \
        [(d.number, d.date, d.instance) for d in expected]
    assert all(80 <= page.ocr_confidence <= 100 for page in doc.pages)
    pages = ", ".join(str(page.number) for page in doc.pages)
    (warning,) = doc.warnings
    assert warning.startswith(f"p. {pages} lue(s) par OCR (confiance moyenne ")


@needs_tesseract
@pytest.mark.parametrize("stem, number", [("000", "2022.00159"), ("001", "2022.00452")])
def test_weeejob_grant_read_from_the_scan(scans, read_scan, stem, number):
    doc, (delib,) = read_scan(scans[stem])
    (grant,) = [a for a in delib.amounts if a.role == "grant"]
    assert (delib.number, grant.value, grant.beneficiary) == (number, Decimal(11000), "Weeejob")
    assert grant.confidence == doc.pages[grant.page - 1].ocr_confidence
    assert grant.confidence >= 80
    assert delib.page_confidences == tuple(page.ocr_confidence for page in doc.pages)


@needs_tesseract
def test_table_amounts_of_a_scanned_annex(scans, read_scan, parsed):
    """Sample 004: 129 amounts, most in ruled tables over ten pages, rebuilt from word
    positions with their columns. OCR misreads a figure now and then (this scan at 200 dpi:
    a "2 000 €" read "2 000 £"; at 300 dpi a "30 000" read "30 600"): 97 % must match."""
    _, (delib,) = read_scan(scans["004"])
    _, (expected,) = parsed("004", "pdf")
    found = Counter((a.value, a.role, a.page) for a in delib.amounts)
    wanted = Counter((a.value, a.role, a.page) for a in expected.amounts)
    assert len(expected.amounts) == 129
    assert 125 <= sum((found & wanted).values()) <= len(delib.amounts) <= 129


@needs_tesseract
def test_mixed_pdf_reads_only_its_scanned_page(mixed_pdf, read_scan, parsed):
    doc, (delib,) = read_scan(mixed_pdf)
    text_doc, (expected,) = parsed("001", "pdf")
    first, second = doc.pages
    assert (first.text, first.ocr_confidence) == (text_doc.pages[0].text, None)
    assert 80 <= second.ocr_confidence <= 100
    assert doc.warnings == (f"p. 2 lue(s) par OCR (confiance moyenne "
                            f"{second.ocr_confidence:.0f}/100)",)
    assert (delib.number, delib.date, delib.page_confidences) == \
        (expected.number, expected.date, (None, second.ocr_confidence))
    assert [(a.value, a.role, a.page, a.confidence) for a in delib.amounts] == \
        [(a.value, a.role, 2, second.ocr_confidence) for a in expected.amounts]


def test_text_pdf_has_no_confidences(parsed):
    doc, (delib,) = parsed("001", "pdf")
    assert {page.ocr_confidence for page in doc.pages} == {None}
    assert delib.page_confidences == ()
    assert {a.confidence for a in delib.amounts} == {None}


@needs_tesseract
def test_page_confidences_survive_the_index_codec(mixed_pdf, read_scan):
    _, (delib,) = read_scan(mixed_pdf)
    row = {"record": record_json(delib), "source": delib.source, "first_page": delib.first_page,
           "number": delib.number, "date": delib.date.isoformat(), "instance": delib.instance,
           "collectivite": delib.collectivite, "title": delib.title, "matiere": delib.matiere}
    sections = [dict(zip(("kind", "start", "end", "page", "text"), (s.kind, s.start, s.end, s.page, s.text)))
                for s in delib.sections]
    loaded = load_deliberation(row, sections, [])
    assert loaded.page_confidences == delib.page_confidences


_WITHOUT_TESSERACT = """
import json, sys
from pathlib import Path
from registre.errors import UnreadableFile
from registre.ingest import read_file
out = {}
try:
    read_file(Path(sys.argv[1]))
except UnreadableFile as error:
    out["scan"] = str(error)
doc = read_file(Path(sys.argv[2]))
out["mixed"] = [doc.warnings, doc.pages[0].text, doc.pages[1].text]
print(json.dumps(out, ensure_ascii=False))
"""


def test_without_tesseract_a_scan_is_refused_and_a_mixed_pdf_keeps_its_text(scans, mixed_pdf, parsed):
    # Tesseract is looked up on PATH: with only Python's own folder there, it is absent.
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run([sys.executable, "-c", _WITHOUT_TESSERACT, str(scans["001"]), str(mixed_pdf)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["scan"] == f"Fichier illisible : 001_40a7a0cda50e6dc9.pdf ({MISSING})"
    text_doc, _ = parsed("001", "pdf")
    assert out["mixed"] == [["p. 2 sans couche texte, non lue(s) (installez tesseract-ocr-fra)"],
                            text_doc.pages[0].text, ""]


@needs_tesseract
def test_ingest_and_ask_over_scans(scans, tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "REGISTRE_OCR_DPI": OCR_DPI,
           "REGISTRE_INDEX": str(tmp_path / "index")}

    def registre(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "registre.cli", *args], capture_output=True,
                              text=True, env=env, timeout=600)

    ingest = registre("ingest", str(scans["000"]), str(scans["001"]))
    assert ingest.returncode == 0, ingest.stderr
    answer = registre("ask", "combien pour Weeejob en 2022", "--json")
    assert answer.returncode == 0, answer.stderr
    data = json.loads(answer.stdout)
    assert (data["abstained"], data["total"]) == (False, {"value": 22000.0, "currency": "EUR"})
    assert "22 000 €" in data["answer"]
    assert {c["deliberation"] for c in data["citations"]} == {"2022.00159", "2022.00452"}


@pytest.mark.parametrize("ocr_text, repaired", [
    ("à hauteur de 11 0O0 € ;", "à hauteur de 11 000 € ;"),
    ("un montant de 11000€", "un montant de 11000€"),
    ("soit 1l 500 euros", "soit 11 500 euros"),
    ("soit 2 5OO,5O €", "soit 2 500,50 €"),
    ("soit 11O00 €", "soit 11000 €"),
    ("un montant de 11 000 C", "un montant de 11 000 C"),  # C may not be €: not guessed
    ("délibération n° 2022.OO159", "délibération n° 2022.OO159"),  # not an amount
    ("un lot de 500 €", "un lot de 500 €"),
    ("IO €", "IO €"),  # no digit to vouch for it
])
def test_repair_amounts(ocr_text, repaired):
    assert repair_amounts(ocr_text) == repaired


def test_repaired_amounts_parse():
    from registre.text.french import find_amounts

    assert [value for value, _ in find_amounts(repair_amounts("11 0O0 € et 11000€"))] == \
        [Decimal(11000), Decimal(11000)]


@pytest.mark.parametrize("text, image_share, usable, ocr", [
    ("Le conseil municipal attribue une subvention de 1 500 € à l'association.", 0.0, True, False),
    ("Le conseil municipal attribue une subvention de 1 500 € à l'association.", 1.0, True, False),
    ("", 1.0, False, True),           # a scan
    ("", 0.1, False, True),           # no text at all, an image: nothing to lose
    ("", 0.0, False, False),          # a blank page
    ("RECU EN PREFECTURE", 0.9, False, True),  # a stamp's text over a scanned page
    ("TOTAL PRIORITE 3", 0.0, False, False),   # a short printed page
    ("(cid:12)(cid:7)(cid:31) " * 20, 0.0, False, True),  # unmapped glyphs
    ("Xqzt Brtkw Pfnzg Hjklv Qwrts Zxcvb Mnbvc", 0.0, False, True),  # garbled encoding
])
def test_which_pages_need_ocr(text, image_share, usable, ocr):
    assert usable_text(text) is usable
    assert needs_ocr(text, image_share) is ocr


def test_scan_helper_is_deterministic(sample_file, tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first = scan_pdf(sample_file("001", "pdf"), tmp_path / "a" / "scan.pdf", seed=1, pages=[0])
    second = scan_pdf(sample_file("001", "pdf"), tmp_path / "b" / "scan.pdf", seed=1, pages=[0])
    assert first.read_bytes() == second.read_bytes()
    assert len(PdfReader(io.BytesIO(first.read_bytes())).pages) == 1
