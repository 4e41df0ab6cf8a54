"""Corpus of bad and borderline input files for ingestion robustness tests.

Test-only helper (no tests here). `write_bad_corpus` writes every kind into a folder
and returns what the ingestion is expected to do with each file. The comments per PDF
kind record what pdfplumber 0.11 / pdfminer.six and pypdfium2 5.x actually do with it.
Everything is deterministic: fixed seeds, fixed dates, reportlab `invariant=1`.
"""

from __future__ import annotations

import codecs
import io
import random
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

HUGE_SIZE = 120 * 1024 * 1024


@dataclass(frozen=True)
class BadInput:
    name: str  # file name written in the folder
    outcome: str  # "fail" (refused with a message), "ok" (read, maybe warned), "skip" (duplicate)
    reason: str  # lower-case French keyword expected in the one-line message, else ""


NO_HEADER_TEXT = (
    "Exposé des motifs\n\n"
    "L'association Les Amis du Parc organise chaque année des animations ouvertes à tous "
    "les habitants et entretient le jardin partagé du quartier. Elle sollicite le soutien "
    "de la commune pour l'achat de matériel.\n\n"
    "Le conseil, après en avoir délibéré, décide d'attribuer une subvention de 1 500 € "
    "à l'association Les Amis du Parc.\n"
)

NOT_A_PDF = (
    "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
    "<title>Registre des délibérations</title></head>\n<body><h1>Erreur 404</h1>"
    "<p>La page demandée n'existe pas.</p></body></html>\n"
)


def _reportlab_canvas(buf: io.BytesIO):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    return canvas.Canvas(buf, pagesize=A4, invariant=1)


def _image_only_pdf() -> bytes:
    # A scanned-looking page: text rendered into a PIL bitmap, no text layer at all.
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (1240, 400), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(["EXTRAIT DU REGISTRE DES DELIBERATIONS",
                              "DELIBERATION N° 2024-017", "Le conseil, après en avoir délibéré,"]):
        draw.text((40, 40 + i * 60), line, fill=0)
    buf = io.BytesIO()
    c = _reportlab_canvas(buf)
    c.drawImage(ImageReader(img), 40, 500, width=515, height=166)
    c.showPage()
    c.save()
    return buf.getvalue()


def _merged_cells_pdf() -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    rows = [
        ["Subventions aux associations 2024", "", ""],  # header spanning three columns
        ["Bénéficiaire", "Montant", "Objet"],
        ["Association Les Amis du Parc", "3 000 €", "Animations du jardin partagé"],
        ["Comité des fêtes", "1 200 €", "Fête de la musique"],
        ["Total", "", "4 200 €"],  # label spanning two columns
    ]
    table = Table(rows, colWidths=[200, 90, 190])
    table.setStyle(TableStyle([
        ("SPAN", (0, 0), (2, 0)), ("SPAN", (0, 4), (1, 4)),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, invariant=1, title="DELIBERATION N° 2024-031")
    doc.build([
        Paragraph("DELIBERATION N° 2024-031", styles["Title"]),
        Paragraph("SEANCE DU CONSEIL MUNICIPAL DU 12 FEVRIER 2024", styles["Heading2"]),
        Paragraph("Le conseil, après en avoir délibéré, décide d'attribuer les subventions "
                  "suivantes :", styles["Normal"]),
        table,
    ])
    return buf.getvalue()


def _zero_pages_pdf() -> bytes:
    from pypdf import PdfWriter

    buf = io.BytesIO()
    PdfWriter().write(buf)  # /Pages << /Count 0 /Kids [] >>
    return buf.getvalue()


def _encrypted_pdf(good_pdf: Path) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=good_pdf)
    writer.add_metadata({"/Producer": "registre tests"})
    # RC4-128 needs no random IV, so the output only depends on good_pdf.
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _broken_xref_pdf(data: bytes) -> bytes:
    # Same-width rewrite of every 10-digit xref offset and of the startxref value, so
    # byte positions stay put and only the cross-reference information is wrong.
    start = data.rindex(b"startxref")
    xref = data.rindex(b"\nxref", 0, start) + 1
    table = re.sub(rb"(?m)^\d{10}(?= \d{5} n)", lambda m: b"%010d" % (int(m[0]) + 7),
                   data[xref:start])
    tail = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m[1]) * 3),
                  data[start:])
    return data[:xref] + table + tail


