"""Reproducible PDF registers for PDF reading tests and benchmarks, made from the samples.

In: a folder, a number of pages, a seed. Out: PDF registers (each many deliberations, one
from a sample text per deliberation, starting on a new page) drawn by the code that draws
samples/pdf (samples/build_pdfs.py): ruled tables where the sample has tab rows. Each
deliberation gets its own number, dates shifted together (convocation before séance),
amounts scaled and member surnames swapped among those of the samples. `Register` tells
which deliberation starts on which page. Same seed, same bytes.

    python -m registre.bench.pdf_corpus FOLDER --pages 500 --seed 0
"""
import argparse
import importlib.util
import random
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from reportlab.platypus import Flowable, PageBreak

from registre.bench import SAMPLES
from registre.text.french import MONTH_NAMES

# Sample texts with a deliberation number, and how often each is drawn; 004 holds the
# ruled annex (11 of its 12 pages), so it is rare, as tables are in real registers.
SOURCES = {"000": 3, "001": 3, "002": 3, "004": 0.5}
_NUMBER = re.compile(r"(?<=N°)(\s*)(\d{4})\.\d{5}|CP-\d{4}-\d{4}")
_DATE = re.compile(rf"\b(\d{{1,2}})(er)? ({'|'.join(MONTH_NAMES)}) (\d{{4}})\b", re.IGNORECASE)
_MONTHS = {name: i for i, name in enumerate(MONTH_NAMES, 1)} | {"fevrier": 2, "aout": 8, "decembre": 12}
_AMOUNT = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d{2})?(?=[ \u00a0\u202f]?(?:€|euros?\b))")
_MEMBER = re.compile(r"\b(M\.|Mme) ((?:[A-ZÉ][\w-]+ )+)([A-ZÉÈ][A-ZÉÈ'-]{2,})\b")


class Register(NamedTuple):
    path: Path
    pages: int
    deliberations: tuple[tuple[str, int], ...]  # (number, first page)


class _Mark(Flowable):
    """Draws nothing; notes the page it lands on (where a deliberation starts)."""

    def __init__(self, pages: list[int]):
        super().__init__()
        self.pages = pages

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.pages.append(self.canv.getPageNumber())


def build_corpus(folder: Path, pages: int = 500, seed: int = 0, samples: Path = SAMPLES) -> list[Register]:
    """Write registers of 10 to 80 pages into `folder` until they hold `pages` pages, drawn
    from the registers in `samples` (its .txt files, pdf/ and build_pdfs.py)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    out: list[Register] = []
    written = 0
    while written < pages:
        target = min(rng.randint(10, 80), max(1, pages - written))
        out.append(build_register(folder / f"registre-{seed}-{len(out) + 1:03d}.pdf", target, rng.randrange(2**32),
                                  samples=samples))
        written += out[-1].pages
    return out


def build_register(path: Path, pages: int, seed: int = 0, sources: dict[str, float] = SOURCES,
                   samples: Path = SAMPLES) -> Register:
    """One register of about `pages` pages (deliberations are added until the estimate
    of their pages reaches it; the true count is in the result)."""
    build_pdfs = _build_pdfs(samples)
    rng = random.Random(seed)
    texts = {stem: next(samples.glob(f"{stem}_*.txt")).read_text(encoding="utf-8") for stem in sources}
    sizes = {stem: _sample_pages(samples, stem) for stem in sources}
    surnames = sorted({m[3] for text in texts.values() for m in _MEMBER.finditer(text)})
    flowables: list[Flowable] = []
    numbers: list[str] = []
    starts: list[int] = []
    estimate = 0
    day = date(2018, 1, 8) + timedelta(days=rng.randrange(365))
    while estimate < pages:
        stem = rng.choices(list(sources), weights=list(sources.values()))[0]
        day += timedelta(days=rng.randrange(0, 15))
        text, number = _vary(texts[stem], rng, day, len(numbers) + 1, surnames)
        markdown = build_pdfs.is_markdown(text)
        flowables += [PageBreak()] if flowables else []
        flowables += [_Mark(starts), *build_pdfs.flowables_for(text, markdown, page_breaks=not markdown)]
        numbers.append(number)
        estimate += sizes[stem]
    build_pdfs.build_doc(path, flowables, title=Path(path).stem)
    total = _count_pages(path)
    return Register(Path(path), total, tuple(zip(numbers, starts)))


def _vary(text: str, rng: random.Random, day: date, seq: int, surnames: list[str]) -> tuple[str, str]:
    """The sample text as another deliberation: the number, dates, amounts and surnames
    changed, the same everywhere in the text; the new number."""
    first = _DATE.search(text)  # the séance date heads every sample
    shift = day - _parse_date(first) if first else timedelta(0)
    text = _DATE.sub(lambda m: _format_date(m, _parse_date(m) + shift), text)
    factor = Decimal(rng.choice((50, 75, 90, 110, 125, 150, 200))) / 100
    text = _AMOUNT.sub(lambda m: _scale(m[0], factor), text)
    swap = dict(zip(surnames, rng.sample(surnames, len(surnames))))
    text = _MEMBER.sub(lambda m: f"{m[1]} {m[2]}{swap.get(m[3], m[3])}", text)
    found = _NUMBER.search(text)
    number = f"CP-{day.year}-{seq:04d}" if found and found[0].startswith("CP-") else f"{day.year}.{seq:05d}"
    return _NUMBER.sub(lambda m: number if m[0].startswith("CP-") else f"{m[1]}{number}", text), number


def _parse_date(m: re.Match) -> date:
    month = _MONTHS.get(m[3].lower(), 1)
    return date(int(m[4]), month, min(int(m[1]), 28) if month == 2 else min(int(m[1]), 30))


def _format_date(m: re.Match, day: date) -> str:
    month = MONTH_NAMES[day.month - 1]
    month = month.upper() if m[3].isupper() else month
    first = f"{day.day:02d}" if len(m[1]) == 2 else str(day.day)
    return f"{first}{'er' if m[2] and day.day == 1 else ''} {month} {day.year}"


def _scale(raw: str, factor: Decimal) -> str:
    value = Decimal(re.sub(r"\s", "", raw).replace(",", ".")) * factor
    cents = "," in raw
    whole = f"{int(value):,}".replace(",", " ")
    return f"{whole},{int(value * 100) % 100:02d}" if cents else whole


def _build_pdfs(samples: Path):
    """samples/build_pdfs.py, the code that draws the sample PDFs."""
    spec = importlib.util.spec_from_file_location("registre_samples_build_pdfs", samples / "build_pdfs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sample_pages(samples: Path, stem: str) -> int:
    return _count_pages(next((samples / "pdf").glob(f"{stem}_*.pdf")))


def _count_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def main(argv: list[str] | None = None) -> list[Register]:
    parser = argparse.ArgumentParser(prog="python -m registre.bench.pdf_corpus", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=500, help="pages in all (default 500)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="registres d'exemple (défaut : ./samples)")
    args = parser.parse_args(argv)
    registers = build_corpus(args.folder, args.pages, args.seed, args.samples)
    print(f"{len(registers)} registres, {sum(r.pages for r in registers)} pages, "
          f"{sum(len(r.deliberations) for r in registers)} délibérations dans {args.folder}")
    return registers


if __name__ == "__main__":
    main()
