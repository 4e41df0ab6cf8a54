"""Documents holding several items, on the real and fictional registers of eval/corpus: each
layout family (labelled numbers, numbers leading a line, one-line lists, registers of
extracts, agenda points in figures or Roman numerals) gives one record per item with its own
number, title, pages and heading."""
import pytest
from dev_corpus import deliberations

PREUILLY = "preuilly-sur-claise_2020-07-23.pdf"


def test_a_proces_verbal_gives_its_fifteen_numbered_deliberations():
    delibs = deliberations(PREUILLY)
    assert [d.number for d in delibs] == [*(f"2020-0{n}" for n in range(38, 53)), None]  # then its questions diverses
    assert delibs[0].title == "SUBVENTION EXCEPTIONNELLE POUR L'Association Sportive Yzeures-Preuilly"
    assert delibs[1].title == ("DESIGNATION DES MEMBRES DE LA COMMISSION LOCALE D'EVALUATION DES CHARGES "
                               "TRANSFÉRÉES DE LA COMMUNAUTÉ de Communes de Loches Sud Touraine")
    assert delibs[9].title == "REDEVANCE POUR OCCUPATION DU DOMAINE PUBLIC PAR ORANGE"  # printed "2020- 047"
    assert [(d.first_page, d.last_page) for d in delibs[:3]] == [(1, 2), (2, 2), (2, 2)]


def test_the_seance_preamble_is_shared_and_the_recap_list_starts_nothing():
    delibs = deliberations(PREUILLY)
    first = delibs[0]
    assert first.text[first.heading:].startswith("2020-038 SUBVENTION")
    assert "Secrétaire de séance" in first.text[:first.heading]  # the preamble, before its heading
    assert all(d.heading == 0 for d in delibs[1:])
    assert "2021-051" not in {d.number for d in delibs}  # the recap misprints two numbers
    assert {(d.date.isoformat(), d.president) for d in delibs} == {("2020-07-23", "Jean-Paul CHARRIER")}


def test_a_flattened_list_of_deliberations_gives_one_record_per_line():
    delibs = deliberations("egletons-ccas_2026-07-01.txt")
    assert [d.number for d in delibs] == [f"D.CCAS/2026/{n}" for n in range(19, 27)]
    assert delibs[1].title == "Décision modificative n°1 au budget primitif 2026 du CCAS"
    assert delibs[4].title == "Approbation du projet d'établissement 2026-2031 de la Résidence Habitat Jeunes"
    assert {d.vote.result for d in delibs} == {"adopted"}
    assert {d.president for d in delibs} == {"Charles FERRÉ"}


@pytest.mark.parametrize("name, number, title", [
    ("seloncourt_2026-07-27.txt", "DCM 20260727-01", "Institution d'un droit de préemption urbain renforcé"),
    ("salazie_2026-06-16_2026-CM-071.txt", "2026-CM/071", "DESIGNATION D'UN CORRESPONDANT DEFENSE"),
    ("longuyon_2020-07-01_20-06-15.txt", "20-06-15", None),
])
def test_single_items_of_ocr_extracts(name, number, title):
    (delib,) = deliberations(name)
    assert delib.number == number
    assert title is None or delib.title == title
    assert delib.heading == 0  # one item: its preamble is its own header


def test_a_register_of_extracts_starts_each_item_at_its_own_letterhead():
    delibs = deliberations("RSD_CM_2018-10-11.pdf")
    assert [(d.number, d.first_page, d.last_page) for d in delibs] == [
        ("2018-041", 1, 1), ("2018-042", 2, 3), ("2018-043", 4, 4)]
    assert all(d.text.lstrip().startswith("REPUBLIQUE FRANÇAISE") for d in delibs)
    stamps = deliberations("DHV_CP_2022-09-12.pdf")
    assert [(d.number, d.first_page) for d in stamps] == [
        ("CP-2022-1185", 1), ("CP-2022-1186", 2), ("CP-2022-1187", 4), ("CP-2022-1188", 7),
        ("CP-2022-1189", 9), ("CP-2022-1190", 10)]


@pytest.mark.parametrize("name, last, words", [
    (PREUILLY, "2020-052", "Cabinet médical"),  # numbered deliberations, then "QUESTIONS DIVERSES"
    ("couthenans_2021-06-04.pdf", "Préparation des élections", "PC portable"),  # "6 Questions diverses"
    ("couthenans_2022-10-07.pdf", "Rapport d'activité du SIAEP", "référent incendie"),
])
def test_the_questions_diverses_are_a_part_of_their_own_that_decides_nothing(name, last, words):
    *_, item, other = deliberations(name)
    assert item.number == last or item.title.startswith(last)
    assert words not in item.text and words in other.text
    assert other.number is None and "diverses" in other.title.lower()
    assert other.vote.result is None and not [a for a in other.amounts if a.is_decision]


