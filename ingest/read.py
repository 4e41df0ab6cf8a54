"""Open a register file: the one module of ingest/ that touches the disk.

In: a path to a PDF, .txt or .md file, `ReadLimits` (size limit, OCR resolution) and an
optional page progress callback. Out: a `Document` (pages of cleaned text, table rows as
tab-separated cells, page numbers kept), or `UnreadableFile` with the reason.

Whatever a reader gives, the text leaves here valid (text.valid: no surrogate, control
character or private-use glyph, NFC), with one warning per file saying what was replaced;
`display_name` and `path_text` do the same for the file's own name and path.
"""

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from registre.errors import UnreadableFile
from registre.ingest.pdf import read_pdf_pages
from registre.ingest.reflow import reflow
from registre.records import Document, Page
from registre.settings import DEFAULTS
from registre.text.clean import clean_text
from registre.text.valid import Valid, describe, make_valid

SUPPORTED = (".pdf", ".txt", ".md")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How files are read: the size limit (REGISTRE_MAX_FILE_MB) and the resolution scanned
    pages are rendered at for OCR (REGISTRE_OCR_DPI)."""

    max_file_mb: float = DEFAULTS.max_file_mb
    ocr_dpi: int = DEFAULTS.ocr_dpi

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def read_file(path: Path, source: str | None = None,
              on_page: Callable[[int, int], None] | None = None, limits: ReadLimits = ReadLimits()) -> Document:
    """Read one file; `source` is the name shown to users (default: the file name).

    `on_page(done, total)` is called as the pages of a PDF are read (progress on long
    registers); once for a text file, read at once."""
    source = source or display_name(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(source, f"format non pris en charge « {suffix or 'sans extension'} »"
                             " ; formats acceptés : PDF, TXT, MD")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile(source, "fichier vide")
    if size > limits.max_bytes:
        raise UnreadableFile(source, f"fichier trop volumineux ({size / 2**20:.0f} Mo ; limite "
                             f"{limits.max_bytes / 2**20:.0f} Mo, réglable par REGISTRE_MAX_FILE_MB)")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".pdf":
        pages, warnings = read_pdf_pages(data, source, limits.ocr_dpi, on_page)
    else:
        pages, warnings = _text_pages(data, source, markdown=suffix == ".md")
        if on_page:
            on_page(len(pages), len(pages))
    pages, repaired = _valid_pages(pages)
    warnings += [repaired] if repaired else []
    if not any(page.text.strip() for page in pages):
        raise UnreadableFile(source, "aucun texte")
    # A page flattened into a few long lines (OCR saved as one paragraph) gets its lines back.
    pages = [replace(page, text=reflow(page.text)) for page in pages]
    return Document(source, path_text(path.resolve()), sha, suffix[1:], tuple(pages), tuple(warnings))


def display_name(path: Path) -> str:
    """The file's name as shown and stored: bytes that are not UTF-8 (a name written in
    Latin-1 on another system) become \\xNN escapes, so it can be printed and stored."""
    return path_text(Path(path.name))


def path_text(path: Path) -> str:
    """A path as text that can be encoded, stored and compared: the same for the same bytes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _valid_pages(pages: list[Page]) -> tuple[list[Page], str]:
    """The pages with their text made valid, and the file's one warning ("" if none)."""
    out, total = [], Valid("")
    for page in pages:
        valid = make_valid(page.text)
        if valid.changed:
            page = replace(page, text=valid.text)
            total = Valid("", total.replaced + valid.replaced, total.normalised or valid.normalised)
        out.append(page)
    return out, describe(total)


def _text_pages(data: bytes, source: str, markdown: bool) -> tuple[list[Page], list[str]]:
    text, warnings = _decode(data, source)
    # Extracts converted from PDFs keep their markdown even under .txt: unwrap it when seen.
    markdown = markdown or bool(re.search(r"\*\*\S|^#{1,6} |<sup>", text, re.MULTILINE))
    pages = [Page(n, clean_text(chunk, markdown)) for n, chunk in enumerate(text.split("\f"), 1)]
    return pages, warnings


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    control = len(_CONTROL.findall(data[:65536].decode("latin-1")))
    if control > max(8, len(data[:65536]) // 20):
        raise UnreadableFile(source, "contenu binaire, pas du texte")
    warnings: list[str] = []  # NUL and other invalid characters: replaced with the rest (_valid_pages)
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        warnings.append("encodage Latin-1 (cp1252) lu, pas UTF-8")
        return data.decode("cp1252", errors="replace"), warnings
