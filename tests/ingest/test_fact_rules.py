"""One small register per rule: séance date, convocation, instance, collectivité, president,
secrétaire, counts, departures and votes, read from a few lines of text."""
import datetime as dt

import pytest

from registre.ingest.attendance import member_name
from registre.ingest.people import read_name
from registre.records import Vote
from registre.text.french import number_from_words, written_date

HEAD = "DELIBERATION N° 2024-017\nOBJET : Subvention au club\n\n"


@pytest.mark.parametrize("text, date", [
    ("SEANCE DU CONSEIL MUNICIPAL DU 3 MARS 2020\n" + HEAD, dt.date(2020, 3, 3)),
    ("L'an deux mille dix-neuf, le vingt-sept juin à vingt heures, le Conseil municipal s'est réuni.\n" + HEAD,
     dt.date(2019, 6, 27)),
    ("Le vingt trois Juillet deux mille vingt par convocation en date du 09 Juillet 2020, le Conseil\n" + HEAD,
     dt.date(2020, 7, 23)),
    ("CR du conseil municipal 09 avril 2021\n\nPrésents : Yves, Nelly\n", dt.date(2021, 4, 9)),
    ("C-R du Conseil municipal\n+ Vendredi 29 janvier 2021, 18:30.\n+ Présents : Yves, Nelly\n", dt.date(2021, 1, 29)),
    # The approval of a former séance's minutes does not date this one.
    ("PROCES VERBAL De la séance du CONSEIL MUNICIPAL Du Vendredi 05 juin 2026\n"
     "Le procès-verbal de la séance du 23 avril 2026 est approuvé à l'unanimité.\n", dt.date(2026, 6, 5)),
    (HEAD + "ID : 099-229900015-20220912-CP_2022_1185-DE\n", dt.date(2022, 9, 12)),  # the ACTES id, last
    ("Séance ordinaire du 12 mars 2024\n" + HEAD, dt.date(2024, 3, 12)),
    ("L'an deux mil vingt-quatre, le douze du mois de mars, le Conseil municipal s'est réuni.\n" + HEAD,
     dt.date(2024, 3, 12)),
])
def test_seance_date(delib, text, date):
    assert delib(text).date == date


@pytest.mark.parametrize("line, date", [
    ("Le Bureau Métropolitain a été convoqué le 07 juin 2019", dt.date(2019, 6, 7)),
    ("Date de convocation de la Commission permanente : vendredi 26 juin 2020", dt.date(2020, 6, 26)),
    ("La convocation du conseil municipal avait été faite le 10 juin 2026.", dt.date(2026, 6, 10)),
    ("Nombre de conseillers\tDate de convocation\n\nen exercice : 15\t04/10/2018", dt.date(2018, 10, 4)),
    ("Convocation du 5 octobre 2018", dt.date(2018, 10, 5)),
])
def test_convocation(delib, line, date):
    assert delib(f"SEANCE DU CONSEIL MUNICIPAL DU 11 OCTOBRE 2018\n{line}\n\n{HEAD}").convocation_date == date


def test_instance_comes_from_the_seance_not_from_a_title(delibs):
    first, second = delibs("PROCES VERBAL DU CONSEIL MUNICIPAL\nSéance du 23 Juillet 2020\n\n"
                           "2020-041 CONSEIL D'ADMINISTRATION DU COLLEGE : Désignation des délégués\n\n"
                           "Le Conseil Municipal après en avoir délibéré à l'unanimité, DESIGNE M. X.\n\n"
                           "2020-042 CONSEIL D'ADMINISTRATION DE L'EHPAD : Désignation\n\nIl est proposé.\n")
    assert (first.instance, second.instance) == ("Conseil municipal", "Conseil municipal")


@pytest.mark.parametrize("text, collectivite", [
    ("REPUBLIQUE FRANÇAISE\nDépartement du Puy-de-Dôme\nCOMMUNE DE RIVIÈRE-SUR-DORE\n", "Commune de Rivière-sur-Dore"),
    ("PROCES VERBAL DU CONSEIL MUNICIPAL\nDE LA COMMUNE DE PREUILLY SUR CLAISE\n", "Commune de Preuilly-sur-Claise"),
    ("DEPARTEMENT DE LA LOIRE\nCOMMISSION PERMANENTE\n", "Département de la Loire"),
    ("CENTRE COMMUNAL D'ACTION SOCIALE DE TULLE\n", "CCAS de Tulle"),
    ("C.C.A.S. d'Égletons - Séance du Conseil d'Administration du 01/07/2026\n", "CCAS d'Égletons"),
    ("VILLE DE SAINT-MARTIN\n", "Ville de Saint-Martin"),
    ("CONSEIL DÉPARTEMENTAL DE LA HAUTE-VALLIÈRE\nCOMMISSION PERMANENTE\n", "Département de la Haute-Vallière"),
    ("COMMUNAUTÉ D'AGGLOMÉRATION DU GRAND CHAMBÉRY\n", "Communauté d'agglomération du Grand Chambéry"),
    ("COMMUNAUTE DE COMMUNES LOCHES SUD TOURAINE\n", "Communauté de communes Loches Sud Touraine"),
    (HEAD + "Le Bureau de Val-Morence Métropole, après en avoir délibéré :\n", "Val-Morence Métropole"),
    (HEAD + "Le Conseil départemental de la Loire, après en avoir délibéré :\n", "Département de la Loire"),
    ("L'an deux mille vingt, le 01 Juillet, le Conseil Municipal de la commune de LONGUYON étant assemblé\n",
     "Commune de Longuyon"),
    # Neither a party, a neighbour named in the exposé nor an address.
    (HEAD + "Convention avec la commune de Lavaur-la-Vallière.\nHôtel de Ville, 42000 Saint-Etienne\n", None),
])
def test_collectivite(delib, text, collectivite):
    assert delib(text + "\n" + HEAD).collectivite == collectivite


