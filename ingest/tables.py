"""Table rows of a deliberation, each with the column headers it falls under.

In: deliberation text, where table rows are lines of tab-separated cells (as both
readers leave them). Out: `TableRow`s in order; a table continued on a later page
without its header gets the last header with as many columns. Pure.
"""
import re

from registre.ingest import patterns as p
from registre.records import TableRow

_NUMERIC = re.compile(r"^\s*(?:\d[\d .,]*\d|\d)\s*(?:€|euros?|%)?\s*$", re.IGNORECASE)
_RULE = re.compile(r"^[\s\t\-|=_]*$")


def table_rows(text: str) -> list[TableRow]:
    rows: list[TableRow] = []
    headers: list[tuple[str, ...]] = []
    group: str | None = None
    for line in p.lines(text):
        if "\t" not in line.text:
            stripped = line.text.strip()
            if stripped and not p.ANNEX.match(stripped):
                group = stripped[:200]
            continue
        if _RULE.match(line.text):
            continue
        cells = tuple(re.sub(r"\s+", " ", cell).strip() for cell in line.text.split("\t"))
        if _is_header(cells):
            headers.append(cells)
            continue
        header = _header_for(cells, headers)
        rows.append(TableRow(line.start, line.end, cells, header, group))
    return rows


def _is_header(cells: tuple[str, ...]) -> bool:
    filled = [cell for cell in cells if cell]
    return len(filled) >= 2 and not any(_NUMERIC.match(cell) for cell in filled) \
        and all(len(cell) < 80 for cell in filled)


def _header_for(cells: tuple[str, ...], headers: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    for header in reversed(headers):
        if len(header) == len(cells):
            return header
    return headers[-1] if headers else None


def is_numeric(cell: str) -> bool:
    return bool(_NUMERIC.match(cell))
