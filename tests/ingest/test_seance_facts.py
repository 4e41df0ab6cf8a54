"""Séance and item facts of the development corpora (eval/corpus), family by family.

Each family is asserted on registers of different collectivités: the fictional
Métropole (VMM), Département (DHV, never naming itself) and commune (RSD, one scan), and real
documents (a procès-verbal, a CCAS list, one-line OCR extracts, comptes rendus). Expected
values are the manifests' where there is one (eval/corpus/fictional/manifest.json, the real
questions), else what the page prints.
"""
import datetime as dt

import pytest

from registre.records import Vote

D = dt.date
PRE = "preuilly-sur-claise_2020-07-23.pdf"
EGL = "egletons-ccas_2026-07-01.txt"
LON = "longuyon_2020-07-01_20-06-15.txt"
SAL = "salazie_2026-06-16_2026-CM-071.txt"
SEL = "seloncourt_2026-07-27.txt"
VAR = "varennes-sur-allier_2026-06-05.txt"


def item(corpus, name, number=None):
    found = corpus(name)
    return found[0] if number is None else next(d for d in found if d.number == number)


@pytest.mark.parametrize("name, date", [
    ("VMM_2019.00207.pdf", D(2019, 6, 13)),  # SEANCE DU BUREAU MÉTROPOLITAIN DU 13 JUIN 2019
    ("DHV_CD-2019-0112.pdf", D(2019, 12, 16)),  # Conseil départemental du 16 décembre 2019
    ("RSD_CM_2019-06-27.pdf", D(2019, 6, 27)),  # scan: Séance du 27 juin 2019
    (PRE, D(2020, 7, 23)),  # Séance du 23 Juillet 2020 + "Le vingt trois Juillet deux mille vingt"
    (EGL, D(2026, 7, 1)),  # Séance du Conseil d'Administration du 01/07/2026
    (LON, D(2020, 7, 1)),  # … MUNICIPAL ARRONDISSEMENT BRIE Du 01 JUILLET 2020 CANTON LONGUYON
    (SAL, D(2026, 6, 16)),
    (SEL, D(2026, 7, 27)),  # LISTE DES DELIBERATIONS EXAMINEES PAR LE CONSEIL MUNICIPAL DU 27 JUILLET 2026
    (VAR, D(2026, 6, 5)),  # Du Vendredi 05 juin 2026 (not "la séance du 23 avril 2026" approved)
    ("couthenans_2021-04-09.pdf", D(2021, 4, 9)),  # CR du conseil municipal 09 avril 2021
    ("couthenans_2021-01-29.pdf", D(2021, 1, 29)),  # C-R du Conseil municipal⏎…⏎+ Vendredi 29 janvier 2021
])
def test_seance_date(corpus, name, date):
    assert {d.date for d in corpus(name)} == {date}


@pytest.mark.parametrize("name, date", [
    ("VMM_2019.00207.pdf", D(2019, 6, 7)),  # a été convoqué le 07 juin 2019
    ("DHV_CD-2019-0112.pdf", D(2019, 12, 2)),  # Date de convocation de la Conseil départemental : lundi 2 décembre 2019
    ("RSD_CM_2018-10-11.pdf", D(2018, 10, 4)),  # two-column box, the date below its label
    ("RSD_CM_2019-06-27.pdf", D(2019, 6, 20)),  # the same box, OCR
    (PRE, D(2020, 7, 9)),  # par convocation en date du 09 Juillet 2020
    (EGL, D(2026, 6, 26)),
    (LON, D(2020, 6, 25)),  # la convocation du Conseil avait été faite le 25/06/2020
    (SAL, D(2026, 6, 10)),
    (VAR, D(2026, 5, 21)),
])
def test_convocation_date(corpus, name, date):
    assert {d.convocation_date for d in corpus(name)} == {date}


