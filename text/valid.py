"""Make extracted text valid Unicode, whatever the reader handed over.

In: the text of a page as a PDF text layer, OCR or a decoded text file gave it: it may hold
UTF-16 surrogates (PDFium hands a character beyond the BMP, an emoji, as two code units, and
a broken file as one), NUL and other control characters, private-use glyphs of symbol fonts
(Wingdings arrows, Symbol bullets), noncharacters, or letters and
accents not composed (NFD). Out: `Valid`: the text in NFC that can be encoded in UTF-8, stored
and hashed, with the count of each kind of character replaced; `describe` words these counts
in French for the file's warning. Pure.
"""
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

REPLACEMENT = "\ufffd"
# Glyphs of the Symbol and Wingdings fonts that office software maps into the private-use
# area (U+F000 + the font's code): the bullets and arrows of minutes and lists.
SYMBOL_GLYPHS = {
    "\uf02d": "-", "\uf06e": "■", "\uf076": "❖", "\uf0a7": "▪", "\uf0b7": "•", "\uf0d8": "➢",
    "\uf0e0": "→", "\uf0e8": "→", "\uf0f0": "⇨", "\uf0fc": "✓",
}
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
# Everything that may need a repair; text without any of it (almost all) is only normalised.
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef"
                      r"\ufffe\uffff\U000f0000-\U0010ffff]")

# What was done to each kind of character, in French (one, several), in the order said.
KINDS = {
    "pair": ("paire UTF-16 recomposée", "paires UTF-16 recomposées"),
    "surrogate": ("demi-caractère UTF-16 isolé (surrogate) remplacé", "demi-caractères UTF-16 isolés (surrogates) remplacés"),
    "nul": ("octet nul supprimé", "octets nuls supprimés"),
    "control": ("caractère de contrôle remplacé", "caractères de contrôle remplacés"),
    "private": ("glyphe d'usage privé remplacé", "glyphes d'usage privé remplacés"),
    "noncharacter": ("non-caractère Unicode remplacé", "non-caractères Unicode remplacés"),
}


@dataclass(frozen=True, slots=True)
class Valid:
    text: str
    replaced: Counter[str] = field(default_factory=Counter)  # by kind (KINDS)
    normalised: bool = False  # composed into NFC

    @property
    def changed(self) -> bool:
        return self.normalised or bool(self.replaced)


def make_valid(text: str) -> Valid:
    """`text` with every character that is not valid, printable text replaced (a surrogate
    pair is joined into its character; a lone surrogate, a private-use glyph not known as a
    symbol and a noncharacter (U+FFFE…) become U+FFFD; NUL is removed; a vertical tab, a form
    feed or a line separator becomes a line break, another control character a space), then
    composed into NFC. A tab and a line break are kept; a carriage return ends a line."""
    replaced: Counter[str] = Counter()
    if _SUSPECT.search(text):
        text = _replace(text, replaced)
    composed = text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    return Valid(composed, replaced, composed != text)


def describe(valid: Valid) -> str:
    """"texte rendu valide : 2 demi-caractères UTF-16 isolés (surrogates) remplacés, Unicode
    composé (NFC)"; "" when the text was valid as read."""
    said = [f"{valid.replaced[kind]} {KINDS[kind][valid.replaced[kind] > 1]}" for kind in KINDS
            if valid.replaced[kind]]
    said += ["Unicode composé (NFC)"] if valid.normalised else []
    return "texte rendu valide : " + ", ".join(said) if said else ""


def _replace(text: str, replaced: Counter[str]) -> str:
    text = text.replace("\r\n", "\n")
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        code = ord(char)
        if 0xD800 <= code <= 0xDBFF and i + 1 < size and 0xDC00 <= ord(text[i + 1]) <= 0xDFFF:
            out.append(chr(0x10000 + ((code - 0xD800) << 10) + (ord(text[i + 1]) - 0xDC00)))
            replaced["pair"] += 1
            i += 2
            continue
        out.append(_one(char, code, replaced))
        i += 1
    return "".join(out)


def _one(char: str, code: int, replaced: Counter[str]) -> str:
    if char == "\t" or char == "\n":
        return char
    if char == "\r":
        replaced["control"] += 1
        return "\n"
    if char == "\x00":
        replaced["nul"] += 1
        return ""
    if char in _LINE_BREAKS:
        replaced["control"] += 1
        return _LINE_BREAKS[char]
    category = unicodedata.category(char)
    if category == "Cs":
        replaced["surrogate"] += 1
        return REPLACEMENT
    if category == "Cc":
        replaced["control"] += 1
        return " "
    if category == "Co":
        replaced["private"] += 1
        return SYMBOL_GLYPHS.get(char, REPLACEMENT)
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        replaced["noncharacter"] += 1
        return REPLACEMENT
    return char

