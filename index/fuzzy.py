"""Names as people type them: "Weejob", "WEEEJOB", "emmaus" all reach what the registers print.

In: a SQLite connection holding the `vocabulary` table, a query or a name. Out: the
vocabulary words a query word stands for (typos, case, accents), and the stored names
(beneficiaries, titles, people) that best match a name, with their deliberations.
"""
import re
import sqlite3
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from registre.index.analyzer import fold

WORD_SCORE = 84  # rapidfuzz ratio for one typed word to stand for a vocabulary word
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class NameMatch:
    deliberation_id: int
    kind: str
    name: str
    score: float


class Vocabulary:
    """The words and names of an index, reloaded when the index grows or shrinks."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._stamp: tuple | None = None
        self._words: list[str] = []
        self._names: list[tuple[int, str, str, str]] = []

    def _refresh(self) -> None:
        # max(rowid) reads one b-tree page; data_version moves when another connection writes.
        stamp = (self.conn.execute("SELECT max(rowid) FROM vocabulary").fetchone()[0],
                 self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        if stamp == self._stamp:
            return
        rows = self.conn.execute("SELECT deliberation_id, kind, name, folded FROM vocabulary").fetchall()
        self._names = [tuple(row) for row in rows]
        words = {w for *_, folded in self._names for w in _WORD.findall(folded) if len(w) >= 4}
        self._words = sorted(words)
        self._stamp = stamp

    def similar_words(self, query: str) -> list[str]:
        """Vocabulary words close to the query's words but spelled differently."""
        self._refresh()
        extra: list[str] = []
        for word in _WORD.findall(fold(query)):
            if len(word) < 4:
                continue
            for found, score, _ in process.extract(word, self._words, scorer=fuzz.ratio, limit=3):
                if score >= WORD_SCORE and found != word and found not in extra:
                    extra.append(found)
        return extra

    def match_names(self, name: str, kinds: tuple[str, ...] = ("beneficiary", "title", "person", "word"),
                    threshold: float = 80) -> list[NameMatch]:
        """Stored names containing the typed name (fuzzily), best first."""
        self._refresh()
        wanted = fold(name)
        out = []
        for delib_id, kind, stored, folded in self._names:
            if kind in kinds:
                score = fuzz.partial_ratio(wanted, folded) if len(wanted) <= len(folded) else fuzz.ratio(wanted, folded)
                if score >= threshold:
                    out.append(NameMatch(delib_id, kind, stored, score))
        return sorted(out, key=lambda m: -m.score)
