"""The one way text is folded for matching.

In: any text. Out: the same text in lower case, accents removed, ligatures spelled out
(œ → oe, æ → ae) and typographic apostrophes made straight. Pure.
"""
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "’": "'", "‘": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """"Cœur d’Émeraude" → "coeur d'emeraude"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