@pytest.mark.parametrize("name, instance", [
    ("VMM_conseil_2024-02-08.pdf", "Conseil métropolitain"),
    ("VMM_bureau_2022-03-17.pdf", "Bureau métropolitain"),
    ("DHV_CD-2019-0112.pdf", "Conseil départemental"),
    ("DHV_CP_2022-09-12.pdf", "Commission permanente"),
    # Titles name other bodies ("CONSEIL D'ADMINISTRATION DE L'EHPAD"): the séance's stays.
    (PRE, "Conseil municipal"),
    (EGL, "Conseil d'administration"),
])
def test_instance(corpus, name, instance):
    assert {d.instance for d in corpus(name)} == {instance}


@pytest.mark.parametrize("name, collectivite", [
    ("RSD_CM_2018-10-11.pdf", "Commune de Rivière-sur-Dore"),  # not the "Département du Puy-de-Dôme" above it
    ("VMM_bureau_2022-03-17.pdf", "Val-Morence Métropole"),  # not the Département its exposé names
    (PRE, "Commune de Preuilly-sur-Claise"),  # DE LA COMMUNE DE PREUILLY SUR CLAISE
    (SAL, "Commune de Salazie"),  # not the DEPARTEMENT DE LA REUNION printed first
    (EGL, "CCAS d'Égletons"),  # the OCR running header spells it "Esletons"
    (LON, "Commune de Longuyon"),
    ("couthenans_2021-01-29.pdf", "Commune de Couthenans"),
    # Never printed: the Département's decisions, Seloncourt's list, most comptes rendus.
    ("DHV_CP-2021-0934.pdf", None),
    ("DHV_CP_2022-09-12.pdf", None),  # "la commune de Lavaur-la-Vallière" is a party, not the author
    (SEL, None),
    ("couthenans_2021-04-09.pdf", None),
])
def test_collectivite(corpus, name, collectivite):
    assert {d.collectivite for d in corpus(name)} == {collectivite}


@pytest.mark.parametrize("name, president", [
    ("VMM_2019.00207.pdf", "Michel TEYSSIER"),  # Président de séance : M. Michel TEYSSIER,
    ("DHV_CD-2019-0112.pdf", "Laurent CHAPUIS"),  # not the "Vice-Président" rapporteur above
    ("DHV_CP-2021-0934.pdf", "Hélène GRANGE"),  # Présidente : Madame Hélène Grange
    ("RSD_CM_2018-10-11.pdf", "Gérard COSTE"),  # sous la présidence de⏎Monsieur Gérard COSTE, Maire.
    (PRE, "Jean-Paul CHARRIER"),  # sous la⏎présidence de Monsieur CHARRIER Jean-Paul, Maire.
    (EGL, "Charles FERRÉ"),
    (LON, "Jean Pierre JACQUE"),  # … M. Jean Pierre JACQUE - Maire ;
    (SAL, "Sidoleine PAPAYA"),
    (VAR, "MONIER"),
    (SEL, None),  # only the list's signatory is printed
    ("couthenans_2022-10-28.pdf", None),
])
def test_president(corpus, name, president):
    assert {d.president for d in corpus(name)} == {president}


@pytest.mark.parametrize("name, secretaire", [
    ("VMM_2021.00388.pdf", "Evelyne ZERROUK"),
    ("DHV_CP-2020-0412.pdf", "Sylvie BRUNET"),  # Secrétaire élue : Madame Sylvie Brunet
    ("RSD_CM_2019-06-27.pdf", "Romain SERRE"),
    (PRE, "Charlotte BOTTEMINE"),  # Mme BOTTEMINE Charlotte.
    (EGL, "Séverine VINCENT"),
    (LON, "Dominique KOSOWSKI"),  # Mme KOSOWSKI Dominique ayant obtenu la majorité des suffrages, a été désignée
    (SAL, "Jessie PLANTE"),  # Est désignée secrétaire de séance : PLANTE Jessie LE QUORUM ETANT ATTEINT…
    (VAR, "MARTINET SCHIRCH"),  # … Mme MARTINET SCHIRCH Election du secrétaire …
    ("couthenans_2021-04-09.pdf", None),  # "Le secrétaire de mairie Eddy" is staff
])
def test_secretaire(corpus, name, secretaire):
    assert {d.secretaire for d in corpus(name)} == {secretaire}


