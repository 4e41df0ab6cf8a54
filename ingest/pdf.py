"""PDF bytes to pages of text, with tables rendered as tab-separated rows in place.

In: the bytes of a PDF, its display name and an optional `on_page(done, total)` progress
callback. Out: `Page`s and warnings; `UnreadableFile` when the PDF is encrypted, damaged
beyond repair, empty, or has no text layer and no OCR to read it.

The text layer is read through PDFium (pypdfium2, ingest.pdfium), one page at a time,
each page released after use, so a 2,000-page register reads in bounded memory. Only the
pages drawn with rules that may make a table are also opened with pdfplumber, whose table
finder gives the rows. Pages without a usable text layer are read by OCR (ingest.ocr). A
file PDFium refuses is read by pdfplumber alone, which repairs some damage PDFium cannot.
"""
import io
import re
from collections.abc import Callable
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from registre.errors import UnreadableFile
from registre.ingest.ocr import INSTALL, MISSING, needs_ocr, ocr_missing, ocr_page, repair_amounts, usable_text
from registre.ingest.pdfium import Block, drawing, image_share, text_lines
from registre.records import Page
from registre.settings import DEFAULTS
from registre.text.clean import clean_text

Progress = Callable[[int, int], None]

_PARAGRAPH_GAP = 0.6  # a blank of over 0.6 line height between lines starts a paragraph


def read_pdf_pages(data: bytes, source: str, ocr_dpi: int = DEFAULTS.ocr_dpi,
                   on_page: Progress | None = None) -> tuple[list[Page], list[str]]:
    """Pages of the PDF in `data` and warnings; `on_page(done, total)` after each page."""
    if not data[:1024].lstrip().startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise UnreadableFile(source, "pas un PDF (en-tête %PDF absent)")
    warnings = []
    if not _xref_is_sound(data):
        warnings.append("table xref endommagée, PDF réparé à la lecture")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        # PDFium's error code is the last one of its thread: a file that fails without
        # setting one (a zero-page PDF) can show the code of an encrypted file read before.
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise UnreadableFile(source, "PDF protégé par mot de passe") from error
        pdf = None  # damaged, no pages, or not PDFium's to read: pdfplumber may repair it
    if pdf is not None and not len(pdf):
        pdf.close()
        raise UnreadableFile(source, "aucune page")
    if pdf is not None:
        try:
            pages, scanned = _read_with_pdfium(pdf, _Tables(data), ocr_dpi, on_page)
        except pdfium.PdfiumError:  # a page PDFium cannot load (damaged): pdfplumber may read it
            pdf.close()
            pdf = None
        else:
            pdf.close()
    if pdf is None:
        pages, scanned = _read_with_pdfplumber(data, source, on_page)
    if scanned:
        warnings.append(_scanned_warning(source, pages, scanned, ocr_read=pdf is not None))
    if not any(page.text.strip() for page in pages):
        raise UnreadableFile(source, "pas de couche texte (PDF scanné ?)")
    return pages, warnings


def _read_with_pdfium(pdf, tables: "_Tables", dpi: int, on_page: Progress | None):
    """Every page through PDFium, scanned ones by OCR on the spot when it can run;
    the pages and the indexes of the scanned ones."""
    pages: list[Page] = []
    scanned: list[int] = []
    total = len(pdf)
    try:
        for index in range(total):
            page = pdf[index]
            try:
                pages.append(_pdfium_page(page, index, tables, dpi, scanned))
            finally:
                page.close()
            if on_page:
                on_page(index + 1, total)
    finally:
        tables.close()
    return pages, scanned


def _pdfium_page(page, index: int, tables: "_Tables", dpi: int, scanned: list[int]) -> Page:
    images, ruled = drawing(page)
    text = tables.page_text(index) if ruled else None
    if text is None:
        textpage = page.get_textpage()
        try:
            text = clean_text(_join_with_paragraphs(text_lines(textpage, page.get_height())))
        finally:
            textpage.close()
    if not needs_ocr(text, image_share(images, page.get_width(), page.get_height())):
        return Page(index + 1, text)
    scanned.append(index)
    if ocr_missing():
        return Page(index + 1, text)
    ocr = ocr_page(page, index, dpi)
    return Page(index + 1, repair_amounts(clean_text(_join_with_paragraphs(ocr.blocks))), ocr.confidence)


class _Tables:
    """pdfplumber, opened on first use, for the pages that hold ruled tables."""

    def __init__(self, data: bytes):
        self.data, self.broken = data, False
        self.pdf: Any = None  # a pdfplumber PDF, opened on the first page asked

    def page_text(self, index: int) -> str | None:
        """The page read by pdfplumber, tables as rows; None if pdfplumber cannot read it."""
        if self.broken:
            return None
        try:
            if self.pdf is None:
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            page = self.pdf.pages[index]
        except Exception:  # a file only PDFium can parse: its text, without table rows
            self.broken = True
            return None
        try:
            return _page_text(page)
        finally:
            page.close()  # drop the page's parsed objects: memory stays flat on long files

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def _read_with_pdfplumber(data: bytes, source: str, on_page: Progress | None):
    """Every page through pdfplumber; the pages and the indexes of the scanned ones."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise UnreadableFile(source, "aucune page")
            pages, scanned, total = [], [], len(pdf.pages)
            for index, page in enumerate(pdf.pages):
                pages.append(Page(index + 1, _page_text(page)))
                if needs_ocr(pages[-1].text, _plumber_image_share(page)):
                    scanned.append(index)
                page.close()
                if on_page:
                    on_page(index + 1, total)
    except UnreadableFile:
        raise
    except Exception as error:  # pdfplumber wraps pdfminer's errors in PdfminerException
        cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile(source, "PDF protégé par mot de passe") from error
        raise UnreadableFile(source, f"PDF endommagé ({type(cause).__name__})") from error
    return pages, scanned


def _scanned_warning(source: str, pages: list[Page], scanned: list[int], ocr_read: bool) -> str:
    numbers = ", ".join(str(i + 1) for i in scanned)
    if ocr_missing() or not ocr_read:
        if not any(usable_text(page.text) for page in pages):
            raise UnreadableFile(source, MISSING if ocr_missing() else "pas de couche texte, PDF endommagé")
        why = INSTALL if ocr_missing() else "PDF endommagé, OCR impossible"
        return f"p. {numbers} sans couche texte, non lue(s) ({why})"
    confidences = [c for i in scanned if (c := pages[i].ocr_confidence) is not None]
    mean = f"confiance moyenne {sum(confidences) / len(confidences):.0f}/100" if confidences else "rien lu"
    return f"p. {numbers} lue(s) par OCR ({mean})"


def _plumber_image_share(page) -> float:
    """The part of a pdfplumber page (0–1) covered by its images."""
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
    """A pdfplumber page: lines outside tables and table rows, merged top to bottom."""
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


def _join_with_paragraphs(blocks: list[Block]) -> str:
    heights = sorted(bottom - top for top, bottom, text in blocks if "\n" not in text)
    line_height = heights[len(heights) // 2] if heights else 12.0
    out, previous_bottom = [], None
    for top, bottom, text in blocks:
        if previous_bottom is not None and top - previous_bottom > _PARAGRAPH_GAP * line_height:
            out.append("")
        out.append(text)
        previous_bottom = bottom
    return "\n".join(out)
