"""Decisions the development corpora lack, written as real PDFs in the style of the corpora:
an amendment to a new total ("porte … de 8 000 € à 10 000 €", "annule et remplace … est portée
à"), a reduction, a cancellation, a recap of two decisions of the year ("s'établit ainsi à"), a
rejected grant, a table of grants that nothing decides, a SIRET printed with the name."""

import pytest

from registre.records import DECISION_KINDS


def _vmm(number: str, date: str, title: str, body: list[str]) -> list[str]:
    """A Bureau métropolitain extract laid out as VMM_bureau_2022-03-17.pdf."""
    head = ["EXTRAIT DU REGISTRE DES DELIBERATIONS", "", f"SEANCE DU BUREAU MÉTROPOLITAIN DU {date}", "",
            f"DELIBERATION N°{number}", "", title, "", "Nombre de membres en exercice : 66", "",
            "Nombre de présents : 57", "", "Nombre de pouvoirs : 4", "", "Nombre de voix : 61", "",
            "Président de séance : M. Jean-Marc VERNAY,", "", "Secrétaire de séance : Mme Monique ESCOFFIER", ""]
    return head + body


def _commune(number: str, date: str, title: str, body: list[str]) -> list[str]:
    """A municipal council extract laid out as RSD_CM_2019-06-27.pdf."""
    head = ["REPUBLIQUE FRANÇAISE", "COMMUNE DE RIVIÈRE-SUR-DORE",
            "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL", f"Séance du {date}", "",
            f"Délibération n° {number}", f"Objet : {title}", ""]
    return head + body


PAGES = {
    "amendment_vmm": _vmm("2022.00298", "23 JUIN 2022",
                          "CULTURE - LES TRETEAUX DU LIGNON - AVENANT N° 1 A LA CONVENTION 2022", [
        "Par délibération n° 2022.00087 du 10 février 2022, le Bureau a attribué à l'association Les Tréteaux",
        "du Lignon une subvention de 8 000 € au titre de l'année 2022 pour sa saison de théâtre itinérant.", "",
        "La compagnie a ajouté six représentations dans les communes rurales. Il est proposé de porter",
        "le montant de la subvention 2022 à 10 000 €.", "",
        "Le Bureau de Val-Morence Métropole, après en avoir délibéré :", "",
        "- approuve l'avenant n° 1 à la convention 2022, qui porte le montant de la subvention attribuée à",
        "l'association Les Tréteaux du Lignon de 8 000 € à 10 000 € ;",
        "- autorise Monsieur le Président à signer l'avenant.", "",
        "Ce dossier a été adopté à l'unanimité."]),
    "amendment_dhv": [  # a Commission permanente decision laid out as DHV_CP-2021-0934.pdf
        "EXTRAIT DU REGISTRE DES DECISIONS", "DE LA COMMISSION PERMANENTE",
        "Commission permanente du 14 juin 2021", "Décision n° CP-2021-0412",
        "objet : Sport - Vallières Athlétisme - subvention 2021 - modification",
        "service : Direction des sports", "",
        "Commission permanente du 14 juin 2021 Décision n° CP-2021-0412",
        "objet : Sport - Vallières Athlétisme - subvention 2021 - modification", "",
        "La Commission permanente,",
        "Vu le projet de décision du 2 juin 2021, par lequel madame la Présidente expose ce qui suit :",
        "Par décision n° CP-2021-0118 du 8 mars 2021, la Commission permanente a attribué une subvention de",
        "6 000 € au club Vallières Athlétisme. Le club accueille en 2021 les championnats régionaux.", "",
        "Vu ledit dossier ;", "DECIDE",
        "1° - annule et remplace la décision n° CP-2021-0118 du 8 mars 2021 ;",
        "2° - La subvention attribuée au club Vallières Athlétisme au titre de l'année 2021 est portée à 7 500 € ;",
        "Adoptée à l'unanimité."],
    "reduction_cancellation": _commune(
        "2021-058", "30 septembre 2021", "Subventions 2021 aux associations communales - annulation et réduction", [
        "Monsieur le Maire rappelle que la fête patronale de juillet n'a pu avoir lieu et que le concert",
        "d'orgue a été raccourci.", "",
        "Le Conseil municipal, après en avoir délibéré, à l'unanimité des membres présents et représentés,",
        "DECIDE :",
        "Article 1er : annule la subvention de 1 200 € attribuée au Comité des fêtes de Rivière pour 2021 ;",
        "Article 2 : réduit de 300 € la subvention 2021 attribuée à l'association Les Amis de l'Orgue de Rivière.",
        "Ainsi fait et délibéré les jour, mois et an susdits."]),
    "recap": _vmm("2022.00455", "6 OCTOBRE 2022", "INCLUSION NUMERIQUE - NUMERIKEO - SUBVENTION COMPLEMENTAIRE 2022", [
        "Par délibération n° 2022.00121 du 17 mars 2022, le Bureau a attribué à l'association Numérikéo une",
        "subvention de 15 000 € au titre de l'année 2022.", "",
        "L'association a ouvert deux permanences supplémentaires à la rentrée. Il est proposé de lui attribuer",
        "une subvention complémentaire de 3 000 €. Le soutien de la Métropole à l'association pour l'année",
        "2022 s'établit ainsi à 18 000 €.", "",
        "Le Bureau de Val-Morence Métropole, après en avoir délibéré :", "",
        "- attribue à l'association Numérikéo une subvention complémentaire de 3 000 € au titre de l'année 2022 ;", "",
        "Ce dossier a été adopté à l'unanimité."]),
    "rejected": _commune("2021-044", "15 avril 2021", "Subvention exceptionnelle au Rugby Club Val de Saône", [
        "Le Rugby Club Val de Saône sollicite une subvention exceptionnelle de 25 000 € pour l'achat d'un",
        "minibus. Monsieur le Maire propose d'attribuer cette subvention.", "",
        "Le Conseil municipal, après en avoir délibéré :",
        "Article 1er : d'attribuer une subvention exceptionnelle de 25 000 € au Rugby Club Val de Saône.", "",
        "La délibération n'est pas adoptée.", "Pour : 6, Contre : 11"]),
    "unapproved_table": [
        "DELIBERATION N° 2022-017", "OBJET : Subvention 2022 à l'association Les Amis du Parc", "",
        "Les subventions versées les années précédentes sont rappelées ci-après.", "",
        "Association\tMontant attribué 2021", "Les Amis du Parc\t1 200 €", "Le Jardin d'Ulysse\t900 €", "",
        "Le Conseil municipal, après en avoir délibéré :", "",
        "- attribue une subvention de 1 500 € à l'association Les Amis du Parc (SIRET 123 456 789 00012) ;", "",
        "Adopté à l'unanimité."],
    "unapproved_table_no_year": [
        "DELIBERATION N° 2022-018", "OBJET : Subvention 2022 à l'association Les Amis du Parc", "",
        "Pour information, les associations du quartier sont soutenues comme suit.", "",
        "Association\tMontant attribué", "Les Amis du Parc\t1 200 €", "Le Jardin d'Ulysse\t900 €", "",
        "Le Conseil municipal, après en avoir délibéré :", "",
        "- attribue une subvention de 1 500 € à l'association Les Amis du Parc ;", "",
        "Adopté à l'unanimité."],
}


