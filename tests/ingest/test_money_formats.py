"""Money as registers print it: every form of the development corpora reads as one amount."""

from decimal import Decimal

import pytest

from registre.text.french import find_amounts


@pytest.mark.parametrize("printed, value", [
    ("9.000 euros", Decimal(9000)),  # VMM_2019.00207: dot thousands
    ("12 500,00 €", Decimal(12500)),  # VMM_bureau_2022-03-17
    ("1,2 M€", Decimal(1200000)),  # VMM_bureau_2023-05-11, DHV_CP-2024-0145
    ("83\n000 €", Decimal(83000)),  # DHV_CP_2022-09-12: a line breaks the figure
    ("1751,73 euros", Decimal("1751.73")),  # preuilly: the title to issue
    ("1751.73€", Decimal("1751.73")),  # preuilly: the same in the table, dot decimal
    ("273 769.28 €", Decimal("273769.28")),  # couthenans 2021-04-09
    ("3.30€", Decimal("3.30")),  # preuilly: a tariff
    ("11.741€", Decimal(11741)),  # couthenans 2022-01-21: three digits after the dot
    ("620.000€", Decimal(620000)),
    ("20'000 €", Decimal(20000)),  # couthenans 2021-06-04: apostrophe thousands
    ("8'355,59€", Decimal("8355.59")),
    ("5 Md€", Decimal(5) * 10 ** 9),  # couthenans 2022-10-28
    ("800 millions d'euros", Decimal(800) * 10 ** 6),
    ("2500€", Decimal(2500)),
    ("seize mille euros", Decimal(16000)),
    ("quatre-vingt-dix mille cinq cents euros", Decimal(90500)),
    ("deux millions d'euros", Decimal(2000000)),
])
def test_one_amount_per_printed_form(printed, value):
    ((found, (start, end)),) = find_amounts(f"une somme de {printed} ;")
    assert found == value
    assert f"une somme de {printed} ;"[start:end] == printed


def test_words_then_figures_are_one_amount():
    """VMM_2025.00089: "seize mille euros (16 000 €)" is one amount, read from the figures."""
    text = "une subvention de seize mille euros\n(16 000 €) ;"
    ((value, (start, end)),) = find_amounts(text)
    assert (value, text[start:end]) == (16000, "16 000 €")


def test_a_decimal_length_is_not_money():
    """preuilly: "12.753 kms" is a length; the unit price beside it is money."""
    assert [v for v, _ in find_amounts("Artère aérienne 12.753 kms 55.44€")] == [Decimal("55.44")]


def test_figures_before_a_scale_word_are_not_read_twice():
    assert [v for v, _ in find_amounts("un budget excédentaire d'environ 10 millions d'euros")] == [10 ** 7]
