"""Normalise extracted text so every reader hands the same shape to the splitter.

In: raw text of a page (from a PDF text layer or a .txt/.md extract). Out: text with
plain spaces and apostrophes, markdown emphasis and superscripts unwrapped, one line
per printed line (a page flattened into long lines gets its line breaks back,
ingest.reflow), table rows as tab-separated cells. Pure.
"""
import re

from registre.ingest.reflow import reflow

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
                         "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\r": None})
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}|<sup>(.*?)</sup>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(\S.*?)__")
_ADJACENT_BOLD = re.compile(r"\*\*\*\*")  # "**a****b**": two bold lines glued together
_ITALIC = re.compile(r"(?<![*\w])\*(\S[^*]*?)\*(?![*\w])")
_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_ESCAPE = re.compile(r"\\([_*#\[\]().-])")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def clean_text(text: str, markdown: bool = False) -> str:
    """Plain spaces and apostrophes; with `markdown`, unwrap its markup too."""
    text = text.translate(_SPACES)
    if markdown:
        text = _SUPERSCRIPT.sub(lambda m: m[1] if m[1] is not None else m[2], text)
        text = _ADJACENT_BOLD.sub("**\n**", text)
        text = _BOLD.sub(lambda m: m[1] or m[2], text)
        text = _ITALIC.sub(r"\1", text)
        text = _HEADING.sub("", text)
        text = _ESCAPE.sub(r"\1", text)
    else:
        text = _SUPERSCRIPT.sub(lambda m: m[1] if m[1] is not None else m[2], text)
    return reflow(_strip_trailing(text))


def _strip_trailing(text: str) -> str:
    # Trailing blanks carry nothing, but a tab that ends a table row is an empty cell.
    return "\n".join(
        line.rstrip(" ") if "\t" in line else line.rstrip() for line in text.split("\n")
    )
