"""What a PDFium page holds, read cheaply: its printed lines, its images, its rules.

In: an open pypdfium2 page (and its text page). Out: lines as (top, bottom, text) blocks
in reading order, top to bottom, as pdfplumber's `extract_text_lines` gives them; the
boxes of its images; whether its drawings may make a ruled table. Calls PDFium's C API
directly (pypdfium2.raw): one call per character or object, no Python object per char.
"""
import ctypes

import pypdfium2.raw as pdfium_c

Block = tuple[float, float, str]  # top, bottom (from the top of the page), text
Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF units)

SAME_LINE = 3.0  # pieces of text whose tops are this close (pt) print on one line (pdfplumber's y_tolerance)
RULE = 3.0  # pdfplumber drops edges shorter than this (pt): such a path rules no table
_BREAK = {0x0D, 0x0A}
_HYPHEN = 0x02  # PDFium's code for a hyphen that ends a line
_MAX_SEGMENTS = 64  # segments looked at to tell a ruled frame from a drawing (a logo)


def text_lines(textpage, page_height: float) -> list[Block]:
    """The printed lines of a page, top to bottom; pieces on one line joined left to right.

    A character spans its font size up from its font's descent, as in pdfplumber, so the
    gaps between lines, which tell paragraphs apart, are the ones pdfplumber measures."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    unicode, charbox, size = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetFontSize
    box = pdfium_c.FS_RECTF()
    pieces, chars, left, top, bottom = [], [], None, 0.0, 0.0
    for i in range(count):
        code = unicode(textpage, i)
        if code not in _BREAK:
            chars.append("-" if code == _HYPHEN else chr(code))
            if code != 0x20 and charbox(textpage, i, box):
                low = page_height - box.bottom
                if left is None:
                    left, top, bottom = box.left, low - size(textpage, i), low
                else:
                    top, bottom = min(top, low - size(textpage, i)), max(bottom, low)
            if code != _HYPHEN:  # PDFium ends a hyphenated line with it, without a break
                continue
        if chars and left is not None:
            pieces.append((top, bottom, left, " ".join("".join(chars).split())))
        chars, left = [], None
    if chars and left is not None:
        pieces.append((top, bottom, left, " ".join("".join(chars).split())))
    return _lines(pieces)


def _lines(pieces: list) -> list[Block]:
    # Pieces whose tops lie within SAME_LINE of each other, chained, make one line (as
    # pdfplumber clusters characters): a signature block's two names print side by side.
    lines: list = []
    group: list = []
    for piece in sorted(piece for piece in pieces if piece[3]):
        if group and piece[0] - group[-1][0] > SAME_LINE:
            lines.append(_join(group))
            group = []
        group.append(piece)
    if group:
        lines.append(_join(group))
    return lines


def _join(group: list) -> Block:
    text = " ".join(piece[3] for piece in sorted(group, key=lambda piece: piece[2]))
    return min(piece[0] for piece in group), max(piece[1] for piece in group), text


def drawing(page) -> tuple[list[Box], bool]:
    """The boxes of a page's images, and whether its paths may rule a table: a frame (a
    path drawn both ways without curves) or two rules across and two down."""
    images: list[Box] = []
    counts = {"across": 0, "down": 0, "frame": 0}
    _walk(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, images, counts)
    ruled = counts["frame"] > 0 or (counts["across"] >= 2 and counts["down"] >= 2)
    return images, ruled


def _walk(parent, count_objects, get_object, images: list[Box], counts: dict, depth: int = 0) -> None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(count_objects(parent)):
        obj = get_object(parent, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            _walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, images, counts, depth + 1)
            continue
        if kind not in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append((left.value, bottom.value, right.value, top.value))
            continue
        width, height = right.value - left.value, top.value - bottom.value
        if width >= RULE and height >= RULE:
            counts["frame"] += not _has_curves(obj)
        elif width >= RULE:
            counts["across"] += 1
        elif height >= RULE:
            counts["down"] += 1


def _has_curves(path) -> bool:
    segments = pdfium_c.FPDFPath_CountSegments(path)
    for i in range(min(segments, _MAX_SEGMENTS)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return True
    return False


def image_share(images: list[Box], width: float, height: float) -> float:
    """The part of the page (0–1) its images cover, each clipped to the page."""
    area = 0.0
    for left, bottom, right, top in images:
        area += max(0.0, min(right, width) - max(left, 0)) * max(0.0, min(top, height) - max(bottom, 0))
    return min(1.0, area / (width * height)) if width and height else 0.0
