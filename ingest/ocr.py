"""Scanned PDF pages to text, through Tesseract in French.

In: the bytes of a PDF and the indexes of its pages that have no usable text layer
(`usable_text` says which). Out: `OcrPage`s, one page at a time (render at `dpi`, OCR,
release): blocks of text (top, bottom, text) in reading order, table rows as
tab-separated cells recovered from word positions, and the mean word confidence (0–100).
`repair_amounts` fixes the OCR misreadings of euro amounts that are safe to fix.
"""
import os
import re
import statistics
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import numpy as np

LANG = "fra"
MISSING = "pas de couche texte ; installez tesseract-ocr-fra"
MIN_LETTERS = 20      # a text layer with fewer letters is as good as none
MIN_WORDLIKE = 0.5    # ... or with fewer than half of its words pronounceable
_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")  # unmapped glyphs
_WORD = re.compile(r"[^\W\d_]{2,}")
_WORDLIKE = re.compile(r"(?=.*[aeiouyàâäéèêëîïôöùûüœæ])(?!.*[^aeiouyàâäéèêëîïôöùûüœæ\W]{5})"
                       r"[a-zàâäçéèêëîïôöùûüÿœæ'-]+")
_RULE_CHARS = re.compile(r"[|\[\]{}_~¦]+")  # table rules read as characters


class OcrPage(NamedTuple):
    index: int
    blocks: list[tuple[float, float, str]]
    confidence: float | None


class _Box(NamedTuple):
    left: int
    top: int
    right: int
    bottom: int
    text: str


def usable_text(text: str) -> bool:
    """True when a text layer reads as text: at least MIN_LETTERS letters, few unmapped
    glyphs, and at least MIN_WORDLIKE of its words with a vowel and no run of 5 consonants."""
    garbage = len(_GARBAGE.findall(text))
    text = _GARBAGE.sub(" ", text)
    if sum(c.isalpha() for c in text) < MIN_LETTERS or garbage * 10 > len(text.split()):
        return False
    words = _WORD.findall(text)
    wordlike = sum(1 for word in words if _WORDLIKE.fullmatch(word.lower()))
    return wordlike >= MIN_WORDLIKE * len(words)


@cache
def ocr_missing() -> str | None:
    """Why OCR cannot run here (Tesseract or its French data absent), or None."""
    try:
        import pytesseract

        languages = pytesseract.get_languages(config="")
    except Exception:  # ImportError, TesseractNotFoundError, a broken install
        return MISSING
    return None if LANG in languages else MISSING


