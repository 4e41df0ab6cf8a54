"""The period of a question as people write it; a year or a date that names a thing is no filter."""
import datetime as dt

import pytest

from registre.qa.period import read_period


@pytest.mark.parametrize("question, day, start, end, year, soft", [
    ("combien pour numerikeo en 2022", None, None, None, 2022, None),
    ("combien pour AGIRE de 2021 à 2023 ?", None, dt.date(2021, 1, 1), dt.date(2023, 12, 31), None, None),
    ("montant total accordé à numerikeo depuis 2022", None, dt.date(2022, 1, 1), None, None, None),
    ("qui était le maire en juin 2019 ?", None, dt.date(2019, 6, 1), dt.date(2019, 6, 30), None, None),
    ("qui présidait le bureau du 17 mars 2022 ?", dt.date(2022, 3, 17), None, None, None, None),
    ("la subvention 2022 à numerikeo a-t-elle été votée ?", None, None, None, 2022, None),
    ("subvention AGIRE 2024", None, None, None, 2024, None),
    ("combien de voix pour le budget primitif 2024 de la métropole ?", None, None, None, None, None),
    ("le tarif fixé pour la rentrée scolaire de septembre 2020", None, None, None, None, None),
    ("à compter de quelle date est créé le poste ?", None, None, None, None, None),
    # A season is for its first year, as ingest reads a grant's; a budget's year names the budget
    # (no period: a word the deliberation must hold).
    ("les actions de la saison 2022-2023", None, None, None, 2022, None),
    ("aide au club pour l'année scolaire 2023/2024", None, None, None, 2023, None),
    ("aide au club, saison 24-25 ?", None, None, None, 2024, None),
    ("qui a présidé la séance qui a voté le BP 2020 ?", None, None, None, None, None),
    ("quand a été adopté le compte administratif 2019", None, None, None, None, None),
    # Both years: "sur 2022 et 2023", "en 2021 et 2022".
    ("combien la région leur a versé sur 2022 et 2023 ?", None, dt.date(2022, 1, 1), dt.date(2023, 12, 31), None, None),
    ("subventions au club en 2021 et 2022", None, dt.date(2021, 1, 1), dt.date(2022, 12, 31), None, None),
    ("combien du département sur 2021, 2022 et 2023 ?", None, dt.date(2021, 1, 1), dt.date(2023, 12, 31), None, None),
    ("combien la région leur a versé sur 2022 pour le club ?", None, None, None, 2022, None),
    # A part of a year after "au" that follows a thing is that thing's period, not the séance's.
    ("loyer dû par l'association au 1er semestre 2021 ?", None, None, None, None, 2021),
    ("redevance due pour le 2e semestre 2019", None, None, None, None, 2019),
    ("les délibérations prises au 2e semestre 2019", None, dt.date(2019, 7, 1), dt.date(2019, 12, 31), None, None),
    ("au premier semestre 2021", None, dt.date(2021, 1, 1), dt.date(2021, 6, 30), None, None),
    # Months as people shorten them.
    ("Valbrune fév. 2023 : combien de voix contre ?", None, dt.date(2023, 2, 1), dt.date(2023, 2, 28), None, None),
    ("le plan de sauvegarde (oct 2022), qui est titulaire ?", None, dt.date(2022, 10, 1), dt.date(2022, 10, 31), None,
     None),
])
def test_periods(question, day, start, end, year, soft):
    period = read_period(question)
    assert (period.day, period.start, period.end, period.year, period.soft_year) == (day, start, end, year, soft)


def test_the_year_of_a_document_is_what_its_title_prints():
    for text in ("le BP 2020 du département", "combien de voix pour le budget primitif 2020 ?"):
        assert read_period(text).document_year == 2020 and not read_period(text).given, text


def test_a_season_says_itself():
    assert read_period("aide pour la saison 2023-2024").words() == " pour la saison 2023-2024"


def test_a_year_typed_after_a_name_is_the_year_asked():
    question = "Numérikéo 2025 combien ?"
    assert read_period(question).soft_year == 2025
    assert read_period(question, [(0, 9)]).year == 2025  # "Numérikéo" is a name the index knows


def test_the_words_that_introduce_a_period_go_with_it():
    question = "montant accordé à numerikeo depuis 2022"
    (start, end), = read_period(question).spans
    assert question[start:end] == "depuis 2022"


def test_periods_say_themselves_in_french():
    assert read_period("combien en octobre 2022").words() == " en octobre 2022"
    assert read_period("combien de 2021 à 2023").words() == " de 2021 à 2023"
    assert read_period("le 6 octobre 2022").words() == " le 6 octobre 2022"
