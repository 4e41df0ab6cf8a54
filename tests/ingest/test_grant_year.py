"""The year a grant is for, as printed, else the séance's."""

import datetime as dt

import pytest
from dev_corpus import item

from registre.ingest.grant_year import item_year, recalled_year, year_for
from registre.records import DECISION_KINDS
from registre.text.fold import fold


@pytest.mark.parametrize("text, year", [
    ("attribue une subvention de 18 000 € au titre de l'année 2021 ;", 2021),
    ("une subvention de 85 000 € à l'agence Morence Entreprendre pour l'année 2023", 2023),
    ("INCLUSION NUMERIQUE - SOUTIEN A L'ASSOCIATION NUMERIKEO - SUBVENTION 2022", 2022),
    ("pour l'édition 2024 du festival", 2024),
    ("Sport - aide aux clubs évoluant au niveau national - saison 2022-2023", 2022),  # the first year
    ("Maintient la subvention de 32 000 € attribuée à l'association du Festival pour 2020 ;", 2020),
    ("Attribue au titre du programme départemental d'insertion 2022 les subventions", 2022),
    ("PLIE - SOUTIEN AUX STRUCTURES D'INSERTION - JARDINS D'EMERAUDE - ANNEE 2019", 2019),
    ("une subvention de 2 000 € pour 2 000 € de dépenses", None),  # an amount is not a year
    ("par délibération n° 2021.00388 du 8 juillet 2021", None),  # a number, a date: not what a grant is for
])
def test_year_for(text, year):
    assert year_for(fold(text)) == year


def test_item_year_falls_back_to_the_seance():
    assert item_year(fold("Subvention à la coopérative scolaire - classe découverte"), dt.date(2018, 10, 11)) == 2018
    assert item_year(fold("CONVENTION AVEC LE VMBF - SAISON 2023-2024"), dt.date(2023, 5, 11)) == 2023


def test_recalled_year():
    text = "Pour la saison précédente, la Métropole lui avait apporté un soutien de 75 000 €."
    assert recalled_year(text, fold(text), 2023) == 2022
    text = "Par délibération n° 2023.00410 du 11 mai 2023, le Bureau a attribué … 7 500 €"
    assert recalled_year(text, fold(text), 2023) == 2023
    text = "soutenue à hauteur de 20 000 € en 2022 (décision n° CP-2022-1187)"
    assert recalled_year(text, fold(text), 2023) == 2022


def years(name, key=None):
    return [(a.value, a.year) for a in item(name, key).amounts if a.kind in DECISION_KINDS]


def test_grant_years_in_the_corpora():
    assert years("VMM_2019.00207.pdf") == [(9000, 2019)]  # "pour l'année 2019"
    assert years("VMM_bureau_2023-05-11.pdf", "2023.00414") == [(80000, 2023)]  # title "SAISON 2023-2024"
    assert years("DHV_CP_2022-09-12.pdf", "CP-2022-1190") == [(22000, 2022), (6000, 2022), (9000, 2022),
                                                             (14000, 2022)]  # "saison 2022-2023"
    assert years("VMM_conseil_2024-02-08.pdf", "2024.00033") == [(45000, 2024)]  # "pour l'édition 2024"
    assert years("DHV_CP-2020-0412.pdf") == [(32000, 2020)]  # "pour 2020"
    assert years("RSD_CM_2018-10-11.pdf", "2018-041") == [(450, 2018)]  # nothing printed: the séance's year
    assert years("preuilly-sur-claise_2020-07-23.pdf", "2020-038") == [(2500, 2020)]
