"""One uploaded file into the index: copied under INDEX/documents/, then ingested.

In: the engine, the documents folder, the size limit and the uploaded file. Out: (file
name, status, detail in French) for the upload table: "added", "skipped" or "failed". A file
that fails is not kept, and the version it was to replace comes back.
"""
import filecmp
import os
import re
import shutil
import unicodedata
from pathlib import Path

from registre.engine import Engine
from registre.ingest.pipeline import failure_message
from registre.ingest.read import SUPPORTED

DOCUMENTS = "documents"  # uploaded files live in INDEX/documents/


def safe_filename(name: str) -> str:
    """A file name safe to write under the documents folder: no folders, no control or
    reserved characters, no leading dot; the extension in lower case."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/")).rsplit("/", 1)[-1]
    name = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "", name).strip().lstrip(". ")
    stem, suffix = os.path.splitext(name)
    return (stem[:120].strip() or "document") + suffix.lower()


def add_upload(engine: Engine, documents: Path, max_file_bytes: int, upload: Path) -> tuple[str, str, str]:
    """Copy `upload` into `documents` (replacing a different file of the same name) and ingest it."""
    name = safe_filename(upload.name)
    if Path(name).suffix not in SUPPORTED:
        return name, "failed", "format non pris en charge (PDF, TXT, MD seulement)"
    if upload.stat().st_size > max_file_bytes:
        return name, "failed", f"fichier trop volumineux (limite {max_file_bytes // 2**20} Mo)"
    documents.mkdir(parents=True, exist_ok=True)
    target = documents / name
    backup = None
    if target.exists() and not filecmp.cmp(target, upload, shallow=False):
        backup = target.with_name(f".{name}.previous")
        os.replace(target, backup)
    if not target.exists():
        shutil.copyfile(upload, target)
    report = engine.ingest([target])
    if not engine.is_stored(target) or report.failed:
        target.unlink(missing_ok=True)
        if backup:
            os.replace(backup, target)
        if report.failed:
            failed = report.failed[0]
            return name, "failed", failure_message(failed)
    elif backup:
        backup.unlink()
    if report.skipped or not report.files:
        return name, "skipped", report.skipped[0].reason if report.skipped else "déjà indexé"
    detail = (f"{report.deliberations} délibération(s), {report.pages} page(s), {report.amounts} montant(s)"
              + (" ; remplace la version précédente" if backup else ""))
    return name, "added", "; ".join([detail] + [w.reason for w in report.warnings + report.merged])
