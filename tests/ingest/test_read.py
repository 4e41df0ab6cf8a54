"""Text extracts of every kind read to the same pages: encodings, markdown, form feeds."""

import pytest

from registre.ingest import parse_document, read_file


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_latin1_copy_reads_with_a_warning_and_same_records(tmp_path, parsed, sample_file, stem):
    original = sample_file(stem, "txt")
    copy = tmp_path / original.name
    # Windows' Latin-1 (cp1252) is what such extracts use: it also holds "€", "œ" and "’".
    copy.write_bytes(original.read_text(encoding="utf-8").encode("cp1252"))
    doc = read_file(copy)
    assert doc.warnings == ("encodage Latin-1 (cp1252) lu, pas UTF-8",)
    doc_utf8, delibs = parsed(stem, "txt")
    assert doc.text == doc_utf8.text
    assert parse_document(doc) == delibs


def test_strict_latin1_reads_too(tmp_path):
    path = tmp_path / "cm.txt"
    path.write_bytes("DELIBERATION N° 2024-001\nOBJET : Crèche « Les Câlins »\n".encode("latin-1"))
    doc = read_file(path)
    assert doc.text == "DELIBERATION N° 2024-001\nOBJET : Crèche « Les Câlins »\n"
    assert len(doc.warnings) == 1
    (delib,) = parse_document(doc)
    assert (delib.number, delib.title) == ("2024-001", "Crèche « Les Câlins »")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_markdown_is_unwrapped(tmp_path, suffix):
    path = tmp_path / f"extrait{suffix}"
    path.write_text(
        "**EXTRAIT DU REGISTRE DES DELIBERATIONS**\n\n"
        "## **DELIBERATION N° 2024-007**\n\n"
        "Au titre de la 1^{ère} tranche, la 4<sup>ème</sup> Vice-Présidente **rapporte** :\n"
        "- **attribue une subvention de 1 500 € à l'association Les Amis du Parc ;**\n",
        encoding="utf-8")
    text = read_file(path).text
    assert text == (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\n\n"
        "DELIBERATION N° 2024-007\n\n"
        "Au titre de la 1ère tranche, la 4ème Vice-Présidente rapporte :\n"
        "- attribue une subvention de 1 500 € à l'association Les Amis du Parc ;\n")


def test_markdown_sample_has_no_markup_left(parsed):
    doc, (_delib,) = parsed("001", "txt")
    for mark in ("**", "<sup>", "</sup>", "^{", "\\_", "## "):
        assert mark not in doc.text
    assert "4ème Vice-Présidente" in doc.text
    assert "99_DE-042-244200770-20221006-D2022004520" in doc.text


def test_superscript_without_other_markdown(parsed):
    doc, _ = parsed("004", "txt")
    assert "^{" not in doc.text
    assert "Au titre de la 1ère tranche de programmation" in doc.text


def test_form_feeds_make_pages(tmp_path):
    path = tmp_path / "seance.txt"
    path.write_text(
        "SEANCE DU CONSEIL MUNICIPAL DU 12 FEVRIER 2024\n\n"
        "DELIBERATION N° 2024-017\nOBJET : Subvention aux Amis du Parc\n\n"
        "L'association anime le parc.\n\f"
        "Le Conseil municipal, après en avoir délibéré :\n"
        "- attribue une subvention de 1 500 € à l'association Les Amis du Parc ;\n\n"
        "Adopté à l'unanimité.\n\f"
        "DELIBERATION N° 2024-018\nOBJET : Tarifs de la cantine\n\n"
        "Les tarifs sont revus chaque année.\n",
        encoding="utf-8")
    doc = read_file(path)
    assert [page.number for page in doc.pages] == [1, 2, 3]
    assert doc.pages[2].text.startswith("DELIBERATION N° 2024-018")
    first, second = parse_document(doc)
    assert (first.first_page, first.last_page, second.first_page, second.last_page) == (1, 2, 3, 3)
    (grant,) = first.amounts
    assert (grant.value, grant.page) == (1500, 2)


def test_crlf_and_nonbreaking_spaces(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("DELIBERATION N° 2024-020\r\nOBJET : Subvention\r\n\r\n"
                     "- attribue une subvention de 11\u202f000\u00a0€ au club de judo ;\r\n"
                     .encode("utf-8"))
    doc = read_file(path)
    assert "\r" not in doc.text
    assert "11 000 €" in doc.text


def test_every_sample_has_its_pdf(sample_file):
    for stem in ("000", "001", "002", "003", "004"):
        assert sample_file(stem, "txt").stem == sample_file(stem, "pdf").stem