def ocr_pdf_pages(data: bytes, indexes: list[int], dpi: int = 300) -> Iterator[OcrPage]:
    """OCR the pages at `indexes` (0-based) one at a time; holds one bitmap at most."""
    import pypdfium2 as pdfium

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads only slow it down
    pdf = pdfium.PdfDocument(data)
    try:
        for index in indexes:
            page = pdf[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
            blocks, confidence = read_image(image)
            del image
            yield OcrPage(index, blocks, confidence)
    finally:
        pdf.close()


def read_image(image) -> tuple[list[tuple[float, float, str]], float | None]:
    """Text blocks of a page image and the mean confidence of its words."""
    import pytesseract
    from PIL import Image

    gray = np.asarray(image.convert("L"))
    across, down = _rules(gray < 160, length=max(60, gray.shape[1] // 20))
    # Table rules erased: Tesseract reads the figures that touch them.
    clean = np.where(_thicken(across | down), 255, gray).astype(np.uint8)
    data = pytesseract.image_to_data(Image.fromarray(clean), lang=LANG,
                                     output_type=pytesseract.Output.DICT)
    del clean, down
    words, confidences = [], []
    for i, text in enumerate(data["text"]):
        text, conf = text.strip(), float(data["conf"][i])
        if not text or conf < 0 or _RULE_CHARS.fullmatch(text):
            continue
        if not any(c.isalnum() for c in text) and conf < 50:
            continue  # a speck of dust read as punctuation
        left, top = data["left"][i], data["top"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append((key, _Box(left, top, left + data["width"][i], top + data["height"][i], text)))
        confidences.append(conf)
    if not words:
        return [], None
    return _layout(words, across), round(statistics.fmean(confidences), 1)


def _rules(dark: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of horizontal and of vertical rules: dark runs of at least `length`."""
    return _runs(dark, length), _runs(dark.T, length).T


def _runs(dark: np.ndarray, length: int) -> np.ndarray:
    """Pixels in a row-wise run of `length` or more dark pixels."""
    width = dark.shape[1]
    if width < length:
        return np.zeros_like(dark)
    sums = np.pad(np.cumsum(dark, axis=1, dtype=np.int32), ((0, 0), (1, 0)))
    full = (sums[:, length:] - sums[:, :-length]) == length  # the run starting at each x
    starts = np.pad(np.cumsum(full, axis=1, dtype=np.int32), ((0, 0), (1, 0)))
    x = np.arange(width)
    hi, lo = np.minimum(x + 1, width - length + 1), np.maximum(x - length + 1, 0)
    return (starts[:, hi] - starts[:, lo]) > 0


def _thicken(mask: np.ndarray) -> np.ndarray:
    """The mask grown by 2 pixels each way, to take the grey edges of a rule too."""
    out = mask.copy()
    for shift in (1, 2):
        out[shift:] |= mask[:-shift]
        out[:-shift] |= mask[shift:]
        out[:, shift:] |= mask[:, :-shift]
        out[:, :-shift] |= mask[:, shift:]
    return out


def _layout(words: list[tuple[tuple, _Box]], across: np.ndarray) -> list[tuple[float, float, str]]:
    """Lines in reading order; side-by-side cells become one tab-separated row."""
    words, slope = _straighten(words)
    height = statistics.median(box.bottom - box.top for _, box in words)
    words = [(key, box) for key, box in words  # specks of dust read as "." or "À"
             if box.bottom - box.top > height / 3 or box.right - box.left > height / 3]
    pieces = _pieces(words, gap=1.5 * height)

    def ruled(upper: _Box, lower: _Box, left: int, right: int) -> bool:
        """A horizontal rule under most of the span between the two pieces."""
        shift = round(slope * left)  # back to the tilted page's rows
        strip = across[max(0, upper.bottom + shift - 3):lower.top + shift + 3, left:right]
        return strip.size > 0 and strip.any(axis=0).mean() > 0.5

    cells = _cells(pieces, ruled, gap=0.9 * height)
    blocks = []
    for row in _rows(cells):
        if len(row) == 1:
            blocks += [(p.top, p.bottom, p.text) for p in row[0]]
        else:
            row.sort(key=lambda cell: cell[0].left)
            text = "\t".join(" ".join(p.text for p in cell) for cell in row)
            blocks.append((min(c[0].top for c in row), max(c[-1].bottom for c in row), text))
    return blocks


def _pieces(words: list[tuple[tuple, _Box]], gap: float) -> list[_Box]:
    """Tesseract's lines (words in order), cut where a gap between words exceeds `gap`."""
    out: list[list[_Box]] = []
    previous_key = None
    for key, box in words:
        if key != previous_key or not _follows(out[-1][-1], box, gap):
            out.append([])
        out[-1].append(box)
        previous_key = key
    return [_Box(run[0].left, min(b.top for b in run), run[-1].right,
                 max(b.bottom for b in run), " ".join(b.text for b in run)) for run in out]


def _follows(before: _Box, box: _Box, gap: float) -> bool:
    """True when `box` comes next on the same printed line, less than `gap` after `before`
    (Tesseract sometimes lists a column of figures as one line)."""
    middle = (box.top + box.bottom) / 2
    return -gap / 4 < box.left - before.right < gap and before.top < middle < before.bottom


def _straighten(words: list[tuple[tuple, _Box]]) -> tuple[list[tuple[tuple, _Box]], float]:
    """Word boxes with the page's tilt taken out of their heights (a page scanned askew
    would make each long line as tall as two and hide the blank between paragraphs)."""
    slopes, lines = [], {}
    for key, box in words:
        lines.setdefault(key, []).append(box)
    for boxes in lines.values():
        first, last = boxes[0], boxes[-1]
        if len(boxes) >= 4 and last.right - first.left > 400:
            slopes.append((last.bottom - first.bottom) / (last.right - first.left))
    slope = statistics.median(slopes) if slopes else 0.0
    return [(key, box._replace(top=round(box.top - slope * box.left),
                               bottom=round(box.bottom - slope * box.left)))
            for key, box in words], slope


def _cells(pieces: list[_Box], ruled, gap: float) -> list[list[_Box]]:
    """Pieces stacked into cells (or paragraphs): each under the one above it in the same
    column, closer than `gap`, with no rule between them (`ruled`)."""
    cells: list[list[_Box]] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.left)):
        above = [cell for cell in cells if _stacks(cell[-1], piece, ruled, gap)]
        if above:
            min(above, key=lambda cell: piece.top - cell[-1].bottom).append(piece)
        else:
            cells.append([piece])
    return cells


def _stacks(upper: _Box, lower: _Box, ruled, gap: float) -> bool:
    left, right = max(upper.left, lower.left), min(upper.right, lower.right)
    if right <= left or not -gap / 2 < lower.top - upper.bottom < gap:
        return False
    return not ruled(upper, lower, left, right)


def _rows(cells: list[list[_Box]]) -> list[list[list[_Box]]]:
    """Cells grouped into rows: side by side, each starting before the first one ends."""
    rows: list[list[list[_Box]]] = []
    for cell in sorted(cells, key=lambda c: (c[0].top, c[0].left)):
        row = rows[-1] if rows else None
        if row and cell[0].top < row[0][-1].bottom and not any(_overlaps(cell, o) for o in row):
            row.append(cell)
        else:
            rows.append([cell])
    return rows


def _overlaps(a: list[_Box], b: list[_Box]) -> bool:
    return min(p.left for p in a) < max(p.right for p in b) and min(p.left for p in b) < max(p.right for p in a)


# An amount-like token: digits in groups of three, where an O/o stands for 0 and an l/I
# for 1 only between digits (or at a group's edge next to digits), followed by € or euros.
_GROUPED = re.compile(r"(?<![\w,.])(\d[\dOolI]{0,2}(?:[ .][\dOolI]{3})*(?:,[\dOolI]{2})?)(?=\s?(?:€|euros?\b))")


def repair_amounts(text: str) -> str:
    """'11 0O0 €' → '11 000 €', '1l 500 euros' → '11 500 euros'; nothing else is touched
    (a '11 000 C' stays as it is: C might not be €)."""
    def fix(m: re.Match) -> str:
        token = m[1]
        if sum(c.isdigit() for c in token) < 2:
            return token
        return token.translate(str.maketrans("OolI", "0011"))
    return _GROUPED.sub(fix, text)
