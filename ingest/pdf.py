"""PDF bytes to pages of text, with tables rendered as tab-separated rows in place.

In: the bytes of a PDF and its display name. Out: `Page`s (text layer through
pdfplumber, its table finder for ruled tables; pages without a usable text layer read by
OCR, see ingest.ocr) and warnings; `UnreadableFile` when the PDF is encrypted, damaged
beyond repair, empty, or has no text layer and no OCR to read it.
"""
import io
import re

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from registre.errors import UnreadableFile
from registre.ingest.clean import clean_text
from registre.ingest.ocr import INSTALL, MISSING, needs_ocr, ocr_missing, ocr_pdf_pages, repair_amounts, usable_text
from registre.records import Page

_PARAGRAPH_GAP = 0.6  # a blank of over 0.6 line height between lines starts a paragraph


def read_pdf_pages(data: bytes, source: str, ocr_dpi: int = 300) -> tuple[list[Page], list[str]]:
    if not data[:1024].lstrip().startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise UnreadableFile(source, "pas un PDF (en-tête %PDF absent)")
    warnings = []
    if not _xref_is_sound(data):
        warnings.append(f"{source} : table xref endommagée, PDF réparé à la lecture")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableFile(source, "aucune page")
            pages = [Page(n, _page_text(page)) for n, page in enumerate(pdf.pages, 1)]
            scanned = [i for i, page in enumerate(pdf.pages)
                       if needs_ocr(pages[i].text, _image_share(page))]
    except UnreadableFile:
        raise
    except Exception as error:  # pdfplumber wraps pdfminer's errors in PdfminerException
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile(source, "PDF protégé par mot de passe") from error
        raise UnreadableFile(source, f"PDF endommagé ({type(cause).__name__})") from error
    if scanned:
        warnings += _read_scanned(data, source, pages, scanned, ocr_dpi)
    if not any(page.text.strip() for page in pages):
        raise UnreadableFile(source, "pas de couche texte (PDF scanné ?)")
    return pages, warnings


def _read_scanned(data: bytes, source: str, pages: list[Page], scanned: list[int], dpi: int) -> list[str]:
    """Replace the scanned pages by their OCR text, in place; the warning to show."""
    numbers = ", ".join(str(i + 1) for i in scanned)
    if ocr_missing():
        if not any(usable_text(page.text) for page in pages):
            raise UnreadableFile(source, MISSING)
        return [f"{source} : p. {numbers} sans couche texte, non lue(s) ({INSTALL})"]
    confidences = []
    for page in ocr_pdf_pages(data, scanned, dpi):
        text = repair_amounts(clean_text(_join_with_paragraphs(page.blocks)))
        pages[page.index] = Page(page.index + 1, text, page.confidence)
        confidences += [page.confidence] if page.confidence is not None else []
    mean = f"confiance moyenne {sum(confidences) / len(confidences):.0f}/100" if confidences else "rien lu"
    return [f"{source} : p. {numbers} lue(s) par OCR ({mean})"]


def _image_share(page) -> float:
    """The part of the page (0–1) covered by its images."""
    area = 0.0
    for image in page.images:
        width = min(image["x1"], page.width) - max(image["x0"], 0)
        height = min(image["bottom"], page.height) - max(image["top"], 0)
        area += max(0.0, width) * max(0.0, height)
    return min(1.0, area / (page.width * page.height)) if page.width and page.height else 0.0


def _xref_is_sound(data: bytes) -> bool:
    """True when `startxref` points at an xref table or stream, as a clean PDF does."""
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-2048:])
    if not found:
        return False
    at = int(found[1])
    return at < len(data) and (data[at:at + 4] == b"xref" or re.match(rb"\d+ \d+ obj", data[at:at + 32]) is not None)


def _page_text(page) -> str:
    """Lines outside tables and table rows, merged top to bottom."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    blocks = [(line["top"], line["bottom"], line["text"])
              for line in page.filter(outside_tables).extract_text_lines(return_chars=False)]
    for table in tables:
        rows = [_row_text(row) for row in table.extract()]
        text = "\n".join(row for row in rows if row.strip("\t "))
        if text:
            blocks.append((table.bbox[1], table.bbox[3], text))
    blocks.sort(key=lambda block: block[0])
    return clean_text(_join_with_paragraphs(blocks))


def _row_text(cells: list) -> str:
    return "\t".join(re.sub(r"\s+", " ", cell or "").strip() for cell in cells)


def _join_with_paragraphs(blocks: list[tuple[float, float, str]]) -> str:
    heights = sorted(bottom - top for top, bottom, text in blocks if "\n" not in text)
    line_height = heights[len(heights) // 2] if heights else 12.0
    out, previous_bottom = [], None
    for top, bottom, text in blocks:
        if previous_bottom is not None and top - previous_bottom > _PARAGRAPH_GAP * line_height:
            out.append("")
        out.append(text)
        previous_bottom = bottom
    return "\n".join(out)
