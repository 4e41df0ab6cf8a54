"""Add files and folders to an index, file by file, losing nothing on failure.

In: a `Sink` (the index's store), paths (files or folders), an optional progress callback
and a runner for the parse stage (in-process, process pool, Ray). Out: an `IngestReport`:
counts, the deliberations indexed per file, and `FileIssue`s for files skipped (unchanged or
duplicate content), files that failed, deliberations merged into ones already indexed and
what was noticed reading the others. Parsing may run anywhere; writing happens here only,
each file in its own transaction.

A failure at any stage of one file (read, parse, chunk, embed, write) fails that file alone:
the others of the run are indexed. An unexpected error (a bug) is reported the same way, as
"erreur interne", and logged with its traceback (logger "registre.ingest").
"""
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import tee
from pathlib import Path

import numpy as np

from registre.errors import UnreadableFile
from registre.ingest import SUPPORTED
from registre.ingest.pipeline.parallel import Runner, local_runner
from registre.ingest.pipeline.parsing import Parsed, failure, file_identity
from registre.ingest.pipeline.sink import Sink
from registre.ingest.read import display_name
from registre.records import FileIssue, StoredDocument

log = logging.getLogger("registre.ingest")

SAVE_EVERY = 50  # files between two saves of the FAISS file
# Embedding happens here, in the writer, over a window of files: the model runs one large
# batch (torch already spreads a batch over the cores), one copy of it sits in memory, and
# the embedding cache is consulted before anything is embedded. Worker processes would each
# load the model and could not see the cache. Ray workers do embed (distributed.py):
# past one machine the writer's cores are the bottleneck.
WINDOW_FILES = 16
WINDOW_TEXTS = 512


