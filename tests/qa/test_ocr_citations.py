"""Citations from scanned pages show their OCR confidence; text-layer citations do not.

Two registers, each with its grant page scanned and its other pages printed (text layer):
sample 001 with page 2 scanned as a photocopier would (tests/scans.py, confidence about
94/100), sample 000 with page 2 scanned half blurred (confidence under 80: its amount is flagged).
Two OCR pages in all, read once for the module through `registre ingest`.
"""
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from locations import SAMPLES
from PIL import ImageFilter
from pypdf import PdfReader, PdfWriter
from scans import scan_page, scan_pdf

from registre.engine import Engine
from registre.index.embedder import default_embedder
from registre.ingest.ocr import ocr_missing
from registre.qa.cite import LOW_CONFIDENCE_WARNING, LOW_OCR_CONFIDENCE
from registre.ui.render import answer_html

OCR_DPI = "150"
QUESTION = "combien pour Weeejob en 2022"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(ocr_missing() is not None, reason="tesseract-ocr-fra absent")]


def sample_pdf(stem: str) -> Path:
    (path,) = (SAMPLES / "pdf").glob(f"{stem}_*.pdf")
    return path


def with_scanned_page(source: Path, scan: Path, page: int, target: Path) -> Path:
    """`source` with its page `page` (0-based) taken from `scan`."""
    writer = PdfWriter()
    for index, printed in enumerate(PdfReader(source).pages):
        writer.add_page(PdfReader(scan).pages[0] if index == page else printed)
    with open(target, "wb") as f:
        writer.write(f)
    return target


def blurred_scan(source: Path, page: int, target: Path) -> Path:
    """One page scanned at 150 dpi with its upper half (the exposé) blurred: Tesseract's
    mean confidence falls to about 72/100 while the decision below stays legible."""
    pdf = pdfium.PdfDocument(str(source))
    try:
        image = scan_page(pdf[page], 150, 0.9, random.Random(1))
    finally:
        pdf.close()
    top = (0, 0, image.width, image.height // 2)
    image.paste(image.crop(top).filter(ImageFilter.GaussianBlur(2.2)), top)
    image.save(target, "PDF", resolution=150)
    return target


@pytest.fixture(scope="module")
def ocr_index(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("ocr-citations")
    (tmp / "registers").mkdir()
    clean = scan_pdf(sample_pdf("001"), tmp / "scan-001.pdf", dpi=200, seed=1, pages=[1])
    with_scanned_page(sample_pdf("001"), clean, 1, tmp / "registers" / "001_scan_p2.pdf")
    blurred = blurred_scan(sample_pdf("000"), 1, tmp / "blur-000.pdf")
    with_scanned_page(sample_pdf("000"), blurred, 1, tmp / "registers" / "000_scan_p2.pdf")
    done = registre("ingest", str(tmp / "registers"), index=tmp / "index")
    assert done.returncode == 0, done.stderr
    assert "lue(s) par OCR" in done.stderr
    return tmp / "index"


def registre(*args: str, index: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "REGISTRE_OCR_DPI": OCR_DPI, "REGISTRE_INDEX": str(index)}
    return subprocess.run([sys.executable, "-m", "registre.cli", *args], capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.fixture(scope="module")
def asked(ocr_index) -> dict:
    done = registre("ask", QUESTION, "--json", index=ocr_index)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_citations_carry_the_confidence_of_their_scanned_page(asked):
    assert asked["total"] == {"value": 22000.0, "currency": "EUR"}
    cited = {c["deliberation"]: c for c in asked["citations"]}
    assert set(cited) == {"2022.00159", "2022.00452"}
    clean, blurred = cited["2022.00452"], cited["2022.00159"]
    assert (clean["page"], blurred["page"]) == (2, 2)
    assert LOW_OCR_CONFIDENCE <= clean["ocr_confidence"] <= 100
    assert 0 < blurred["ocr_confidence"] < LOW_OCR_CONFIDENCE
    for c in cited.values():
        assert c["amount"] == {"value": 11000.0, "currency": "EUR"}
        assert list(c)[:8] == ["deliberation", "date", "title", "instance", "collectivite", "source", "page", "quote"]


def test_an_amount_read_with_low_confidence_is_flagged_in_the_answer(asked):
    answer = asked["answer"]
    assert answer.startswith("22 000 €")
    (flag,) = re.findall(rf"\({LOW_CONFIDENCE_WARNING} : ([^)]*)\)", answer)
    assert "2022.00159" in flag and "p. 2" in flag and "2022.00452" not in flag


def test_text_layer_citations_have_no_confidence(ocr_index):
    done = registre("ask", "qui présidait le bureau du 14 avril 2022", "--json", index=ocr_index)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert "PERDRIAU" in out["answer"].upper()
    assert out["citations"] and all(c["page"] != 2 for c in out["citations"])
    assert all("ocr_confidence" not in c for c in out["citations"])
    assert LOW_CONFIDENCE_WARNING not in out["answer"]


def test_text_output_shows_the_confidence(ocr_index, asked):
    done = registre("ask", QUESTION, index=ocr_index)
    assert done.returncode == 0, done.stderr
    for c in asked["citations"]:
        line = next(line for line in done.stdout.splitlines() if line.startswith(f"  • n° {c['deliberation']} "))
        assert line.endswith(f"p. 2 – 11 000 € (texte lu par OCR, confiance {c['ocr_confidence']:.0f}/100)")
    assert LOW_CONFIDENCE_WARNING in done.stdout.splitlines()[0]


def test_source_cards_show_the_confidence(ocr_index, asked):
    engine = Engine.open(ocr_index, embedder=default_embedder(), create=False)
    answer = engine.ask(QUESTION)
    page = answer_html(answer, [None] * len(answer.citations))
    cards = page.split('<div class="reg-card">')[1:]
    assert len(cards) == 2
    for card, c in zip(cards, answer.citations):
        note = f"texte lu par OCR, confiance {c.ocr_confidence:.0f}/100"
        low = c.ocr_confidence < LOW_OCR_CONFIDENCE
        assert f'<span class="reg-ocr{" reg-ocr-low" if low else ""}">{note}</span>' in card
    assert {c.deliberation: round(c.ocr_confidence, 1) for c in answer.citations} == \
        {c["deliberation"]: c["ocr_confidence"] for c in asked["citations"]}
