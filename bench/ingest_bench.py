"""Ingest speed: pages per second of generated PDF registers, parsed and fully indexed.

In: a work folder, a number of pages, a seed. Out: a dict: the corpus (files, pages, pages
with ruled tables), parse-only pages/s with one worker and with one per core (reading,
tables, splitting, metadata, amounts, chunks), full ingest pages/s with the default
embedder into a new index, the cost of ingesting the same folder again, and OCR pages/s on
image-only pages rendered from the corpus.
"""
import time
from pathlib import Path
from typing import Any

from registre.bench import SAMPLES
from registre.bench.pdf_corpus import build_corpus
from registre.ingest.pipeline.parallel import local_runner, worker_count
from registre.settings import DEFAULTS, Settings

SCANNED_PAGES = 4
SCAN_DPI = 200


def measure_ingest(workdir: Path, pages: int = 500, seed: int = 0, samples: Path = SAMPLES,
                   settings: Settings = DEFAULTS) -> dict:
    from registre.engine import Engine

    corpus = workdir / f"pdf-corpus-{pages}"
    registers = build_corpus(corpus, pages, seed, samples)
    files = [register.path for register in registers]
    total = sum(register.pages for register in registers)
    out: dict[str, Any] = {"ingest_files": len(files), "ingest_pages": total}
    for workers in sorted({1, worker_count(settings.workers)}):
        start = time.perf_counter()
        parsed = list(local_runner(workers)(files))
        out[f"parse_pages_per_s_{workers}w"] = round(total / (time.perf_counter() - start), 1)
    out["ingest_errors"] = sum(p.error is not None for p in parsed)
    engine = Engine.open(workdir / f"index-pdf-{pages}", settings=settings)
    start = time.perf_counter()
    report = engine.ingest([corpus])
    first = time.perf_counter() - start
    start = time.perf_counter()
    engine.ingest([corpus])
    again = time.perf_counter() - start
    out |= {"ingest_pages_per_s": round(report.pages / first, 1), "ingest_embedder": engine.embedder.name,
            "ingest_chunks": report.chunks, "reingest_s": round(again, 2),
            "reingest_share": round(again / first, 4), "ocr_pages_per_s": _ocr_pages_per_s(files[0], workdir)}
    return out


def _ocr_pages_per_s(source: Path, workdir: Path) -> float | None:
    """Pages/s of OCR on the first pages of `source` rendered as images (None without Tesseract)."""
    import pypdfium2

    from registre.ingest.ocr import ocr_missing
    from registre.ingest.read import read_file

    if ocr_missing():
        return None
    pdf = pypdfium2.PdfDocument(source)
    images = [pdf[n].render(scale=SCAN_DPI / 72).to_pil().convert("L") for n in range(min(SCANNED_PAGES, len(pdf)))]
    scanned = workdir / "scanned.pdf"
    images[0].save(scanned, format="PDF", save_all=True, append_images=images[1:], resolution=SCAN_DPI)
    start = time.perf_counter()
    read_file(scanned)
    return round(len(images) / (time.perf_counter() - start), 2)
