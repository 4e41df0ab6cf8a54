"""A 2,000-page register reads in bounded memory, with page progress and every deliberation.

The register is made from the samples (eval.pdf_corpus), a few of its pages hold ruled
tables. It is read in a fresh process, so that its resident memory is that of one read.

Bounds, from a run that measured 13 MB of growth between page 200 and page 2,003 and a
peak 53 MB over the warmed-up process (read and parse_document):
- past page 200, the resident set may grow by what the kept text needs (the Document holds
  every page, about 7 kB each in Python strings, 13 MB here) plus slack: 40 MB. A page
  object kept alive (pdfplumber's parsed characters, a PDFium page) costs hundreds of kB
  a page, 200 MB or more over these 1,800 pages;
- the peak over the whole read and parse stays under 150 MB (about three times the run).
"""
import json
import subprocess
import sys

import pytest

from registre.bench.pdf_corpus import build_register

PAGES = 2000
FEW_TABLES = {"000": 3, "001": 3, "002": 3, "004": 0.1}
_CHILD = """
import json, resource, sys
from pathlib import Path
from registre.ingest import parse_document, read_file

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

read_file(Path(sys.argv[2]))  # libraries loaded, as in a long ingest
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
calls, rss = [], {}
def on_page(done, total):
    calls.append((done, total))
    if done in (200, total):
        rss[done] = rss_mb()
doc = read_file(Path(sys.argv[1]), on_page=on_page)
delibs = parse_document(doc)
print(json.dumps({
    "calls": calls, "rss": [rss[200], rss[max(rss)]],
    "peak_growth": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base,
    "pages": [page.number for page in doc.pages],
    "deliberations": [[d.number, d.first_page] for d in delibs],
}))
"""


@pytest.mark.slow
def test_two_thousand_pages_in_bounded_memory(tmp_path, sample_file, samples_dir):
    register = build_register(tmp_path / "registre-2000.pdf", PAGES, seed=7, sources=FEW_TABLES, samples=samples_dir)
    assert register.pages >= PAGES
    run = subprocess.run([sys.executable, "-c", _CHILD, str(register.path), str(sample_file("004", "pdf"))],
                         capture_output=True, text=True, check=True)
    out = json.loads(run.stdout)
    assert out["calls"] == [[n, register.pages] for n in range(1, register.pages + 1)]
    assert out["pages"] == list(range(1, register.pages + 1))
    assert [tuple(d) for d in out["deliberations"]] == list(register.deliberations)
    at_200, at_end = out["rss"]
    assert at_end - at_200 < 40, out["rss"]
    assert out["peak_growth"] < 150, out["peak_growth"]
