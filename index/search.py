"""Hybrid search: BM25 (FTS5) and vectors (FAISS) fused by reciprocal rank, per deliberation.

In: a `Store`, a query, k and `Filters` (year, date range, instance, collectivité, ACTES
matière, granted amount between bounds), applied before ranking. Out: `SearchResult`s,
one per deliberation, best first, each with its best chunks as `Hit`s and a snippet with
the matched words in bold. A deliberation is returned only with lexical evidence or a
close vector match: no noise for a query that matches nothing.
"""
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np

from registre.index import fts, ledger_sql
from registre.index.fuzzy import Vocabulary
from registre.index.store import Store
from registre.records import Hit, SearchResult
from registre.text.analyzer import query_terms, tokens

RRF_K = 60
POOL = 100  # candidates taken from each ranking before fusion
RANKED_ROWS = 2000  # FTS5 computes BM25 for every row a MATCH finds (µs each): rank at most this many
VECTOR_ONLY_FLOOR = 0.55  # cosine needed for a deliberation found by vectors alone
YEAR_BONUS = 0.02  # a year typed in the query favours that year's deliberations (about one rank)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_NUMBER = re.compile(r"\b(?:[A-Z]{1,5}[-_]?)?\d{2,4}[./_-]\d{2,6}(?:[-_]\d+)?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Filters:
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    instance: str | None = None
    collectivite: str | None = None
    matiere: str | None = None  # an ACTES code ("7.5"), or a matière ("7": every 7.x)
    granted_min: Decimal | None = None  # what the deliberation grants (index.ledger), bounds included
    granted_max: Decimal | None = None

    def sql(self) -> tuple[str, list[object]]:
        clauses: list[str] = ["d.duplicate_of IS NULL"]
        args: list[object] = []
        if self.year:
            clauses.append("d.year = ?")
            args.append(self.year)
        if self.date_from:
            clauses.append("d.date >= ?")
            args.append(self.date_from.isoformat())
        if self.date_to:
            clauses.append("d.date <= ?")
            args.append(self.date_to.isoformat())
        for column, value in (("instance", self.instance), ("collectivite", self.collectivite)):
            if value:
                clauses.append(f"d.{column} LIKE ?")
                args.append(f"%{value}%")
        if self.matiere:
            clauses.append("(d.matiere = ? OR d.matiere LIKE ?)" if "." not in self.matiere else "d.matiere = ?")
            args += [self.matiere, f"{self.matiere}.%"] if "." not in self.matiere else [self.matiere]
        granted, bounds = ledger_sql.granted_filter(self.granted_min, self.granted_max)
        return " AND ".join(clauses + granted), args + bounds


