"""When two deliberations are one by their content, and how a merge names them."""
import dataclasses
import datetime as dt
from functools import cache

from locations import SAMPLES

from registre.index.identity import content_hash, merge_label
from registre.ingest import parse_document, read_file


@cache
def deliberations(name: str):
    return parse_document(read_file(next(SAMPLES.rglob(name))))


def test_a_register_and_its_pdf_have_one_content_hash():
    (text,) = deliberations("003_d3aa0306cb671a35.txt")
    (pdf,) = deliberations("003_d3aa0306cb671a35.pdf")
    assert text.text != pdf.text and content_hash(text) == content_hash(pdf)


def test_the_same_words_on_another_day_or_by_another_collectivite_are_another_deliberation():
    (delib,) = deliberations("003_d3aa0306cb671a35.txt")
    assert content_hash(dataclasses.replace(delib, date=dt.date(2021, 1, 5))) != content_hash(delib)
    assert content_hash(dataclasses.replace(delib, collectivite="Ville de Lyon")) != content_hash(delib)
    assert content_hash(dataclasses.replace(delib, text=delib.text + "\n")) == content_hash(delib)


def test_labels_name_a_deliberation_by_its_number_or_its_rank_and_title():
    (numbered,) = deliberations("000_678f1116b57b2cf4.txt")
    (unnumbered,) = deliberations("003_d3aa0306cb671a35.txt")
    assert merge_label(numbered, 0) == "n° 2022.00159 du 14 avril 2022"
    assert merge_label(unnumbered, 2) == ("délibération 3 (sans numéro) « ACCES ET ACCOMPAGNEMENT DANS L'EMPLOI - "
                                          "SOUTIEN A L'ASSOCIAT » du 19 novembre 2020")
    assert merge_label(dataclasses.replace(unnumbered, title=None, date=None), 0) == "délibération 1 (sans numéro)"
