"""Names as people type them: "Weejob", "WEEEJOB", "emmaus" all reach what the registers print.

In: a SQLite connection holding the `vocabulary` table, a query or a name. Out: the
vocabulary words a query word stands for (typos, case, accents), and the stored names
(beneficiaries, titles, people) that best match a name, with their deliberations.
"""
import bisect
import re
import sqlite3
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from registre.index.schema import generation
from registre.text.fold import fold

WORD_SCORE = 84  # rapidfuzz ratio for one typed word to stand for a vocabulary word
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class NameMatch:
    deliberation_id: int
    kind: str
    name: str
    score: float


class Vocabulary:
    """The words and names of an index, reloaded when the index changes.

    The table holds one row per (name, deliberation): a name printed in thousands of
    deliberations (a president, a common word) is matched once, then expanded to them.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._stamp: tuple | None = None
        self._words: list[str] = []
        self._folded: list[str] = []  # distinct folded names by length, the choices matched against
        self._lengths: list[int] = []
        self._entries: dict[str, list[tuple[str, str, tuple[int, ...]]]] = {}  # folded → (kind, name, ids)

    def _refresh(self) -> None:
        stamp = generation(self.conn)
        if stamp == self._stamp:
            return
        entries: dict[str, list[tuple[str, str, tuple[int, ...]]]] = {}
        for folded, kind, name, ids in self.conn.execute(
                "SELECT folded, kind, name, group_concat(deliberation_id) FROM vocabulary GROUP BY folded, kind, name"):
            entries.setdefault(folded, []).append((kind, name, tuple(map(int, ids.split(",")))))
        self._entries, self._folded = entries, sorted(entries, key=len)
        self._lengths = [len(folded) for folded in self._folded]
        self._words = sorted({w for folded in entries for w in _WORD.findall(folded) if len(w) >= 4})
        self._stamp = stamp

    def has_word(self, word: str) -> bool:
        """True when a stored name holds this (folded) word."""
        self._refresh()
        at = bisect.bisect_left(self._words, word)
        return at < len(self._words) and self._words[at] == word

    def similar_words(self, query: str) -> list[str]:
        """Vocabulary words close to the query's words but spelled differently."""
        self._refresh()
        extra: list[str] = []
        for word in _WORD.findall(fold(query)):
            if len(word) < 4:
                continue
            for found, _, _ in process.extract(word, self._words, scorer=fuzz.ratio,
                                               score_cutoff=WORD_SCORE, limit=3):
                if found != word and found not in extra:
                    extra.append(found)
        return extra

    def match_names(self, name: str, kinds: tuple[str, ...] = ("beneficiary", "title", "person", "word"),
                    threshold: float = 80) -> list[NameMatch]:
        """Stored names containing the typed name (fuzzily), best first: a name longer than
        the typed one may contain it (partial ratio); a shorter one must be close to it whole.
        Each rule is one rapidfuzz pass over the distinct names."""
        self._refresh()
        wanted = fold(name)
        split = bisect.bisect_left(self._lengths, len(wanted))
        scores = {folded: score for folded, score, _ in process.extract(
            wanted, self._folded[split:], scorer=fuzz.partial_ratio, score_cutoff=threshold, limit=None)}
        scores |= {folded: score for folded, score, _ in process.extract(
            wanted, self._folded[:split], scorer=fuzz.ratio, score_cutoff=threshold, limit=None)}
        out = [NameMatch(delib_id, kind, stored, score) for folded, score in scores.items()
               for kind, stored, ids in self._entries[folded] if kind in kinds for delib_id in ids]
        return sorted(out, key=lambda m: -m.score)