class Searcher:
    def __init__(self, store: Store):
        self.store = store
        self.vocabulary = Vocabulary(store.conn)
        self._recent: dict[str, np.ndarray] = {}
        self._memo: dict = {}
        self._memo_stamp: tuple | None = None

    def search(self, query: str, k: int = 10, filters: Filters = Filters()) -> list[SearchResult]:
        where, args = filters.sql()
        if not query.strip() or self.store.vectors.ntotal == 0:
            return []
        allowed = None if filters == Filters() else self._allowed(filters)
        if allowed is not None and not len(allowed):
            return []
        expanded = " ".join([query, *self.vocabulary.similar_words(query)])
        lexical = self._bm25(expanded, filters)
        vector = self._vectors(query, allowed)
        fused: dict[int, float] = {}
        for ranking in (lexical, [cid for cid, _ in vector]):
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        close = {cid for cid, score in vector if score >= VECTOR_ONLY_FLOOR}
        evidence = set(lexical) | close
        numbered = self._numbered(query, where, args)
        years = {int(y) for y in _YEAR.findall(query)}
        return self._group(fused, evidence, numbered, years, expanded, k)

    def _bm25(self, query: str, filters: Filters) -> list[int]:
        """Chunk ids ranked by BM25 over the query's rare terms (those in at most RANKED_ROWS
        chunks): a word found everywhere adds almost nothing to BM25 but costs a score per
        row. When every term is frequent, the chunks holding them all, ranked if few."""
        found = [term for term in query_terms(query) if self._rows_matching(fts.any_of([term]))]
        if not found:
            return []
        rare = [term for term in found if self._rows_matching(fts.any_of([term])) <= RANKED_ROWS]
        if rare:
            return self._fts(fts.any_of(rare), filters, ranked=True)
        every = fts.all_of(found)
        return self._fts(every, filters, ranked=self._rows_matching(every) <= RANKED_ROWS)

    def _fts(self, expression: str, filters: Filters, ranked: bool) -> list[int]:
        order = " ORDER BY bm25(chunks_fts)" if ranked else ""
        if filters == Filters():  # duplicates have no chunks: no join to make
            sql, args = f"SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ?{order} LIMIT ?", list[object]()
        else:
            where, args = filters.sql()
            sql = ("SELECT f.rowid FROM chunks_fts f JOIN chunks c ON c.id = f.rowid"
                   f" JOIN deliberations d ON d.id = c.deliberation_id WHERE chunks_fts MATCH ? AND {where}"
                   f"{order} LIMIT ?")
        return [row[0] for row in self.store.conn.execute(sql, [expression, *args, POOL])]

    def _rows_matching(self, expression: str) -> int:
        """How many chunks match, counted up to RANKED_ROWS + 1."""
        return self._remembered(("count", expression), lambda: self.store.conn.execute(
            "SELECT count(*) FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)",
            (expression, RANKED_ROWS + 1)).fetchone()[0])

    def _allowed(self, filters: Filters) -> np.ndarray:
        """The ids of the chunks that pass the filters (vectors are searched among them)."""
        where, args = filters.sql()
        return self._remembered(("allowed", filters), lambda: np.fromiter((row[0] for row in self.store.conn.execute(
            f"SELECT c.id FROM chunks c JOIN deliberations d ON d.id = c.deliberation_id WHERE {where}", args)),
            dtype=np.int64))

    def _remembered(self, key, compute):
        """`compute()`, remembered until the index changes (a write here or by another process)."""
        stamp = self.store.generation()
        if stamp != self._memo_stamp or len(self._memo) > 4096:
            self._memo, self._memo_stamp = {}, stamp
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _vectors(self, query: str, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        vector = self._query_vector(query)
        return self.store.vectors.search(np.asarray(vector, dtype=np.float32), POOL, allowed)

    def _query_vector(self, query: str) -> np.ndarray:
        """The query's embedding; the last few are kept, as ask and search often repeat one."""
        if query not in self._recent:
            if len(self._recent) >= 256:
                self._recent.pop(next(iter(self._recent)))
            self._recent[query] = self.store.embedder.embed([query])[0]
        return self._recent[query]

    def _numbered(self, query: str, where: str, args: list) -> set[int]:
        """Deliberations whose printed number the query names."""
        numbers = [m[0] for m in _NUMBER.finditer(query)]
        if not numbers:
            return set()
        rows = self.store.conn.execute(
            f"SELECT d.id FROM deliberations d WHERE {where} AND upper(d.number) IN"
            f" ({','.join('?' * len(numbers))})", [*args, *[n.upper() for n in numbers]])
        return {row[0] for row in rows}

    def _group(self, fused, evidence, numbered, years, query, k) -> list[SearchResult]:
        rows = self._chunk_rows(list(fused))
        in_years = self._in_years(years)
        per_delib: dict[int, list[Hit]] = {}
        for chunk_id, score in sorted(fused.items(), key=lambda item: -item[1]):
            row = rows.get(chunk_id)
            if row is None:
                continue
            per_delib.setdefault(row["deliberation_id"], []).append(
                Hit(chunk_id, row["deliberation_id"], score, row["section"], row["text"], row["page"]))
        scored = []
        for delib_id, hits in per_delib.items():
            if delib_id not in numbered and not any(h.chunk_id in evidence for h in hits):
                continue
            score = hits[0].score + 0.3 * sum(h.score for h in hits[1:3]) + (1.0 if delib_id in numbered else 0)
            score += YEAR_BONUS if delib_id in in_years else 0
            scored.append((score, delib_id, hits))
        for delib_id in numbered - set(per_delib):
            scored.append((1.0, delib_id, []))
        scored.sort(key=lambda item: -item[0])
        return [self._result(delib_id, score, hits, query) for score, delib_id, hits in scored[:k]]

    def _in_years(self, years: set[int]) -> set[int]:
        if not years:
            return set()
        rows = self.store.conn.execute(
            f"SELECT id FROM deliberations WHERE year IN ({','.join('?' * len(years))})", sorted(years))
        return {row[0] for row in rows}

    def _chunk_rows(self, ids: list[int]) -> dict[int, dict]:
        out = {}
        for start in range(0, len(ids), 500):
            batch = ids[start:start + 500]
            for row in self.store.conn.execute(
                    f"SELECT id, deliberation_id, section, text, page FROM chunks WHERE id IN"
                    f" ({','.join('?' * len(batch))})", batch):
                out[row["id"]] = row
        return out

    def _result(self, delib_id: int, score: float, hits: list[Hit], query: str) -> SearchResult:
        row = self.store.conn.execute("SELECT * FROM deliberations WHERE id = ?", (delib_id,)).fetchone()
        best = hits[0] if hits else None
        return SearchResult(
            deliberation_id=delib_id, deliberation=row["number"],
            date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
            title=row["title"], instance=row["instance"], collectivite=row["collectivite"],
            source=row["source"], page=best.page if best else row["first_page"], score=score,
            snippet=snippet(best.text if best else (row["title"] or ""), query), hits=tuple(hits),
        )


def snippet(text: str, query: str, width: int = 240) -> str:
    """About `width` characters of `text` around the first matched word, matches in **bold**."""
    wanted = set(tokens(query))
    words = list(re.finditer(r"\w+", text))
    matched = [m for m in words if _word_tokens(m[0]) & wanted]
    center = matched[0].start() if matched else 0
    start = max(0, center - width // 3)
    piece = re.sub(r"\s+", " ", text[start:start + width]).strip()
    for word in sorted({m[0] for m in matched}, key=len, reverse=True):
        piece = re.sub(rf"(?<![\w*]){re.escape(word)}(?![\w*])", f"**{word}**", piece)
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


@lru_cache(maxsize=65536)
def _word_tokens(word: str) -> frozenset[str]:
    """A word's analysis, remembered: snippets analyse the same words over and over."""
    return frozenset(tokens(word))
