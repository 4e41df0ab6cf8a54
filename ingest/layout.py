"""Word boxes of a scanned page to printed lines and table rows.

In: OCR words (Tesseract's line key, box, text) and the page's mask of horizontal rules.
Out: blocks (top, bottom, text) in reading order: one per printed line, or one per table
row with its cells tab-separated, empty cells kept where a column is blank. Pure.

Steps: take the page's tilt out of the boxes, cut lines at wide gaps into pieces, join
the pieces of one printed line, stack pieces into cells (no rule between), set cells side
by side into rows.
"""
import re
import statistics
from typing import NamedTuple

import numpy as np

_FIGURE = re.compile(r"^[.,:;'‘’`]?\s*(\d[\d .,]*\d(?:\s?€)?)\s*[.,:;'‘’`]?$")  # "70 000." → "70 000"
_BULLET = re.compile(r"[-–—•*·○►▪]")


class Box(NamedTuple):
    left: int
    top: int
    right: int
    bottom: int
    text: str


def rules(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of the horizontal and of the vertical rules of a page: dark runs of at least
    a twentieth of its width (no letter is that long), grown to take their grey edges."""
    dark, length = gray < 160, max(60, gray.shape[1] // 20)
    return _thicken(_runs(dark, length)), _thicken(_runs(dark.T, length).T)


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


def layout(words: list[tuple[tuple, Box]], across: np.ndarray) -> list[tuple[float, float, str]]:
    """Lines in reading order; side-by-side cells become one tab-separated row.
    `words` are (Tesseract line key, box) in Tesseract's order; `across` the rules mask."""
    words, slope = _straighten(words)
    height = statistics.median(box.bottom - box.top for _, box in words)
    words = [(key, box) for key, box in words  # specks of dust read as "." or "À"
             if box.bottom - box.top > height / 3 or box.right - box.left > height / 3
             or _BULLET.fullmatch(box.text)]
    if not words:
        return []
    pieces = _merge_lines(_pieces(words, gap=1.5 * height), gap=1.5 * height)

    def ruled(upper: Box, lower: Box, left: int, right: int) -> bool:
        """A horizontal rule under most of the span between the two pieces."""
        shift = round(slope * left)  # back to the tilted page's rows
        strip = across[max(0, upper.bottom + shift - 3):lower.top + shift + 3, left:right]
        return strip.size > 0 and strip.any(axis=0).mean() > 0.5

    rows = _rows(_cells(pieces, ruled, gap=0.9 * height))
    widest = max(rows, key=len)
    columns = [min(p.left for p in cell) for cell in sorted(widest, key=_left)]
    blocks: list[tuple[float, float, str]] = []
    for row in rows:
        if len(row) == 1:
            blocks += [(p.top, p.bottom, p.text) for p in row[0]]
            continue
        texts = _aligned(sorted(row, key=_left), columns, slack=height)
        blocks.append((min(c[0].top for c in row), max(c[-1].bottom for c in row), "\t".join(texts)))
    return blocks


def _aligned(row: list[list[Box]], columns: list[int], slack: float) -> list[str]:
    """Cell texts, with empty cells where the page's widest row has a column this one
    leaves blank (a "TOTAL" row under a five-column header)."""
    texts = [_FIGURE.sub(r"\1", " ".join(p.text for p in cell)) for cell in row]
    slots = [max([i for i, x in enumerate(columns) if x <= _left(cell) + slack] or [0]) for cell in row]
    if len(row) >= len(columns) or len(set(slots)) < len(slots):
        return texts
    out = [""] * len(columns)
    for slot, text in zip(slots, texts):
        out[slot] = text
    return out


def _left(cell: list[Box]) -> int:
    return min(p.left for p in cell)


def _pieces(words: list[tuple[tuple, Box]], gap: float) -> list[Box]:
    """Tesseract's lines (words in order), cut where a gap between words exceeds `gap`."""
    out: list[list[Box]] = []
    previous_key = None
    for key, box in words:
        if key != previous_key or not _follows(out[-1], box, gap):
            out.append([])
        out[-1].append(box)
        previous_key = key
    return [Box(run[0].left, _quartile([b.top for b in run]), run[-1].right,
                -_quartile([-b.bottom for b in run]), " ".join(b.text for b in run)) for run in out]


def _quartile(values: list[int]) -> int:
    """The lowest value but for a speck of dust: the first quartile of four or more."""
    return sorted(values)[len(values) // 4]


def _merge_lines(pieces: list[Box], gap: float) -> list[Box]:
    """Pieces of one printed line that Tesseract gave as separate lines, joined: a piece
    less than `gap` after another, or a bullet ("-", "•") and the text it introduces."""
    out: list[Box] = []
    for piece in sorted(pieces, key=lambda p: p.left):
        before = [i for i, o in enumerate(out) if _same_line(o, piece) and -gap / 2
                  < piece.left - o.right < (3 * gap if _BULLET.fullmatch(o.text) else gap)]
        if not before:
            out.append(piece)
            continue
        i = max(before, key=lambda i: out[i].right)
        o = out[i]
        out[i] = Box(o.left, min(o.top, piece.top), piece.right, max(o.bottom, piece.bottom),
                     f"{o.text} {piece.text}")
    return out


def _same_line(a: Box, b: Box) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _follows(run: list[Box], box: Box, gap: float) -> bool:
    """True when `box` comes next on the printed line of `run`, less than `gap` after it
    (Tesseract sometimes lists a column of figures as one line)."""
    middle = (box.top + box.bottom) / 2
    top, bottom = min(b.top for b in run), max(b.bottom for b in run)
    return -gap / 2 < box.left - run[-1].right < gap and top < middle < bottom


def _straighten(words: list[tuple[tuple, Box]]) -> tuple[list[tuple[tuple, Box]], float]:
    """Word boxes with the page's tilt taken out of their heights (a page scanned askew
    would make each long line as tall as two and hide the blank between paragraphs)."""
    slopes: list[float] = []
    lines: dict = {}
    for key, box in words:
        lines.setdefault(key, []).append(box)
    for boxes in lines.values():
        first, last = boxes[0], boxes[-1]
        if len(boxes) >= 4 and last.right - first.left > 400:  # pixels: a few centimetres
            slopes.append((last.bottom - first.bottom) / (last.right - first.left))
    slope = statistics.median(slopes) if slopes else 0.0
    return [(key, box._replace(top=round(box.top - slope * box.left),
                               bottom=round(box.bottom - slope * box.left)))
            for key, box in words], slope


def _cells(pieces: list[Box], ruled, gap: float) -> list[list[Box]]:
    """Pieces stacked into cells (or paragraphs): each under the one above it in the same
    column, closer than `gap`, with no rule between them (`ruled`)."""
    cells: list[list[Box]] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.left)):
        above = [cell for cell in cells if _stacks(cell[-1], piece, ruled, gap)]
        if above:
            min(above, key=lambda cell: piece.top - cell[-1].bottom).append(piece)
        else:
            cells.append([piece])
    return cells


def _stacks(upper: Box, lower: Box, ruled, gap: float) -> bool:
    left, right = max(upper.left, lower.left), min(upper.right, lower.right)
    if right <= left or not -gap / 2 < lower.top - upper.bottom < gap:
        return False
    return not ruled(upper, lower, left, right)


def _rows(cells: list[list[Box]]) -> list[list[list[Box]]]:
    """Cells grouped into rows: side by side, each starting before the first one ends."""
    rows: list[list[list[Box]]] = []
    for cell in sorted(cells, key=lambda c: (c[0].top, c[0].left)):
        row = rows[-1] if rows else None
        if row and cell[0].top < row[0][-1].bottom and not any(_overlaps(cell, o) for o in row):
            row.append(cell)
        else:
            rows.append([cell])
    return rows


def _overlaps(a: list[Box], b: list[Box]) -> bool:
    return min(p.left for p in a) < max(p.right for p in b) and min(p.left for p in b) < max(p.right for p in a)