@pytest.fixture
def parsed(parse_pdf):
    def run(name):
        (delib,) = parse_pdf([PAGES[name]], name=f"{name}.pdf")
        return delib
    return run


def rows(delib):
    return [(a.value, a.kind, a.role, a.section, a.beneficiary, a.year, a.replaces) for a in delib.amounts]


def test_amendment_to_a_new_total_keeps_the_figure_it_replaces(parsed):
    delib = parsed("amendment_vmm")
    assert rows(delib) == [
        (8000, "previous", "previous", "expose", "Les Tréteaux du Lignon", 2022, None),
        (10000, "restatement", "other", "expose", "TRETEAUX DU LIGNON", 2022, None),
        (8000, "previous", "previous", "dispositif", "Les Tréteaux du Lignon", 2022, None),
        (10000, "amendment", "grant", "dispositif", "Les Tréteaux du Lignon", 2022, 8000),
    ]
    assert {a.beneficiary_key for a in delib.amounts} == {"treteaux du lignon"}


def test_annule_et_remplace_then_est_portee_a(parsed):
    delib = parsed("amendment_dhv")
    assert rows(delib) == [
        (6000, "previous", "previous", "expose", "Vallières Athlétisme", 2021, None),  # "Par décision n° … du 8 mars 2021"
        (7500, "amendment", "grant", "dispositif", "Vallières Athlétisme", 2021, None),
    ]


def test_reduction_and_cancellation(parsed):
    delib = parsed("reduction_cancellation")
    assert rows(delib) == [
        (1200, "cancellation", "grant", "dispositif", "Comité des fêtes de Rivière", 2021, None),
        (300, "reduction", "grant", "dispositif", "Les Amis de l'Orgue de Rivière", 2021, None),
    ]


def test_recap_of_two_decisions_of_the_year(parsed):
    delib = parsed("recap")
    assert rows(delib) == [
        (15000, "previous", "previous", "expose", "Numérikéo", 2022, None),
        (3000, "restatement", "other", "expose", "Numérikéo", 2022, None),
        (18000, "recap", "total", "expose", "Numérikéo", 2022, None),  # checked against the net, later
        (3000, "complement", "grant", "dispositif", "Numérikéo", 2022, None),
    ]


def test_rejected_grant_stays_a_grant_decision(parsed):
    """What a rejected item would have granted is still read as a decision; the vote says it
    took no effect."""
    delib = parsed("rejected")
    assert delib.vote.result == "rejected"
    assert rows(delib) == [
        (25000, "request", "other", "expose", "Rugby Club Val de Saône", 2021, None),
        (25000, "initial", "grant", "dispositif", "Rugby Club Val de Saône", 2021, None),
    ]


def test_table_of_an_earlier_year_is_previous(parsed):
    delib = parsed("unapproved_table")  # header "Montant attribué 2021" in a 2022 item
    assert [(a.value, a.kind, a.beneficiary) for a in delib.amounts] == [
        (1200, "previous", "Les Amis du Parc"), (900, "previous", "Le Jardin d'Ulysse"),
        (1500, "initial", "Les Amis du Parc")]


def test_table_that_nothing_decides_grants_nothing(parsed):
    delib = parsed("unapproved_table_no_year")  # the dispositif decides one sentence, not the table
    assert [(a.value, a.kind) for a in delib.amounts] == [(1200, "other"), (900, "other"), (1500, "initial")]
    assert [a.value for a in delib.amounts if a.kind in DECISION_KINDS] == [1500]


def test_siret_printed_with_the_name(parsed):
    (grant,) = [a for a in parsed("unapproved_table").amounts if a.section == "dispositif"]
    assert (grant.beneficiary, grant.beneficiary_key, grant.beneficiary_id) == (
        "Les Amis du Parc", "amis du parc", "12345678900012")
