"""The development corpora as tests read them: each file parsed once per session.

`item(name, key)` is the deliberation of file `name` (under eval/corpus/fictional/pdf,
eval/corpus/real/docs or samples/) whose number is `key`, or whose title starts with it.
"""
from functools import cache

from locations import CORPUS, SAMPLES

from registre.ingest import parse_document, read_file

FOLDERS = (CORPUS / "fictional" / "pdf", CORPUS / "real" / "docs", SAMPLES)


@cache
def deliberations(name: str):
    (path,) = [folder / name for folder in FOLDERS if (folder / name).exists()]
    return parse_document(read_file(path))


def item(name: str, key: str | None = None):
    delibs = deliberations(name)
    if key is None:
        (only,) = delibs
        return only
    (found,) = [d for d in delibs if d.number == key or (d.title or "").startswith(key)]
    return found


def kinds(delib) -> list[tuple]:
    """(value, kind) of every amount, in text order."""
    return [(a.value, a.kind) for a in delib.amounts]


def of_kind(delib, *wanted: str) -> list:
    return [a for a in delib.amounts if a.kind in wanted]