@pytest.mark.parametrize("text, president", [
    ("Président de séance : M. Jean-Marc VERNAY,", "Jean-Marc VERNAY"),
    ("Présidente : Madame Hélène Grange", "Hélène GRANGE"),
    ("dans le lieu habituel de ses séances, sous la présidence de\nMonsieur Gérard COSTE, Maire.", "Gérard COSTE"),
    ("le Conseil s'est réuni sous la\nprésidence de Monsieur CHARRIER Jean-Paul, Maire.", "Jean-Paul CHARRIER"),
    ("sous la présidence de Monsieur Charles FERRÉ, Président. Nombre de membres en exercice : 13 Date de "
     "convocation : 26 juin 2026 PRÉSENTS (8) : Mesdames et Messieurs FERRÉ Charles", "Charles FERRÉ"),
    ("Rapporteur : Monsieur le Vice-Président Lafont", None),
    ("Monsieur JEAU Michel Président de l'USYP remercie d'avoir été invité.", None),
    ("Vu le projet de décision, par lequel monsieur le Président expose ce qui suit :", None),
])
def test_president(delib, text, president):
    assert delib(f"SEANCE DU CONSEIL MUNICIPAL DU 3 MARS 2020\n{text}\n\n{HEAD}").president == president


def test_president_from_the_signature_when_no_label_names_one(delib):
    d = delib(HEAD + "Ce dossier a été adopté à l'unanimité.\n\nPour extrait,\nLe Président,\n\n"
              "A handwritten signature in black ink.\n\nGaël PERDRIAU\n")
    assert d.president == "Gaël PERDRIAU"
    assert d.evidence_for("president").quote == "Le Président, A handwritten signature in black ink. Gaël PERDRIAU"


@pytest.mark.parametrize("text, secretaire", [
    ("Secrétaire de séance : M. Hugo DEVILLE", "Hugo DEVILLE"),
    ("Secrétaire élue : Madame Sylvie Brunet", "Sylvie BRUNET"),
    ("Secrétaire de Séance :\n\nM. Marc CHASSAUBENE", "Marc CHASSAUBENE"),
    ("Est désignée secrétaire de séance : PLANTE Jessie LE QUORUM ETANT ATTEINT", "Jessie PLANTE"),
    ("Il a été procédé à l'élection d'un secrétaire ; Mme KOSOWSKI Dominique ayant obtenu la majorité des "
     "suffrages, a été désignée pour remplir ces fonctions qu'elle a acceptées.", "Dominique KOSOWSKI"),
    ("M. Paul DURAND est désigné secrétaire de séance.", "Paul DURAND"),
    ("Mme Claire PETIT a été nommée secrétaire de séance.", "Claire PETIT"),
    ("Monsieur le Maire désigne Mme Anne MARTIN pour assurer les fonctions de secrétaire de séance.", "Anne MARTIN"),
    ("Le secrétaire de mairie Eddy était présent également.", None),
])
def test_secretaire(delib, text, secretaire):
    assert delib(f"SEANCE DU CONSEIL MUNICIPAL DU 3 MARS 2020\n{text}\n\n{HEAD}").secretaire == secretaire


