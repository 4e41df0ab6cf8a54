"""FTS5 MATCH strings built from user text: the one place that escapes full-text queries.

In: a query, or its analyzed terms (registre.text.analyzer). Out: MATCH strings where every
term is a quoted string, so FTS5 operators typed by a user (NEAR, *, -, :, AND…) are searched
as words, never interpreted. Pure.
"""
from registre.text.analyzer import query_terms


def match_expression(query: str) -> str | None:
    """Quoted distinct tokens of `query` joined by OR (at most MAX_QUERY_TOKENS), or None."""
    terms = query_terms(query)
    return any_of(terms) if terms else None


def any_of(terms: list[str]) -> str:
    return " OR ".join(_quoted(term) for term in terms)


def all_of(terms: list[str]) -> str:
    return " AND ".join(_quoted(term) for term in terms)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'
