"""Add files and folders to an index, file by file, losing nothing on failure.

In: a `Store`, paths (files or folders), an optional progress callback. Out: an
`IngestReport`: counts, files skipped (unchanged or duplicate content) and files that
failed with their one-line reason. Each file is stored in its own transaction.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from registre.errors import RegistreError, UnreadableFile
from registre.index.store import Store
from registre.ingest import SUPPORTED, parse_document, read_file

SAVE_EVERY = 50  # files between two saves of the FAISS file


@dataclass
class IngestReport:
    files: int = 0
    deliberations: int = 0
    pages: int = 0
    amounts: int = 0
    chunks: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(files to read, files of an unsupported type found in folders): files named, and the
    files under folders named (sorted, recursive, hidden ones left out)."""
    out: list[Path] = []
    others: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        for found in sorted(path.rglob("*")):
            if found.is_file() and not any(p.startswith(".") for p in found.relative_to(path).parts):
                (out if found.suffix.lower() in SUPPORTED else others).append(found)
    return out, others


def ingest_paths(store: Store, paths: Iterable[Path],
                 progress: Callable[[Path, int, int], None] | None = None) -> IngestReport:
    report = IngestReport()
    files, others = expand(paths)
    report.skipped += [f"{p.name} : format non pris en charge (PDF, TXT, MD seulement)" for p in others]
    for done, path in enumerate(files):
        if progress:
            progress(path, done, len(files))
        try:
            _ingest_file(store, path, report)
        except RegistreError as error:
            report.failed.append(str(error))
        except OSError as error:
            report.failed.append(str(UnreadableFile(path.name, error.strerror or str(error))))
        if done % SAVE_EVERY == SAVE_EVERY - 1:
            store.save_vectors()
    store.save_vectors()
    return report


def _ingest_file(store: Store, path: Path, report: IngestReport) -> None:
    if not path.exists():
        raise UnreadableFile(path.name, "fichier introuvable")
    doc = read_file(path)
    report.warnings += doc.warnings
    known = store.document_by_path(doc.path)
    if known is not None and known["sha256"] == doc.sha256:
        report.skipped.append(f"{doc.source} : déjà indexé, inchangé")
        return
    twin = store.document_by_sha(doc.sha256)
    if twin is not None and twin["path"] != doc.path:
        report.skipped.append(f"{doc.source} : contenu déjà indexé sous {twin['source']}")
        return
    delibs = parse_document(doc)
    report.chunks += store.replace_document(doc, delibs)
    report.files += 1
    report.pages += len(doc.pages)
    report.deliberations += len(delibs)
    report.amounts += sum(len(d.amounts) for d in delibs)
    report.warnings += [f"{doc.source} : délibération sans numéro imprimé (gardée, repérée par son fichier)"
                        for d in delibs if "sans numéro" in d.flags]
