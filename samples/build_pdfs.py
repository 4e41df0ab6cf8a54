"""Render the text extracts samples/*.txt as PDF fixtures in samples/pdf/<stem>.pdf.

Run: .venv/bin/python samples/build_pdfs.py

Rules:
- markdown-ish extracts (**bold**, *italic*, ## headings, <sup>ème</sup>, ^{ère}, \\_) get
  bold/italic text, bold heading paragraphs, plain superscripts ("4ème") and "_";
- a block of consecutive non-blank lines is one paragraph, its line breaks are kept;
- in plain extracts, a run of PAGE_BREAK_BLANKS (6) or more blank lines starts a new page;
- lines with TABs are table rows: consecutive ones (blank lines in between are allowed)
  make one gridded Table; dash-only rows are dropped; a header row is bold and repeated.
The output is deterministic (invariant=1) and the PDF title is the file stem.
After writing, each PDF is read back with pdfplumber and missing words are reported.
"""

import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

HERE = Path(__file__).resolve().parent
FONT, BOLD, SIZE = "Helvetica", "Helvetica-Bold", 10
MARGIN = 2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
PAGE_BREAK_BLANKS = 6
CELL_PAD = 6  # reportlab's default left/right cell padding

BODY = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=12, spaceAfter=6)
HEAD = ParagraphStyle("head", parent=BODY, fontName=BOLD)
CELL = ParagraphStyle("cell", parent=BODY, spaceAfter=0)
HEAD_CELL = ParagraphStyle("head_cell", parent=CELL, fontName=BOLD)

# The built-in Helvetica fonts use WinAnsi (cp1252). Characters outside it are replaced by a
# close one below; anything else left over becomes "?" with a warning. All characters of the
# current samples are in cp1252 (accents, €, œ, ’, …, « », °), so none of them is replaced.
# narrow/thin spaces, hyphen variants and minus sign, modifier apostrophe:
FALLBACK = {"\u202f": "\u00a0", "\u2009": " ", "\u2010": "-", "\u2011": "-", "\u2212": "-",
            "\u02bc": "\u2019"}


def clean(text):
    """Map characters the WinAnsi fonts cannot draw to close ones."""
    out = []
    for ch in text:
        ch = FALLBACK.get(ch, ch)
        try:
            ch.encode("cp1252")
        except UnicodeEncodeError:
            print(f"warning: {ch!r} (U+{ord(ch):04X}) not in WinAnsi, drawn as '?'", file=sys.stderr)
            ch = "?"
        out.append(ch)
    return "".join(out)


def inline(text, markdown=False):
    """Source line -> reportlab Paragraph markup."""
    text = escape(clean(text))
    if markdown:
        text = re.sub(r"&lt;sup&gt;(.*?)&lt;/sup&gt;", r"\1", text)
        text = re.sub(r"\^\{(.*?)\}", r"\1", text)
        text = text.replace("\\_", "_")
        text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
        # *word*: only a star glued to words on both inner sides (bullets like " * x" stay)
        text = re.sub(r"(?<![\w*])\*(\w[^*]*?\w)\*(?![\w*])", r"<i>\1</i>", text)
    return text


def plain(text, markdown=False):
    """The text a reader should get back from a source line (markup removed)."""
    if markdown:
        text = re.sub(r"^#{1,6}\s+", "", text)
    return unescape(re.sub(r"</?[bi]>", "", inline(text, markdown)))


def is_markdown(text):
    return bool(re.search(r"\*\*|<sup>|\^\{|^#+ ", text, re.MULTILINE))


def is_separator(cells):
    return any(c.strip() for c in cells) and all(set(c.strip()) <= {"-"} for c in cells)


def is_header(cells):
    last = [c.strip() for c in cells[-2:]]
    return all(c and not re.search(r"\d", c) for c in last)


def unbreakable(cell):
    """Chunks that must fit on one line: whole amounts ("49 010 €"), else words."""
    return [cell] if re.fullmatch(r"[\d\s.,€]+", cell) else cell.split()


