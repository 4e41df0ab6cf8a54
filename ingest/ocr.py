"""Scanned PDF pages to text, through Tesseract in French.

In: an open pypdfium2 page to read (`needs_ocr` says which: no usable text layer).
Out: an `OcrPage` (render at `dpi`, OCR, release the bitmap):
blocks of text (top, bottom, text) in reading order, table rows as tab-separated cells
(ingest.layout), and the mean confidence of the page's words (0–100).
`repair_amounts` fixes the OCR misreadings of euro amounts that are safe to fix.
"""
import os
import re
import statistics
from functools import cache
from typing import NamedTuple

import numpy as np

from registre.ingest.layout import Box, layout, rules

LANG = "fra"
INSTALL = "installez tesseract-ocr-fra"
MISSING = f"pas de couche texte ; {INSTALL}"
MIN_LETTERS = 20       # a text layer with fewer letters is as good as none...
MIN_WORDLIKE = 0.5     # ... and so is one where under half of the words are pronounceable
MIN_IMAGE_SHARE = 0.25  # a page a quarter covered by images may be a scan under a stamp
_GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")  # unmapped glyphs
_WORD = re.compile(r"[^\W\d_]{2,}")
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
_WORDLIKE = re.compile(rf"(?=.*[{_VOWELS}])(?!.*[^{_VOWELS}\W]{{5}})[a-zçÿ{_VOWELS}'-]+")
_RULE_CHARS = re.compile(r"[|\[\]{}_~¦]+")  # table rules read as characters


class OcrPage(NamedTuple):
    index: int  # type: ignore[assignment]  # the page's number from 0, not tuple.index
    blocks: list[tuple[float, float, str]]
    confidence: float | None


def usable_text(text: str) -> bool:
    """True when a text layer reads as text: at least MIN_LETTERS letters, few unmapped
    glyphs, and at least MIN_WORDLIKE of its words with a vowel and no run of 5 consonants."""
    garbage = len(_GARBAGE.findall(text))
    text = _GARBAGE.sub(" ", text)
    if _letters(text) < MIN_LETTERS or garbage * 10 > len(text.split()):
        return False
    words = _WORD.findall(text)
    wordlike = sum(1 for word in words if _WORDLIKE.fullmatch(word.lower()))
    return wordlike >= MIN_WORDLIKE * len(words)


def needs_ocr(text: str, image_share: float) -> bool:
    """True for a page to read by OCR: its text layer is not usable and it is garbled (many
    letters, few words), or an image covers MIN_IMAGE_SHARE of it, or it has no text but
    an image. `image_share` is the part of the page that images cover (0–1)."""
    if usable_text(text):
        return False
    letters = _letters(text)
    garbled = letters >= MIN_LETTERS or _GARBAGE.search(text) is not None
    return garbled or image_share >= MIN_IMAGE_SHARE or (not letters and image_share > 0)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


@cache
def ocr_missing() -> str | None:
    """Why OCR cannot run here (Tesseract or its French data absent), or None."""
    try:
        import pytesseract

        languages = pytesseract.get_languages(config="")
    except Exception:  # ImportError, TesseractNotFoundError, a broken install
        return MISSING
    return None if LANG in languages else MISSING


def ocr_page(page, index: int, dpi: int) -> OcrPage:
    """OCR one open pypdfium2 page (0-based `index`); its bitmap is released before return."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads only slow it down
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    gray = np.array(bitmap.to_pil().convert("L"))
    bitmap.close()
    blocks, confidence = read_image(gray)
    return OcrPage(index, blocks, confidence)


def read_image(gray: np.ndarray) -> tuple[list[tuple[float, float, str]], float | None]:
    """Text blocks of a page image (grey levels) and the mean confidence of its words."""
    import pytesseract
    from PIL import Image

    across, down = rules(gray)
    # Rules erased: Tesseract misses the figures that touch them.
    clean = Image.fromarray(np.where(across | down, 255, gray).astype(np.uint8))
    data = pytesseract.image_to_data(clean, lang=LANG, output_type=pytesseract.Output.DICT)
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
        words.append((key, Box(left, top, left + data["width"][i], top + data["height"][i], text)))
        confidences.append(conf)
    if not words:
        return [], None
    return layout(words, across), round(statistics.fmean(confidences), 1)


# An amount-like token before € or euros: digits, in groups of three after the first,
# where an O/o stands for 0 and an l/I for 1 (first character a digit).
_SLIPS = str.maketrans("OolI", "0011")
_AMOUNT_TOKEN = re.compile(
    r"(?<![\w,.])(\d[\dOolI]*(?:[ .][\dOolI]{3})*(?:,[\dOolI]{1,2})?)(?=\s?(?:€|euros?\b))")


def repair_amounts(text: str) -> str:
    """'11 0O0 €' → '11 000 €', '1l 500 euros' → '11 500 euros'; nothing else is touched
    (in '11 000 C' the C might not be a €: it stays)."""
    def fix(m: re.Match) -> str:
        token = m[1]
        return token.translate(_SLIPS) if sum(c.isdigit() for c in token) >= 2 else token
    return _AMOUNT_TOKEN.sub(fix, text)