@pytest.mark.parametrize("text, counts", [
    ("Nombre de membres en exercice : 66\nNombre de présents : 54\nNombre de pouvoirs : 5\nNombre de voix : 59",
     (66, 54, 5, 59)),
    ("Membres en exercice : 34 - Présents : 33 - Pouvoirs : 1 - Votants : 34\nPrésents : Mme Barbier, M. Benoit.",
     (34, 33, 1, 34)),
    ("Nombre de Conseillers en exercice : 15- Présents 14 - Votants 14-Le quorum étant atteint", (15, 14, 0, 14)),
    ("Le nombre des membres en exercice : 29 Présents : 23 Absents : 06 Représentés : 04 Total des votes : 27",
     (29, 23, 4, 27)),
    ("Nombre de membres en exercice : 13\nPRÉSENTS (8) : Mme A, M. B\nPROCURATIONS (1) : : Mme C à Mme D.",
     (13, 8, 1, None)),
    ("Membres afférents au conseil municipal : 19\nPrésents : 15\nQui ont pris part à la délibération : 17",
     (19, 15, None, 17)),
    ("en exercice : 15\t04/10/2018\n\nprésents : 13\n\npouvoirs : 1 Date d'affichage\n\nvotants : 14 04/10/2018",
     (15, 13, 1, 14)),
])
def test_counts(delib, text, counts):
    d = delib(f"SEANCE DU CONSEIL MUNICIPAL DU 3 MARS 2020\n{text}\n\n{HEAD}")
    assert (d.membres_en_exercice, d.presents, d.pouvoirs, d.votants) == counts


PV = ("PROCES VERBAL DU CONSEIL MUNICIPAL\nSéance du 3 mars 2020\nPrésents : 20 - Pouvoirs : 2 - Votants : 22\n\n"
      "2020-001 BUDGET\n\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, APPROUVE le budget.\n\n"
      "2020-002 SUBVENTION AU CLUB\n\n{}\n"
      "Le Conseil municipal, après en avoir délibéré, à l'unanimité, ATTRIBUE 500 € au club.\n")


@pytest.mark.parametrize("note, counts", [
    ("M. Paul DURAND, président du club, quitte la salle et ne prend pas part au vote.", (19, 21)),
    ("M. Paul DURAND ne prend pas part au vote.", (20, 21)),
    ("", (20, 22)),
])
def test_departures_in_an_items_block_apply_to_that_item(delibs, note, counts):
    first, second = delibs(PV.format(note))
    assert (first.presents, first.votants) == (20, 22)
    assert (second.presents, second.votants) == counts
    if note:
        assert second.evidence_for("votants").quote == note


@pytest.mark.parametrize("lines, vote", [
    ("Adoptée - Pour : 22 - Contre : 5 - Abstentions : 2.", Vote("adopted", False, 22, 5, 2)),
    ("Le Conseil municipal, après en avoir délibéré, par 9 voix pour, 3 voix contre et 2\nabstentions,",
     Vote("adopted", False, 9, 3, 2)),
    ("Par 13 voix POUR – 1 ABSTENTION", Vote("adopted", False, 13, 0, 1)),
    ("Par : DEUX voix POUR - ONZE voix CONTRE et 1 ABSTENTION", Vote("rejected", False, 2, 11, 1)),
    ("DECIDE :\nPar : DEUX voix POUR - ONZE voix CONTRE et 1 ABSTENTION\n- DE DONNER UN AVIS DEFAVORABLE",
     Vote("adopted", False, 2, 11, 1)),
    ("13 votes pour", Vote("adopted", True, 13, 0, 0)),
    ("2 contre 3 absentions 6 votes pour", Vote("adopted", False, 6, 2, 3)),
    ("0 contre, 0 abstention, 11 pour", Vote("adopted", True, 11, 0, 0)),
    ("Ce dossier a été adopté à l'unanimité.", Vote("adopted", True)),
    ("Ce dossier a été adopté à la majorité.", Vote("adopted", False)),
    ("Adopté à l'unanimité des suffrages exprimés.", Vote("adopted", True)),
    ("APPROUVÉE à l'unanimité", Vote("adopted", True)),
    ("ADOPTÉE", Vote("adopted")),
    ("Ce rapport a été retiré de l'ordre du jour de la séance.", Vote("withdrawn")),
    ("Proposition non retenue par le conseil municipal.", Vote("rejected", False)),
    ("Vote : unanimité", Vote("adopted", True)),
    ("Abstention(s) : 2 Pour : 20 Contre : 0", Vote("adopted", False, 20, 0, 2)),
    ("Le point est ajourné.", Vote()),
    ("Le procès-verbal de la séance du 2 mars 2020 est approuvé à l'unanimité.", Vote()),
    ("La stratégie, adoptée en 2021, vise à ce que chacun accède à ses droits.", Vote()),
])
def test_votes(delib, lines, vote):
    assert delib(HEAD + lines + "\n").vote == vote


