"""Register files in, `Deliberation` records out.

`read_file(path)` opens a file (ingest.read); `parse_document(document)` splits it into
deliberations with sections, metadata, amounts and ACTES matière.
"""
import dataclasses
from collections import Counter

from registre.ingest.amounts import find_deliberation_amounts
from registre.ingest.matiere import matiere_of
from registre.ingest.metadata import read_metadata
from registre.ingest.read import SUPPORTED, ReadLimits, read_file
from registre.ingest.sections import split_sections
from registre.ingest.split import split_document
from registre.records import Deliberation, Document

__all__ = ["SUPPORTED", "ReadLimits", "parse_document", "read_file"]


def parse_document(doc: Document) -> tuple[Deliberation, ...]:
    repeated = repeated_page_lines(doc)
    out: list[Deliberation] = []
    for shell in split_document(doc):
        delib = dataclasses.replace(shell, sections=split_sections(shell, repeated))
        delib = read_metadata(delib, seance=out[0] if out else None)
        delib = dataclasses.replace(delib, sections=split_sections(delib, repeated))
        delib = dataclasses.replace(delib, amounts=find_deliberation_amounts(delib))
        out.append(_with_matiere(delib))
    return tuple(out)


def _with_matiere(delib: Deliberation) -> Deliberation:
    code, printed = matiere_of(delib)
    evidence = delib.evidence + ((("matiere", printed),) if printed else ())
    return dataclasses.replace(delib, matiere=code, evidence=evidence)


def repeated_page_lines(doc: Document) -> frozenset[str]:
    """Lines printed at the top or bottom of most pages: running headers and footers."""
    if len(doc.pages) < 3:
        return frozenset()
    seen: Counter[str] = Counter()
    for page in doc.pages:
        lines = [line.strip() for line in page.text.split("\n") if line.strip()]
        seen.update(set(lines[:2] + lines[-2:]))
    floor = max(3, len(doc.pages) // 2 + 1)
    return frozenset(line for line, count in seen.items() if count >= floor and len(line) < 150)