@dataclass
class IngestReport:
    """What one ingestion did. `deliberations` and `amounts` count what was indexed (not the
    deliberations merged into ones already indexed); `indexed` gives (file, deliberations
    indexed) per file added, in order; `merged` names each merge with both files."""

    files: int = 0
    deliberations: int = 0
    pages: int = 0
    amounts: int = 0
    chunks: int = 0
    indexed: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[FileIssue] = field(default_factory=list)
    failed: list[FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)
    merged: list[FileIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def fail(self, issue: FileIssue) -> None:
        """Count a failure; an unexpected one (a bug) is logged with its traceback."""
        self.failed.append(issue)
        if issue.traceback is not None:
            log.error("%s : %s (étape %s)\n%s", issue.source, issue.reason, issue.stage, issue.traceback.rstrip())


def failure_message(issue: FileIssue) -> str:
    """The one line that says why a file failed (French): "Fichier illisible : x.pdf (PDF
    protégé par mot de passe)" for a file that cannot be read, "x.pdf : écriture …" otherwise."""
    if issue.stage == "read" and issue.traceback is None:
        return UnreadableFile.message(issue.source, issue.reason)
    return f"{issue.source} : {issue.reason}"


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


def ingest_paths(store: Sink, paths: Iterable[Path],
                 progress: Callable[[Path, int, int], None] | None = None,
                 runner: Runner | None = None) -> IngestReport:
    """Ingest files with `runner` for the parse stage (default: `local_runner()`), writing
    them here, in input order; `progress(path, done, total)` follows files written."""
    report = IngestReport()
    files, others = expand(paths)
    report.skipped += [FileIssue(display_name(p), "format non pris en charge (PDF, TXT, MD seulement)")
                       for p in others]
    writer = _Writer(store, report, lambda path, done: progress(path, done, len(files)) if progress else None)
    # Files known to the index are skipped on their bytes' hash alone, before any parsing:
    # re-ingesting an unchanged corpus costs one read of each file.
    plan_for_parse, plan_for_write = tee((path, writer.skip_reason(path)) for path in files)
    parsed = (runner or local_runner())(path for path, skip in plan_for_parse if skip is None)
    try:
        for path, skip in plan_for_write:
            writer.add(path, next(parsed) if skip is None else skip)
            if writer.ready():
                writer.flush()
        writer.flush()
    finally:
        getattr(parsed, "close", lambda: None)()  # a generator: stops the workers when writing fails
        writer.save()
    return report


class _Writer:
    """The single writer: files are embedded a window at a time (one batch for the model)
    and then stored one transaction per file, in the order they came."""

    def __init__(self, store: Sink, report: IngestReport, progress: Callable[[Path, int], None]):
        self.sink = store
        self.report = report
        self.progress = progress
        self.window: list[tuple[Path, Parsed | FileIssue]] = []  # parsed files or skips, in order
        self.texts = 0
        self.window_files = 1  # doubles up to WINDOW_FILES: the first file is stored at once
        self.done = 0  # files handled: stored, skipped or failed
        self.written = 0
        self.saved_at = 0

    def skip_reason(self, path: Path) -> FileIssue | None:
        """Why a file need not be parsed, from the index alone (None: parse it)."""
        identity = file_identity(path) if path.is_file() else None
        return _known(self.sink, display_name(path), *identity) if identity else None

    def add(self, path: Path, item: Parsed | FileIssue) -> None:
        self.window.append((path, item))
        if isinstance(item, Parsed):
            self.texts += sum(len(c) for c in item.chunks)

    def ready(self) -> bool:
        return len(self.window) >= self.window_files or self.texts >= WINDOW_TEXTS

    def flush(self) -> None:
        """Embed the window's texts in one batch, then store its files one by one."""
        window, self.window, self.texts = self.window, [], 0
        self.window_files = min(2 * self.window_files, WINDOW_FILES)
        seen: dict[str, tuple[str, str]] = {}  # files of this window ahead of the current one
        to_store: list[tuple[Path, Parsed | FileIssue]] = []
        for path, item in window:
            if isinstance(item, Parsed) and item.document is not None:
                doc = item.document
                item = _known(self.sink, doc.source, doc.path, doc.sha256, seen) or item
                seen.setdefault(doc.path, (doc.sha256, doc.source))
            to_store.append((path, item))
        vectors = self._embed(to_store)
        for path, item in to_store:
            self._store(item, vectors)
            self.done += 1
            self.progress(path, self.done)

    def _embed(self, to_store: list[tuple[Path, Parsed | FileIssue]]) -> dict[str, np.ndarray]:
        """The vectors of the window's texts, in one batch; if the batch fails, file by file,
        and a file whose texts still fail is marked failed in `to_store` (stage "embed")."""
        parsed = [p for _, p in to_store if isinstance(p, Parsed) and _readable(p)]
        try:
            return self._embed_files(parsed)
        except Exception:  # noqa: BLE001 -- find the file at fault, embed the others
            pass
        vectors: dict[str, np.ndarray] = {}
        for at, (path, item) in enumerate(to_store):
            if isinstance(item, Parsed) and _readable(item):
                try:
                    vectors.update(self._embed_files([item]))
                except Exception as error:  # noqa: BLE001 -- this file alone fails
                    source = item.document.source if item.document else display_name(path)
                    to_store[at] = (path, replace(item, error=failure(source, "embed", error)))
        return vectors

    def _embed_files(self, parsed: list[Parsed]) -> dict[str, np.ndarray]:
        texts = [text for p in parsed for text in p.texts()]
        if not texts:
            return {}
        computed = None
        if all(p.vectors is not None for p in parsed):
            computed = np.concatenate([p.vectors for p in parsed if p.vectors is not None])
        return self.sink.embed_texts(texts, computed)

    def _store(self, item: Parsed | FileIssue, vectors: dict) -> None:
        report = self.report
        if isinstance(item, FileIssue):
            report.skipped.append(item)
            return
        if item.error is not None:
            report.fail(item.error)
            return
        doc, delibs = item.document, item.deliberations
        assert doc is not None  # a parse without error has its document
        try:
            stored: StoredDocument = self.sink.replace_document(doc, delibs, item.chunks, vectors)
        except Exception as error:  # noqa: BLE001 -- rolled back: this file alone fails
            report.fail(failure(doc.source, "write", error))
            return
        merged = {merge.position for merge in stored.merged}
        report.warnings += [FileIssue(doc.source, warning) for warning in doc.warnings]
        report.chunks += stored.chunks
        report.files += 1
        report.pages += len(doc.pages)
        report.deliberations += stored.deliberations
        report.indexed.append((doc.source, stored.deliberations))
        report.amounts += sum(len(d.amounts) for at, d in enumerate(delibs) if at not in merged)
        report.merged += [FileIssue(doc.source, f"{merge.label} : déjà indexée depuis {merge.kept} "
                                    f"({_EVIDENCE[merge.evidence]}), non indexée deux fois") for merge in stored.merged]
        unnumbered = sum("sans numéro" in d.flags for d in delibs)
        if unnumbered:
            report.warnings.append(FileIssue(doc.source, f"{unnumbered} délibération(s) sans numéro imprimé "
                                             "(gardée(s), repérée(s) par leur fichier et leur rang)"))
        self.written += 1
        if self.written - self.saved_at >= SAVE_EVERY:
            self.save()

    def save(self) -> None:
        """Write the FAISS file when something was added since the last save. If it cannot be
        written, the records stay committed and the vectors are rebuilt when the index is
        next opened: reported, not raised."""
        if self.written > self.saved_at:
            self.saved_at = self.written
            try:
                self.sink.save_vectors()
            except Exception as error:  # noqa: BLE001 -- the run's files are stored all the same
                issue = failure(VECTORS_SOURCE, "write", error)
                self.report.fail(replace(issue, reason=f"{issue.reason} ; refaits à la prochaine ouverture de l'index"))


VECTORS_SOURCE = "vecteurs de l'index"
_EVIDENCE = {"content": "même texte",
             "number": "même numéro, même date, même collectivité"}


def _readable(item: Parsed) -> bool:
    return item.document is not None and item.error is None


def _known(store: Sink, source: str, path: str, sha: str,
           seen: dict[str, tuple[str, str]] | None = None) -> FileIssue | None:
    """Why this file is skipped when its content is already indexed (at this path, or under
    another name), in the index or among `seen` files ((sha, source) by path) about to be written."""
    seen = seen if seen is not None else {}
    known = store.stored_file(path)
    if (known is not None and known.sha256 == sha) or seen.get(path, ("",))[0] == sha:
        return FileIssue(source, "déjà indexé, inchangé")
    twin = store.stored_content(sha)
    if twin is not None and twin.path != path:
        return FileIssue(source, f"contenu déjà indexé sous {twin.source}")
    other = next((name for p, (s, name) in seen.items() if s == sha and p != path), None)
    if other is not None:
        return FileIssue(source, f"contenu déjà indexé sous {other}")
    return None
