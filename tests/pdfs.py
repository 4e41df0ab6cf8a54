"""Test-only PDF writer, built on the rendering code of samples/build_pdfs.py."""

import importlib.util
from pathlib import Path

from locations import SAMPLES
from reportlab.platypus import PageBreak

_SOURCE = SAMPLES / "build_pdfs.py"
_spec = importlib.util.spec_from_file_location("registre_samples_build_pdfs", _SOURCE)
build_pdfs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_pdfs)


def make_pdf(path, pages):
    """Write a text PDF and return `path`.

    `pages` is a list of pages, each a list of lines; or a flat list of lines where a line
    equal to "\\f" starts a new page. Consecutive non-blank lines form one paragraph (line
    breaks kept), blank lines separate paragraphs. A line containing TABs is a table row;
    consecutive rows form one gridded table (bold, repeated header when the last cells of the
    first row hold no digits). Text is taken literally (no markdown).
    """
    if all(isinstance(p, str) for p in pages):
        split = [[]]
        for line in pages:
            if line == "\f":
                split.append([])
            else:
                split[-1].append(line)
        pages = split
    flowables = []
    for i, lines in enumerate(pages):
        if i:
            flowables.append(PageBreak())
        flowables += build_pdfs.flowables_for("\n".join(lines), page_breaks=False)
    build_pdfs.build_doc(path, flowables, title=Path(path).stem)
    return path