@pytest.mark.parametrize("name, rapporteurs", [
    ("DHV_CD-2019-0112.pdf", ["Lafont"]),  # Monsieur le Vice-Président Lafont
    ("DHV_CP-2023-0298.pdf", ["Joly"]),  # OCR: the name on the line above its label
    ("DHV_CP_2022-09-12.pdf", ["Masson", "Joly", "Joly", "Da Costa", "Besson", "Caron"]),  # one per decision
    (PRE, [None] * 16),  # a rapporteur is never inherited (15 items and the questions diverses)
])
def test_rapporteur(corpus, name, rapporteurs):
    assert [d.rapporteur for d in corpus(name)] == rapporteurs


@pytest.mark.parametrize("name, number, counts", [
    # membres en exercice, présents, pouvoirs, votants, absents
    ("VMM_2019.00207.pdf", None, (66, 54, 5, 59, None)),  # one count per line; "Nombre de voix"
    ("DHV_CD-2019-0112.pdf", None, (34, 33, 1, 34, None)),  # one dash-separated line
    ("RSD_CM_2018-10-11.pdf", None, (15, 13, 1, 14, None)),  # two-column box
    ("RSD_CM_2019-06-27.pdf", "2019-032", (15, 11, 2, 13, None)),  # the item's own box
    (PRE, "2020-050", (15, 14, 0, 14, None)),  # "15- Présents 14 - Votants 14-Le quorum", inherited
    (SAL, None, (29, 23, 4, 27, 6)),  # leading zeros, "Représentés", "Total des votes"
    (EGL, "D.CCAS/2026/26", (13, 8, 1, None, 3)),  # "PRÉSENTS (8) :", "PROCURATIONS (1) : :"
    # No count printed: the names and the proxies listed are counted (the président of
    # Varennes, not listed, is not); Longuyon's count column is lost to OCR, its list is not.
    (VAR, None, (None, 24, 2, None, None)),
    (LON, None, (None, 29, None, None, None)),
    ("couthenans_2022-10-28.pdf", None, (None, 7, 4, None, None)),
    ("couthenans_2021-06-04.pdf", None, (None, 13, 1, None, None)),  # Adeline gave her proxy
])
def test_counts(corpus, name, number, counts):
    d = item(corpus, name, number)
    assert (d.membres_en_exercice, d.presents, d.pouvoirs, d.votants, d.absents) == counts


def test_counts_counted_from_a_list_are_flagged(corpus):
    assert item(corpus, VAR).flags == ("sans numéro", "présents comptés dans la liste", "pouvoirs comptés dans la liste")
    assert item(corpus, LON).flags == ("présents comptés dans la liste",)
    assert item(corpus, SAL).flags == ()
    later = corpus("couthenans_2022-10-28.pdf")[3]  # an item inherits the count with its flag
    assert (later.presents, later.pouvoirs) == (7, 4)
    assert later.flags == ("sans numéro", "présents comptés dans la liste", "pouvoirs comptés dans la liste")


@pytest.mark.parametrize("name, number, counts", [
    ("VMM_bureau_2022-03-17.pdf", "2022.00124", (57, 61)),
    ("VMM_bureau_2022-03-17.pdf", "2022.00125", (56, 60)),  # "quitte la séance avant l'examen de ce dossier"
    ("RSD_CM_2019-06-27.pdf", "2019-031", (12, 14)),
    ("RSD_CM_2019-06-27.pdf", "2019-032", (11, 13)),  # "quitte la salle et ne prend pas part au vote"
    ("RSD_CM_2019-06-27.pdf", "2019-033", (12, 14)),
])
def test_an_items_own_counts_win_over_the_seance(corpus, name, number, counts):
    d = item(corpus, name, number)
    assert (d.presents, d.votants) == counts