def col_widths(rows):
    """Each column at least as wide as its widest unbreakable chunk; extra space goes to
    the columns with the longest text."""
    cols = list(zip(*rows))
    pad = 2 * CELL_PAD + 2
    mins = [max([stringWidth(w, BOLD, SIZE) for c in col for w in unbreakable(c)] + [0]) + pad
            for col in cols]
    extra = FRAME_WIDTH - sum(mins)
    if extra <= 0:
        return [m * FRAME_WIDTH / sum(mins) for m in mins]
    means = [sum(stringWidth(c, FONT, SIZE) for c in col) / len(col) + pad for col in cols]
    weights = [max(mean - m, 0) for mean, m in zip(means, mins)]
    total = sum(weights)
    if not total:
        return [m + extra / len(mins) for m in mins]
    return [m + extra * w / total for m, w in zip(mins, weights)]


def make_table(rows, markdown=False):
    """Rows of cell strings -> one gridded Table, cells wrapped as Paragraphs."""
    n = max(len(r) for r in rows)
    rows = [[c.strip() for c in r] + [""] * (n - len(r)) for r in rows]
    header = is_header(rows[0])
    data = [[Paragraph(inline(c, markdown), HEAD_CELL if header and i == 0 else CELL)
             for c in row] for i, row in enumerate(rows)]
    table = Table(data, colWidths=col_widths(rows), repeatRows=1 if header else 0,
                  spaceBefore=4, spaceAfter=8)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def flowables_for(text, markdown=False, page_breaks=True):
    """Text of an extract -> list of flowables (paragraphs, tables, page breaks)."""
    out, block, rows, blanks = [], [], [], 0

    def flush():
        if block:
            out.append(Paragraph("<br/>".join(inline(x, markdown) for x in block), BODY))
            block.clear()
        if rows:
            out.append(make_table(rows, markdown))
            rows.clear()

    for line in text.split("\n"):
        if not line.strip():
            blanks += 1
            continue
        is_row = "\t" in line
        if page_breaks and blanks >= PAGE_BREAK_BLANKS:
            flush()
            if out:
                out.append(PageBreak())
        elif (blanks and not (is_row and rows)) or (is_row and block) or (rows and not is_row):
            flush()
        blanks = 0
        heading = re.match(r"#{1,6}\s+(.*)", line) if markdown else None
        if heading:
            flush()
            out.append(Paragraph(inline(heading[1], markdown), HEAD))
        elif is_row:
            if not is_separator(line.split("\t")):
                rows.append(line.split("\t"))
        else:
            block.append(line)
    flush()
    return out


def build_doc(path, flowables, title):
    """Write flowables to an A4 PDF with 2 cm margins; identical bytes on every run."""
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title, author="",
                            subject="", creator="registre samples/build_pdfs.py", invariant=1)
    doc.build(flowables)
    return path


def build(txt_path, out_dir):
    text = txt_path.read_text(encoding="utf-8")
    markdown = is_markdown(text)
    pdf_path = out_dir / f"{txt_path.stem}.pdf"
    build_doc(pdf_path, flowables_for(text, markdown, page_breaks=not markdown), txt_path.stem)
    return pdf_path


def missing_words(txt_path, pdf_path):
    """Words of the source (markup removed) that pdfplumber does not give back."""
    import pdfplumber

    text = txt_path.read_text(encoding="utf-8")
    markdown = is_markdown(text)
    src = {w for line in text.split("\n") for cell in line.split("\t")
           for w in plain(cell, markdown).split() if not is_separator(line.split("\t"))}
    with pdfplumber.open(pdf_path) as pdf:
        got = {w for page in pdf.pages for w in (page.extract_text() or "").split()}
    return sorted(src - got)


def main():
    out_dir = HERE / "pdf"
    out_dir.mkdir(exist_ok=True)
    for txt_path in sorted(HERE.glob("*.txt")):
        pdf_path = build(txt_path, out_dir)
        lost = missing_words(txt_path, pdf_path)
        print(f"{pdf_path.relative_to(HERE)}: {'ok' if not lost else f'missing {lost}'}")


if __name__ == "__main__":
    main()