def _with_nul_bytes(text: str) -> bytes:
    rng = random.Random(0)
    out = []
    for word in re.split(r"(\s+)", text):
        if len(word) > 3 and word.isalpha() and rng.random() < 0.15:
            cut = rng.randrange(1, len(word))
            word = word[:cut] + "\x00" + word[cut:]
        out.append(word)
    return "".join(out).encode("utf-8")


def _notes_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, body in [("[Content_Types].xml", "<Types/>"),
                           ("word/document.xml", "<w:document>Notes de séance</w:document>")]:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 2, 12, 0, 0, 0)), body)
    return buf.getvalue()


def write_bad_corpus(folder: Path, good_text: str, good_pdf: Path) -> list[BadInput]:
    """Write every bad/borderline kind into `folder`; return the expected outcomes."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = Path(good_pdf).read_bytes()
    binary = random.Random(0).randbytes(4096)
    assert b"\x00" in binary and not _is_utf8(binary)
    files: list[tuple[BadInput, bytes | None]] = [
        (BadInput("empty.pdf", "fail", "fichier vide"), b""),
        (BadInput("empty.txt", "fail", "fichier vide"), b""),
        (BadInput("blank.txt", "fail", "aucun texte"), b"  \n\n\t \r\n   \n"),
        # pdfplumber: opens, len(pages) == 0. pypdfium2: opens, len(pdf) == 0.
        (BadInput("zero_pages.pdf", "fail", "aucune page"), _zero_pages_pdf()),
        # pdfplumber: PDFSyntaxError("No /Root object! - Is this really a PDF?").
        # pypdfium2: PdfiumError "Failed to load document (PDFium: Data format error)".
        (BadInput("not_a_pdf.pdf", "fail", "pas un pdf"), NOT_A_PDF.encode("utf-8")),
        # 40% cut: %%EOF, trailer and the /Root and /Pages objects are gone. pdfplumber:
        # PDFSyntaxError("No /Root object!") even with its fallback object scan, so no page
        # text can be had; pypdfium2: PdfiumError "Data format error". Nothing to read.
        (BadInput("truncated.pdf", "fail", "pdf endommagé"), pdf[: len(pdf) * 40 // 100]),
        # pdfplumber without password: PDFPasswordIncorrect (empty repr). With
        # password="secret" text comes out. pypdfium2: PdfiumError "Incorrect password error".
        (BadInput("encrypted.pdf", "fail", "protégé par mot de passe"),
         _encrypted_pdf(good_pdf)),
        # pdfplumber: startxref is invalid, pdfminer falls back to scanning "N 0 obj"
        # lines and reads every page with full text, silently. pypdfium2 also repairs
        # silently (same page count and text). Our reader must detect it and warn.
        (BadInput("broken_xref.pdf", "ok", "réparé"), _broken_xref_pdf(pdf)),
        # pdfplumber: 1 page, extract_text() == "", page.images has one entry.
        # pypdfium2: 1 page, get_textpage().get_text_range() == "".
        (BadInput("image_only.pdf", "fail", "pas de couche texte"), _image_only_pdf()),
        (BadInput("latin1.txt", "ok", "latin-1"), good_text.encode("cp1252", errors="replace")),
        (BadInput("nul_bytes.txt", "ok", "octets nuls"), _with_nul_bytes(good_text)),
        (BadInput("binary.txt", "fail", "binaire"), binary),
        (BadInput("notes.docx", "fail", "format non pris en charge"), _notes_docx()),
        (BadInput("duplicate_of_good.txt", "skip", "déjà"), good_text.encode("utf-8")),
        (BadInput("no_header.txt", "ok", "sans numéro"), NO_HEADER_TEXT.encode("utf-8")),
        # Sparse 120 MiB file: must be refused on st_size before any parsing.
        (BadInput("huge.pdf", "fail", "trop volumineux"), None),
        # pdfplumber: 1 page, title, séance line and rows come out as text; the spanned
        # header cell is one string and extract_tables() gives None for the merged cells.
        # pypdfium2: 1 page, same text.
        (BadInput("merged_cells.pdf", "ok", ""), _merged_cells_pdf()),
        (BadInput("utf16.txt", "ok", ""), codecs.BOM_UTF16_LE + good_text.encode("utf-16-le")),
    ]
    for item, data in files:
        path = folder / item.name
        if data is None:
            with open(path, "wb") as f:
                f.write(b"%PDF-1.4\n")
                f.truncate(HUGE_SIZE)
        else:
            path.write_bytes(data)
    return [item for item, _ in files]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
