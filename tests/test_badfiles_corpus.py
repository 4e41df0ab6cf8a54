"""The bad-input corpus writer produces every kind, with the expected sizes and bytes."""

from pathlib import Path

import badfiles
from locations import SAMPLES
from reportlab.pdfgen import canvas

MiB = 1024 * 1024


def _good_pdf(path: Path, text: str) -> Path:
    c = canvas.Canvas(str(path), invariant=1)
    y = 800
    for line in filter(None, (s.strip() for s in text.splitlines())):
        c.drawString(40, y, line[:100])
        y -= 14
        if y < 50:
            c.showPage()
            y = 800
    c.save()
    return path


def test_corpus_files_exist_with_expected_size_class(tmp_path):
    good_text = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    good_pdf = _good_pdf(tmp_path / "good.pdf", good_text)
    items = badfiles.write_bad_corpus(tmp_path / "bad", good_text, good_pdf)

    names = [i.name for i in items]
    assert len(names) == len(set(names)) == 18
    assert {i.outcome for i in items} <= {"fail", "ok", "skip"}
    assert all(i.reason == i.reason.lower() for i in items)
    by_name = {i.name: i for i in items}
    assert by_name["truncated.pdf"].reason == "pdf endommagé"  # reportlab cut: unreadable
    assert by_name["broken_xref.pdf"] == badfiles.BadInput("broken_xref.pdf", "ok", "réparé")

    data = {}
    for name in names:
        path = tmp_path / "bad" / name
        assert path.is_file(), name
        size = path.stat().st_size
        if name.startswith("empty."):
            assert size == 0, name
        elif name == "huge.pdf":
            assert size > 100 * MiB
        else:
            assert 0 < size < MiB, name
            data[name] = path.read_bytes()

    assert data["blank.txt"].strip() == b""
    assert data["duplicate_of_good.txt"] == good_text.encode("utf-8")
    assert data["utf16.txt"].startswith(b"\xff\xfe")
    assert data["utf16.txt"][2:].decode("utf-16-le") == good_text
    assert b"\x00" in data["nul_bytes.txt"]
    assert data["nul_bytes.txt"].replace(b"\x00", b"") == good_text.encode("utf-8")
    for name in ("latin1.txt", "binary.txt"):
        try:
            data[name].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise AssertionError(f"{name} should not be valid UTF-8")
    assert b"\x00" in data["binary.txt"]
    assert data["not_a_pdf.pdf"].lstrip().lower().startswith(b"<!doctype html")
    for name in ("zero_pages.pdf", "truncated.pdf", "encrypted.pdf", "broken_xref.pdf",
                 "image_only.pdf", "merged_cells.pdf"):
        assert data[name].startswith(b"%PDF-"), name
    assert b"/Encrypt" in data["encrypted.pdf"]
    assert data["notes.docx"].startswith(b"PK")

    again = badfiles.write_bad_corpus(tmp_path / "again", good_text, good_pdf)
    assert again == items
    for name, content in data.items():
        assert (tmp_path / "again" / name).read_bytes() == content, f"{name} not deterministic"