def test_attendance_lists(corpus):
    egl = item(corpus, EGL)
    assert egl.present_members[:2] == ("Charles FERRÉ", "Patricia DUBOUCHAUD")  # Mesdames et Messieurs FERRÉ Charles
    assert len(egl.present_members) == 8
    assert egl.absent_members == ("Jean-Luc PIERINI-MEILLER", "Thierry BAILLARD", "Myriam TANGUY")
    assert egl.proxies == (("Claire FORYS", "Murielle RIVET"),)
    sal = item(corpus, SAL)  # names between em dashes
    assert (len(sal.present_members), sal.present_members[-1]) == (23, "Jimmy ARMAND")
    assert sal.proxies[0] == ("Sophie TECHER", "Séverine HOAREAU")
    pre = item(corpus, PRE)  # "M. ROBERT Henri⏎Adjoints, …, et M. CRON Patrick."
    assert len(pre.present_members) == 14 and "Henri ROBERT" in pre.present_members
    assert item(corpus, VAR).proxies == (("BENCHIHA", "THIERRY"), ("MARTINANT", "EDIER"))
    cou = item(corpus, "couthenans_2021-06-04.pdf")  # "Adeline (procuration à Mario)" among the présents
    assert "Adeline" not in cou.present_members and cou.proxies == (("Adeline", "Mario"),)
    cp23 = item(corpus, "DHV_CP-2023-0298.pdf")
    assert cp23.absent_members == ("Guillot", "Sagnard", "Archer")
    assert len(cp23.present_members) == 31


@pytest.mark.parametrize("name, number, vote", [
    ("VMM_bureau_2022-03-17.pdf", "2022.00121", Vote("adopted", True)),
    ("VMM_bureau_2022-03-17.pdf", "2022.00124", Vote("adopted", False, 58, 0, 3)),
    ("DHV_CD-2019-0112.pdf", None, Vote("adopted", False, 22, 10, 2)),
    ("DHV_CP_2022-09-12.pdf", "CP-2022-1189", Vote("withdrawn")),
    ("RSD_CM_2018-10-11.pdf", "2018-043", Vote("adopted", False, 9, 3, 2)),  # par 9 voix pour, 3 voix contre et 2⏎abstentions
    ("RSD_CM_2019-06-27.pdf", "2019-032", Vote("adopted", False, 11, 1, 1)),  # OCR "par 11 voix pORE 1 voix contre"
    (PRE, "2020-042", Vote("adopted", False, 13, 0, 1)),  # Par 13 voix POUR – 1 ABSTENTION
    (PRE, "2020-052", Vote("adopted", False, 2, 11, 1)),  # DECIDE : Par : DEUX voix POUR - ONZE voix CONTRE … AVIS DEFAVORABLE
    (PRE, "2020-047", Vote("adopted")),  # délibéré, ACCEPTE: no tally printed
    (EGL, "D.CCAS/2026/23", Vote("adopted", True)),  # … Jeunes | APPROUVÉE à l'unanimité -
    (SEL, None, Vote("adopted")),  # ADOPTÉE
    (SAL, None, Vote()),  # the extract stops before its vote
    ("couthenans_2021-11-05.pdf", None, Vote("adopted", True, 12, 0, 0)),  # 12 votes pour
])
def test_votes(corpus, name, number, vote):
    assert item(corpus, name, number).vote == vote


def test_votes_of_comptes_rendus(corpus):
    third = corpus("couthenans_2021-11-05.pdf")[2]  # 2 contre 3 absentions 6 votes pour
    assert third.vote == Vote("adopted", False, 6, 2, 3)
    fourth = corpus("couthenans_2022-10-28.pdf")[3]  # 6 voix Contre, 0 Abstention, 5 pour
    assert fourth.vote == Vote("rejected", False, 5, 6, 0)
    assert all(d.vote == Vote("adopted", True) for d in corpus(EGL))
