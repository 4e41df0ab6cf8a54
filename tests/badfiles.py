"""Bad and borderline input files for ingestion robustness tests (test-only, no tests here).

Comments per PDF kind record what pdfplumber 0.11 (pdfminer.six) and pypdfium2 5.x really do
with it. Deterministic: fixed seeds and dates, reportlab `invariant=1`, fixed pypdf /ID.
"""

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
    '<!DOCTYPE html>\n<html lang="fr"><head><title>Registre des délibérations</title></head>'
    "<body><h1>Erreur 404</h1><p>La page demandée n'existe pas.</p></body></html>\n"
)


def _image_only_pdf() -> bytes:
    # A scanned-looking page: text rendered into a PIL bitmap, no text layer at all.
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (1240, 400), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(["EXTRAIT DU REGISTRE DES DELIBERATIONS",
                              "DELIBERATION N° 2024-017", "Le conseil, après en avoir délibéré,"]):
        draw.text((40, 40 + i * 60), line, fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.drawImage(ImageReader(img), 40, 500, width=515, height=166)
    c.showPage()
    c.save()
    return buf.getvalue()


def _image_only_expected() -> BadInput:
    from registre.ingest.ocr import ocr_missing

    if ocr_missing():
        return BadInput("image_only.pdf", "fail", "pas de couche texte")
    return BadInput("image_only.pdf", "ok", "par ocr")


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

    PdfWriter().write(buf := io.BytesIO())  # /Pages << /Count 0 /Kids [] >>
    return buf.getvalue()


def _encrypted_pdf(good_pdf: Path) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=good_pdf)
    writer.add_metadata({"/Producer": "registre tests"})
    # RC4-128 needs no random IV, so the output only depends on good_pdf.
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    writer.write(buf := io.BytesIO())
    # pypdf draws the second /ID half at random; the key only uses the first half.
    return re.sub(rb"/ID \[ <([0-9a-f]+)> <[0-9a-f]+> \]", rb"/ID [ <\1> <\1> ]", buf.getvalue())


def _broken_xref_pdf(data: bytes) -> bytes:
    # Same-width rewrite of every 10-digit offset of the last xref table and a wrong
    # startxref value: only the cross-reference information is wrong, objects stay put.
    if data.rfind(b"\nxref", 0, data.rindex(b"startxref")) < 0:
        # xref-stream file (PDF 1.5+): pdfminer's fallback needs a classic "trailer", so
        # it could not repair one; pypdf rewrites it with a classic xref table first.
        from pypdf import PdfWriter

        PdfWriter(clone_from=io.BytesIO(data)).write(buf := io.BytesIO())
        data = buf.getvalue()
    start = data.rindex(b"startxref")
    xref = data.rindex(b"\nxref", 0, start) + 1
    head, table = data[:xref], data[xref:start]
    table = re.sub(rb"(?m)^\d{10}(?= \d{5} n)", lambda m: b"%010d" % (int(m[0]) + 7), table)
    tail = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m[1]) * 3 + 17),
                  data[start:])
    return head + table + tail


def _page1_text(data: bytes) -> str:
    """Text pdfplumber gets from page 1 of `data`, "" when it cannot read it at all."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return (pdf.pages[0].extract_text() or "") if pdf.pages else ""
    except Exception:  # noqa: BLE001 - any pdfminer/pdfplumber failure means "unreadable"
        return ""


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
    """Write every bad/borderline kind into `folder`; return the expected outcomes.

    truncated.pdf is expected "ok"/"réparé" only if pdfplumber gets page-1 text from the
    cut file (never for reportlab output); broken_xref.pdf is checked to stay readable.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = Path(good_pdf).read_bytes()
    binary = random.Random(0).randbytes(4096)  # has NULs and C0 bytes, invalid UTF-8
    truncated_data = pdf[: len(pdf) * 40 // 100]
    truncated = (BadInput("truncated.pdf", "ok", "réparé") if _page1_text(truncated_data).strip()
                 else BadInput("truncated.pdf", "fail", "pdf endommagé"))
    broken_xref = _broken_xref_pdf(pdf)
    assert _page1_text(broken_xref).strip(), "broken_xref.pdf must stay readable by repair"
    files: list[tuple[BadInput, bytes | None]] = [
        # pdfplumber: PDFSyntaxError("No /Root object!"); pypdfium2: "Data format error".
        (BadInput("empty.pdf", "fail", "fichier vide"), b""),
        (BadInput("empty.txt", "fail", "fichier vide"), b""),
        (BadInput("blank.txt", "fail", "aucun texte"), b"  \n\n\t \r\n   \n"),
        # pdfplumber: opens, len(pages) == 0, no error. pypdfium2: refuses to load it,
        # PdfiumError "Data format error" (PDFium wants at least one page).
        (BadInput("zero_pages.pdf", "fail", "aucune page"), _zero_pages_pdf()),
        # pdfplumber: PDFSyntaxError("No /Root object! - Is this really a PDF?").
        # pypdfium2: PdfiumError "Failed to load document (PDFium: Data format error)".
        (BadInput("not_a_pdf.pdf", "fail", "pas un pdf"), NOT_A_PDF.encode("utf-8")),
        # 40% cut (reportlab file: mid page-1 content stream; /Root, /Pages, xref, trailer
        # gone). pdfplumber: PdfminerException(PSEOF("Unexpected EOF")); pypdfium2:
        # PdfiumError "Data format error". Readable only if page 1 and the catalog come
        # first (e.g. linearized files): then we expect it read with a warning.
        (truncated, truncated_data),
        # pdfplumber without password: PDFPasswordIncorrect (empty repr). With
        # password="secret" text comes out. pypdfium2: PdfiumError "Incorrect password error".
        (BadInput("encrypted.pdf", "fail", "protégé par mot de passe"),
         _encrypted_pdf(good_pdf)),
        # pdfplumber: startxref is invalid, pdfminer falls back to scanning "N 0 obj"
        # lines and reads every page with full text; nothing logged at WARNING, but
        # pdf.doc.xrefs holds a PDFXRefFallback. pypdfium2 repairs silently too.
        (BadInput("broken_xref.pdf", "ok", "réparé"), broken_xref),
        # pdfplumber: 1 page, extract_text() == "", page.images has one entry.
        # pypdfium2: 1 page, get_textpage().get_text_range() == "".
        # Read by OCR where Tesseract and its French data are installed, refused elsewhere.
        (_image_only_expected(), _image_only_pdf()),
        # Windows-1252 (latin-1 superset with ’ and €), what French office files use.
        (BadInput("latin1.txt", "ok", "latin-1"), good_text.encode("cp1252", errors="replace")),
        (BadInput("nul_bytes.txt", "ok", "octets nuls"), _with_nul_bytes(good_text)),
        (BadInput("binary.txt", "fail", "binaire"), binary),
        (BadInput("notes.docx", "skip", "format non pris en charge"), _notes_docx()),
        (BadInput("duplicate_of_good.txt", "skip", "déjà"), good_text.encode("utf-8")),
        (BadInput("no_header.txt", "ok", "sans numéro"), NO_HEADER_TEXT.encode("utf-8")),
        # Sparse 120 MiB (4 KiB on disk). pypdfium2: "Data format error" in ~1 s; pdfplumber
        # scans the zeros for objects for >10 min: refuse on st_size before any parsing.
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