@pytest.mark.parametrize("raw, name", [
    ("M. Jean-Marc VERNAY,", "Jean-Marc VERNAY"),
    ("Madame la Vice-Présidente Baume", "Baume"),
    ("Monsieur le Vice-Président Da Costa", "Da Costa"),
    ("Mme BOTTEMINE Charlotte.", "Charlotte BOTTEMINE"),
    ("M. Jean Pierre JACQUE - Maire ;", "Jean Pierre JACQUE"),
    ("M. MONIER, Maire.", "MONIER"),
    ("Mme MARTINET SCHIRCH Election du secrétaire et du secrétaire adjoint", "MARTINET SCHIRCH"),
    ("M.CHARRIER Jean-Paul Maire, M.THOREAU Gérard", "Jean-Paul CHARRIER"),
    ("L'an deux mille vingt, le 01 Juillet", None),
    ("Monsieur le Maire expose", None),
])
def test_read_name(raw, name):
    found = read_name(raw)
    assert (found[0] if found else None) == name


@pytest.mark.parametrize("raw, name", [
    ("Mmes Boyer", "Boyer"), ("MM.JACQUE JP", "JACQUE JP"), ("RUBIN Anne (Secours Populaire)", "Anne RUBIN"),
    ("M. ROBERT Henri Adjoints", "Henri ROBERT"), ("Ben Itah", "Ben Itah"),
    ("M. le représentant des APF France Handicap", None), ("Il a été procédé", None),
])
def test_member_name(raw, name):
    assert member_name(raw) == name


def test_numbers_and_dates_in_words():
    assert [number_from_words(w) for w in ("ONZE", "vingt-sept", "quatre-vingt-dix-sept", "deux mille vingt et un")] \
        == [11, 27, 97, 2021]
    assert written_date("L'an deux mille vingt-six, le premier juillet, à quatorze heures")[0] == dt.date(2026, 7, 1)
    assert written_date("L'an deux mille vingt, le 01 Juillet, le Conseil")[0] == dt.date(2020, 7, 1)


COMMUNE_EXTRACT = """DÉPARTEMENT DE LA HAUTE-SAVOIE
COMMUNE DE SAINT JULIEN EN GENEVOIS
EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance du 14 mars 2023
Nombre de conseillers : En exercice : 33 Présents : 25 Votants : 27
L'an deux mille vingt-trois, le quatorze mars à dix-neuf heures, le Conseil Municipal, dûment convoqué,
s'est réuni en session ordinaire à la Mairie, sous la présidence de Madame Véronique LECAUCHOIS, Maire.
Date de convocation : 8 mars 2023
Absents représentés : M. Pierre DUPONT (pouvoir à Mme Anne MARTIN), Mme Léa ROUX (pouvoir à M. Luc BLANC)
Secrétaire de séance : M. Jean DURAND

DÉLIBÉRATION N° 2023-045
Objet : Tarifs de la cantine scolaire

Le Conseil Municipal, après en avoir délibéré, à l'unanimité des suffrages exprimés (2 abstentions),
DÉCIDE d'approuver les tarifs.
"""

COMMUNAUTE = """COMMUNAUTÉ DE COMMUNES DU PAYS DE GEX
CONSEIL COMMUNAUTAIRE
Séance du 23 mai 2024
Délibération n° 2024.00123
Objet : Fonds de concours aux communes

L'an deux mille vingt-quatre, le vingt-trois mai, le Conseil communautaire de la Communauté de communes du Pays
de Gex, régulièrement convoqué, s'est réuni sous la présidence de M. Patrice DUNAND, Président.
Nombre de délégués en exercice : 62 – Présents : 48 – Pouvoirs : 9 – Votants : 57
Secrétaire de séance : Mme Christine FRANÇOIS

Le Conseil communautaire, après en avoir délibéré, par 50 voix pour et 7 voix contre, APPROUVE le fonds.
"""


def test_a_commune_extract_of_another_style(delib):
    d = delib(COMMUNE_EXTRACT)
    assert (d.number, d.date, d.convocation_date) == ("2023-045", dt.date(2023, 3, 14), dt.date(2023, 3, 8))
    assert (d.instance, d.collectivite) == ("Conseil municipal", "Commune de Saint-Julien-en-Genevois")
    assert (d.president, d.secretaire) == ("Véronique LECAUCHOIS", "Jean DURAND")
    assert (d.membres_en_exercice, d.presents, d.pouvoirs, d.votants) == (33, 25, 2, 27)
    assert d.proxies == (("Pierre DUPONT", "Anne MARTIN"), ("Léa ROUX", "Luc BLANC"))
    assert d.vote == Vote("adopted", True, None, None, 2)  # the votes for are not printed


def test_a_communaute_de_communes(delib):
    d = delib(COMMUNAUTE)
    assert (d.number, d.date, d.instance) == ("2024.00123", dt.date(2024, 5, 23), "Conseil communautaire")
    assert d.collectivite == "Communauté de communes du Pays de Gex"  # as printed, no hyphens added
    assert (d.president, d.secretaire) == ("Patrice DUNAND", "Christine FRANÇOIS")
    assert (d.membres_en_exercice, d.presents, d.pouvoirs, d.votants) == (62, 48, 9, 57)
    assert d.vote == Vote("adopted", False, 50, 7, 0)
