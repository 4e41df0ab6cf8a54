"""Property-based tests: mutated real pages and random text thrown at the reader, the splitter
and the metadata and amount extractors.

Pages come from the samples and the development corpora (text layers; the scans are left out
to spare their OCR); mutations delete, duplicate and shuffle lines and blocks, cut pages short
and inject control characters, NUL, lone surrogates, private-use glyphs and decomposed accents.
Whatever comes in: no exception but `UnreadableFile` from the reader, text that leaves the
reader valid, deliberations that tile the document, sections that tile each deliberation, and
every offset (amounts, evidence, pages) within bounds. Derandomised: the same examples on
every run and machine, so `make test` stays reproducible.
"""
import unicodedata
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import CORPUS, SAMPLES

from registre.errors import UnreadableFile
from registre.ingest import parse_document, read_file
from registre.records import Document, Page

SCANNED = {"DHV_CP-2023-0298.pdf", "RSD_CM_2019-06-27.pdf", "couthenans_2022-10-28.pdf"}  # read by OCR: slow
FOLDERS = (SAMPLES, SAMPLES / "pdf", CORPUS / "fictional" / "pdf", CORPUS / "real" / "docs")
INJECTED = ["\x00", "\x01", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ud83d", "\ude0a", "\ud83d\ude0a", "\ud800",
            "\uf0e0", "\uf0b7", "\ue123", "\ufffe", "e\u0301", "\u2028", "\r", "\t", "€", "N°", " 1 500 € ", "\n\n"]
EXAMPLES = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def real_pages() -> tuple[tuple[str, ...], ...]:
    """The pages of every text-layer file of the samples and development corpora."""
    files = sorted(path for folder in FOLDERS for path in folder.iterdir()
                   if path.suffix in (".pdf", ".txt") and path.name not in SCANNED)
    return tuple(tuple(page.text for page in read_file(path).pages) for path in files)


@st.composite
def mutated_pages(draw) -> list[str]:
    """Some pages of one real file (in order, or a few of them), each maybe mutated."""
    pages = list(draw(st.sampled_from(real_pages())))
    if len(pages) > 3:
        start = draw(st.integers(0, len(pages) - 1))
        pages = pages[start:start + draw(st.integers(1, 3))]
    return [draw(mutated(page)) for page in pages]


@st.composite
def mutated(draw, page: str) -> str:
    lines = page.split("\n")
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "inject", "truncate", "shuffle", "keep"]))
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "inject":
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(st.sampled_from(INJECTED)) + line[cut:]
        elif kind == "truncate":
            text = "\n".join(lines)
            lines = text[:draw(st.integers(0, len(text)))].split("\n")
        elif kind == "shuffle":
            blocks = "\n".join(lines).split("\n\n")
            lines = "\n\n".join(draw(st.permutations(blocks))).split("\n")
    return "\n".join(lines)


def document(pages: list[str]) -> Document:
    return Document("mutated.txt", "/mutated.txt", "0" * 64, "txt",
                    tuple(Page(n, text) for n, text in enumerate(pages, 1)))


def assert_sound(doc: Document) -> None:
    """Parse `doc`: deliberations tile it, sections tile each, every offset lies within bounds."""
    delibs = parse_document(doc)
    assert delibs, "a document with text gives at least one deliberation"
    assert "".join(d.text for d in delibs) == doc.text
    at = 0
    for delib in delibs:
        assert delib.start == at
        at += len(delib.text)
        assert "".join(s.text for s in delib.sections) == delib.text
        end = 0
        for section in delib.sections:
            assert section.start == end and delib.text[section.start:section.end] == section.text
            end = section.end
        assert end == len(delib.text)
        assert 1 <= delib.first_page <= delib.last_page <= len(doc.pages)
        assert list(delib.page_offsets) == sorted(delib.page_offsets)
        assert all(0 <= offset <= len(delib.text) for offset in delib.page_offsets)
        assert 0 <= delib.heading <= len(delib.text)
        for amount in delib.amounts:
            assert 0 <= amount.start < amount.end <= len(delib.text)
            assert delib.first_page <= amount.page <= delib.last_page
            assert amount.value >= 0
        for _, evidence in delib.evidence:
            assert 0 <= delib.start + evidence.start <= delib.start + evidence.end <= len(doc.text)
            assert 1 <= evidence.page <= len(doc.pages)


@EXAMPLES
@given(mutated_pages())
def test_mutated_real_pages_parse_soundly(pages):
    assert_sound(document(pages))


@EXAMPLES
@given(mutated_pages())
def test_mutated_real_pages_leave_the_reader_valid(tmp_path_factory, pages):
    path = tmp_path_factory.mktemp("read") / "registre.txt"
    path.write_bytes("\f".join(pages).encode("utf-8", "surrogatepass"))  # a lone surrogate as broken bytes
    try:
        doc = read_file(path)
    except UnreadableFile:
        return  # empty once mutated, or too many control bytes: refused in one line
    for page in doc.pages:
        assert_valid(page.text)
    assert_sound(doc)


@EXAMPLES
@given(st.text(max_size=3000))
def test_random_text_parses_soundly(text):
    assert_sound(document([text]))


@EXAMPLES
@given(st.lists(st.text(alphabet=st.sampled_from(list("DÉLIBÉRATION N°2024-0123 du 12 février séance Objet : "
                                                      "subvention 1 500,00 € association Pour Contre votants\n\t.")),
                        max_size=400), min_size=1, max_size=4))
def test_random_register_like_pages_parse_soundly(pages):
    assert_sound(document(pages))


@EXAMPLES
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md"]))
def test_random_bytes_are_read_or_refused_in_one_line(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"registre{suffix}"
    path.write_bytes(data)
    read_or_refused(path)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.data())
def test_damaged_pdfs_are_read_or_refused_in_one_line(tmp_path_factory, data):
    original = (SAMPLES / "pdf" / "001_40a7a0cda50e6dc9.pdf").read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "drop"]))
        if action == "flip":
            damaged[at] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del damaged[at:]
        else:
            del damaged[at:at + data.draw(st.integers(1, 400))]
        damaged = damaged or bytearray(b"%")
    path = tmp_path_factory.mktemp("pdf") / "registre.pdf"
    path.write_bytes(bytes(damaged))
    read_or_refused(path)


def assert_valid(text: str) -> None:
    text.encode("utf-8")  # no surrogate
    assert unicodedata.is_normalized("NFC", text)
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Co") for c in text if c not in "\n\t")


def test_the_pages_are_real():
    assert len(real_pages()) == 40 and all(any(page.strip() for page in pages) for pages in real_pages())


def read_or_refused(path):
    """A file is read into valid, sound pages, or refused in one line."""
    try:
        doc = read_file(path)
    except UnreadableFile as error:
        assert "\n" not in str(error)
        return
    for page in doc.pages:
        assert_valid(page.text)
    assert_sound(doc)
