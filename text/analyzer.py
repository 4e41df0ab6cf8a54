"""French text analysis for search: the same analysis for stored text and for queries.

In: raw French text (a chunk to index, or a user's query).
Out: folded, stopword-free, Snowball-stemmed tokens (`tokens`), the same joined by spaces
for a full-text column (`analyze`), and the distinct tokens of a query (`query_terms`).
Pure apart from a per-thread PyStemmer instance (PyStemmer objects are not thread-safe).
"""
import re
import threading

import Stemmer

from registre.text.fold import fold

MAX_QUERY_TOKENS = 64

_ELISION = re.compile(r"\b(?:jusqu|lorsqu|puisqu|qu|l|d|n|s|j|c|m|t)'")
_WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset({  # folded, so "à" is "a" and "où" is "ou"
    "le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "et", "a", "au", "aux", "en",
    "pour", "par", "sur", "dans", "que", "qui", "qu", "quoi", "dont", "est", "sont", "etre",
    "ete", "ce", "cet", "cette", "ces", "ceci", "cela", "ca", "son", "sa", "ses", "leur",
    "leurs", "il", "elle", "ils", "elles", "on", "se", "s", "ne", "n", "y", "ou", "avec",
    "sans", "sous", "entre", "mais", "ni", "car", "donc", "je", "j", "tu", "nous", "vous", "me",
    "m", "te", "t", "lui", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos", "votre",
    "vos", "c",
})
_local = threading.local()


def tokens(text: str) -> list[str]:
    """Folded, elision-free, stopword-free, stemmed words of `text`; numbers kept as is."""
    words = _WORD.findall(_ELISION.sub(" ", fold(text)))
    kept = [w for w in words if w not in _STOPWORDS]
    stemmer = _stemmer()
    return [w if w.isdigit() else stemmer.stemWord(w) for w in kept]


def analyze(text: str) -> str:
    """The text to store in an FTS5 column: `tokens(text)` joined by spaces."""
    return " ".join(tokens(text))


def query_terms(query: str) -> list[str]:
    """The distinct tokens of a query, in order, at most MAX_QUERY_TOKENS."""
    return list(dict.fromkeys(tokens(query)))[:MAX_QUERY_TOKENS]


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("french")
    return stemmer