@pytest.mark.parametrize("name, titles", [
    ("couthenans_2022-10-07.pdf", ["ONF Etat d'assiette 2023", "Déneigement (rajouté en préambule du conseil municipal)",
                                   "Subventions aux associations", "Présentation d'un projet de maison d'assistante "
                                   "maternelle", "Adoption de la nomenclature budgtéraire et comptable M57 simplifiée",
                                   "Présentation du rapport d'activité du SIED70",
                                   "Modification du texte de changement des tarifs de la salle",
                                   "Rapport d'activité du SIAEP (Syndicat des Eaux)", "Questions diverses"]),
    ("couthenans_2021-01-29.pdf", ["Convention de mise à disposition de personnel", "PADD",
                                   "Adhésion aux associations", "Plan de sauvegarde communal", "Questions diverses"]),
    ("couthenans_2021-06-04.pdf", ["Subventions associatives", "Décisions modificatives (DM) du budget 2021",
                                   "Tarification cimetière", "Archivage",
                                   "Préparation des élections départementales & régionales", "Questions diverses"]),
])
def test_agenda_points_are_the_items_of_a_compte_rendu(name, titles):
    """Points numbered "1/", "1 ", Roman "II": each taken where its text is, not in the
    ordre du jour listed above; the "Questions diverses" that follow are a part of their own,
    flagged as no deliberation."""
    delibs = deliberations(name)
    assert [d.title for d in delibs] == titles
    *points, other = delibs
    assert all(d.number is None and "sans numéro" in d.flags and d.is_deliberation for d in points)
    assert other.number is None and not other.is_deliberation


def test_questions_diverses_decide_nothing_of_the_last_item():
    *_, last = deliberations("couthenans_2021-06-04.pdf")
    assert "Proposition non retenue" in last.text  # printed in the questions diverses that follow it
    assert last.vote.result is None


LAYOUTS = {
    "a list as a table, a decision cell per row": (
        "LISTE DES DELIBERATIONS DU CONSEIL MUNICIPAL DU 12 MARS 2024\nN°\tObjet\tDécision\n"
        "2024_015\tSubvention au club de football\tAdoptée à l'unanimité\n2024_016\tTarifs de la cantine 2024\tAdoptée\n"
        "2024_017\tCession d'un terrain\tRejetée\n",
        [("2024_015", "Subvention au club de football", "adopted"), ("2024_016", "Tarifs de la cantine 2024", "adopted"),
         ("2024_017", "Cession d'un terrain", "rejected")]),
    "numbers with a letter prefix and underscores": (
        "Séance du conseil municipal du 12 mars 2024\n\nDEL_2024_015 - SUBVENTION AU CLUB\n"
        "Le conseil, après en avoir délibéré, attribue une subvention de 500 € au club.\nAdopté à l'unanimité.\n\n"
        "DEL_2024_016 - TARIFS DE LA CANTINE\nLe conseil fixe les tarifs.\nAdopté à l'unanimité.\n",
        [("DEL_2024_015", "SUBVENTION AU CLUB", "adopted"), ("DEL_2024_016", "TARIFS DE LA CANTINE", "adopted")]),
    "a title followed by a sentence": (
        "Conseil municipal du 5 mai 2024\n\nDCM-2024-21 : Subvention exceptionnelle au comité des fêtes\n"
        "Le conseil attribue 800 €.\nADOPTÉ A L'UNANIMITÉ\n\nDCM-2024-22 : Modification du tableau des effectifs\nADOPTÉ\n",
        [("DCM-2024-21", "Subvention exceptionnelle au comité des fêtes", "adopted"),
         ("DCM-2024-22", "Modification du tableau des effectifs", "adopted")]),
    "points of an agenda": (
        "COMPTE RENDU DU CONSEIL MUNICIPAL DU 4 AVRIL 2024\n\nPoint n°1 : Approbation du compte administratif 2023\n"
        "Le conseil approuve.\nVote : unanimité\n\nPoint n°2 : Budget primitif 2024\nLe conseil adopte le budget.\n"
        "Vote : 12 pour, 2 contre\n",
        [(None, "Approbation du compte administratif 2023", "adopted"), (None, "Budget primitif 2024", "adopted")]),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_item_layouts_of_the_genre(parse_text, layout):
    text, expected = LAYOUTS[layout]
    assert [(d.number, d.title, d.vote.result) for d in parse_text(text)] == expected
