"""The test PDF writer gives back its lines and tables through pdfplumber."""

import pdfplumber
from pdfs import make_pdf


def test_lines_and_pages_read_back(tmp_path):
    pages = [
        ["DELIBERATION N°2022.00159", "PLAN D’ACTIONS PLIE - ACTION WEEEJOB", "",
         "- valide le financement de l’action Weeejob à hauteur de 11 000 € ;"],
        ["Ce dossier a été adopté à l’unanimité.", "« Emmaüs Connect » & cœur <test>"],
    ]
    path = make_pdf(tmp_path / "a.pdf", pages)
    assert path == tmp_path / "a.pdf"
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        assert pdf.metadata["Title"] == "a"
        texts = [p.extract_text().splitlines() for p in pdf.pages]
    assert texts == [[line for line in page if line] for page in pages]


def test_flat_list_with_form_feed_and_table(tmp_path):
    lines = [
        "ANNEXE 1",
        "Porteur\tTerritoire\tCoût\tContribution",
        "Relais emploi / PIMMS\tQuartier Montreynaud\t49 010\t20 000",
        "",
        "Face au job / FACE\tQuartiers prioritaires de SEM\t54 067\t18 000",
        "---\t----\t--\t--",
        "\f",
        "TOTAL PRIORITE 3",
    ]
    path = make_pdf(tmp_path / "b.pdf", lines)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        tables = pdf.pages[0].find_tables()
        assert len(tables) == 1
        assert tables[0].extract() == [
            ["Porteur", "Territoire", "Coût", "Contribution"],
            ["Relais emploi / PIMMS", "Quartier Montreynaud", "49 010", "20 000"],
            ["Face au job / FACE", "Quartiers prioritaires de SEM", "54 067", "18 000"],
        ]
        header_fonts = {c["fontname"] for c in pdf.pages[0].chars if c["text"] == "P"}
        assert any("Bold" in f for f in header_fonts)
        assert pdf.pages[1].extract_text() == "TOTAL PRIORITE 3"


def test_long_table_repeats_header(tmp_path):
    rows = ["Action\tObjectifs de l'action\tMontant"]
    rows += [f"Action {i}\t{'objectif très long ' * 12}\t{i} 000" for i in range(40)]
    path = make_pdf(tmp_path / "c.pdf", [rows])
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) > 1
        for page in pdf.pages:
            (table,) = page.find_tables()
            assert table.extract()[0] == ["Action", "Objectifs de l'action", "Montant"]
        found = [" ".join(r[0].split()) for p in pdf.pages for r in p.find_tables()[0].extract()[1:]]
    assert found == [f"Action {i}" for i in range(40)]
