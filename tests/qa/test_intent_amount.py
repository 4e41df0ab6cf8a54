"""Amounts: the ledger's net per beneficiary and year, amendments said as such, other kinds of
amount read where the question asks for them, and abstentions that say why."""
from decimal import Decimal

import pytest
from registers import AVENANT, LIGNON, MONTREUIL, TRETEAUX_2024


@pytest.fixture(scope="module")
def lignon(register):
    return register({"lignon.txt": LIGNON, "avenant.txt": AVENANT, "treteaux-2024.txt": TRETEAUX_2024})


def test_an_amendment_replaces_the_figure_it_names(lignon):
    answer = lignon.ask("combien pour les Tréteaux du Lignon en 2023 ?")
    assert answer.total == Decimal("7500")
    assert answer.answer.startswith("7 500 € en 2023")
    assert "portés de 6 000 € à 7 500 €" in answer.answer
    assert [c.deliberation for c in answer.citations] == ["2023.00011", "2023.00298"]
    assert [c.amount for c in answer.citations] == [Decimal("6000"), Decimal("7500")]
    assert answer.trace.verdict == "vérifiée"


def test_years_add_up_and_the_average_is_computed_from_the_cited_amounts(lignon):
    answer = lignon.ask("combien pour les treteaux du lignon en moyenne par an depuis 2023 ?")
    assert answer.total == Decimal("16000")
    assert "Par an : 2023 : 7 500 € ; 2024 : 8 500 €." in answer.answer
    assert "En moyenne : 8 000 € par an (2)." in answer.answer


def test_a_year_without_decision_abstains_and_says_which_years_have_one(lignon):
    answer = lignon.ask("combien pour les Tréteaux du Lignon en 2022 ?")
    assert answer.abstained and answer.total is None and answer.citations == ()
    assert "autres années : 2023, 2024" in answer.answer
    assert {c.deliberation for c in answer.leads} >= {"2023.00011"}


def test_a_withdrawn_item_grants_nothing(lignon):
    answer = lignon.ask("subvention du festival des bruyères en 2024")
    assert answer.abstained and answer.total is None
    assert "point retiré de l'ordre du jour" in answer.answer


def test_a_guarantee_is_read_where_the_question_asks_for_it(lignon):
    answer = lignon.ask("à hauteur de quel montant la métropole garantit-elle l'emprunt de Lignon Habitat ?")
    assert answer.total == Decimal("500000")
    assert [c.deliberation for c in answer.citations] == ["2023.00012"]


def test_a_contract_price_is_read_from_the_decision(lignon):
    answer = lignon.ask("montant du marché de nettoyage des locaux")
    assert answer.total == Decimal("120000") and answer.citations[0].deliberation == "2023.00013"


def test_a_beneficiary_the_registers_never_name_abstains(lignon):
    answer = lignon.ask("combien pour la Compagnie des Hirondelles ?")
    assert answer.abstained and answer.total is None
    assert "« Compagnie des Hirondelles »" in answer.answer


def test_money_asked_informally_is_an_amount_not_a_count(lignon):
    for text in ("les Tréteaux du Lignon, ils ont touché combien de la métropole en 2023 ?",
                 "quelle somme la métropole a versée aux Tréteaux du Lignon en 2023 ?"):
        answer = lignon.ask(text)
        assert answer.trace.intent == "amount" and answer.total == Decimal("7500"), text


CLUBS = """DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 12 septembre 2022

N° CP-2022-0501

objet : Sport - aide aux clubs évoluant au niveau national - saison 2022-2023

La Commission permanente, après en avoir délibéré :

Attribue au Hand Ball Club de Valbrune une aide de 7 000 € pour la saison 2022-2023.

Adopté à l'unanimité.
"""


@pytest.fixture(scope="module")
def clubs(register):
    return register({"cp-2022-09-12.txt": CLUBS, "lignon.txt": LIGNON, "avenant.txt": AVENANT,
                     "treteaux-2024.txt": TRETEAUX_2024})


def test_a_season_is_one_season_not_the_next(clubs):
    assert clubs.ask("aide au hand ball club de valbrune pour la saison 2022-2023").total == Decimal("7000")
    other = clubs.ask("aide du département au hand ball club de valbrune pour la saison 2023-2024")
    assert other.abstained and other.total is None


def test_two_years_joined_by_et_are_both_asked(clubs):
    for text in ("combien pour les Tréteaux du Lignon sur 2023 et 2024 ?", "les Tréteaux du Lignon en 2023 et 2024, combien ?",
                 "les Tréteaux du Lignon, combien sur 2022, 2023 et 2024 ?"):
        assert clubs.ask(text).total == Decimal("16000"), text
    assert clubs.ask("les Tréteaux du Lignon, combien sur 2024 ?").total == Decimal("8500")  # "sur" a year: no sum of all


GYMNASE_AIDE = """DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 18 mars 2024

N° CP-2024-0150

objet : Aide aux communes - Bellerive-les-Prés - construction d'un gymnase intercommunal

La Commission permanente, après en avoir délibéré :

Attribue à la commune de Bellerive-les-Prés une subvention d'investissement de 300 000 € pour la construction
d'un gymnase intercommunal.

Adopté à l'unanimité.
"""


def test_the_name_asked_may_lead_the_question(register):
    engine = register({"cp-2024-03-18.txt": GYMNASE_AIDE, "lignon.txt": LIGNON})
    for text in ("Bellerive-les-Prés : combien le département a donné pour le gymnase ?",
                 "Bellerive-les-Prés, le département leur a versé combien pour le gymnase ?"):
        answer = engine.ask(text)
        assert answer.total == Decimal("300000") and answer.trace.verdict == "vérifiée", text


MINUTES = """Conseil municipal du 24 juin 2022

Présents : Anne DUPRE, Paul MARCHAND, Luc BERNARD.

1 Évaluation des risques professionnels

Un intervenant viendra trois jours pour évaluer les risques liés aux tâches des agents.
Coût de la prestation : 750€
3 votes pour

2 Vente de matériel

Les anciennes chaises seront vendues au prix de 5€ l'unité.
3 votes pour
"""


def test_the_words_calling_for_a_kind_of_amount_are_answered_by_its_kind(register):
    engine = register({"lignon.txt": LIGNON, "cr-2022-06-24.txt": MINUTES})
    assert engine.ask("le marché de nettoyage des locaux attribué par la métropole, ça coûte combien ?").total == \
        Decimal("120000")
    for text in ("prix de la prestation pour l'évaluation des risques professionnels, voté en juin 2022 ?",
                 "l'évaluation des risques professionnels, ça coûte combien ?"):
        assert engine.ask(text).total == Decimal("750"), text
    assert engine.ask("prix de vente des anciennes chaises ?").total == Decimal("5")


GARANTIE = """DÉPARTEMENT DU VAL BRUNE
COMMISSION PERMANENTE
Séance du 12 septembre 2022

N° CP-2022-0702

objet : Habitat - garantie d'emprunt à Brune Habitat - construction de 12 logements

Brune Habitat réalise la construction de 12 logements locatifs sociaux, rue des Lilas à Valbrune, et
sollicite la garantie du Département.

La Commission permanente, après en avoir délibéré :

1° - accorde sa garantie à hauteur de 50 % pour le remboursement du prêt de 1 200 000 € souscrit par Brune Habitat,
soit un montant garanti de 600 000 € ;

Adopté à l'unanimité.
"""


def test_the_one_amount_of_the_kind_asked_in_the_deliberation_far_ahead(register):
    engine = register({"cp-2022-09-12.txt": GARANTIE, "lignon.txt": LIGNON, "montreuil.txt": MONTREUIL})
    for text in ("Brune Habitat : quel montant est garanti par le département pour les 12 logements rue des Lilas ?",
                 "montant de la garantie accordée à Brune Habitat pour la construction rue des Lilas"):
        answer = engine.ask(text)
        assert answer.total == Decimal("600000") and answer.citations[0].deliberation == "CP-2022-0702", text
    # Never a grant: a table's or a sentence's other amount is no one beneficiary's grant.
    assert engine.ask("combien a reçu le club de foot de Valbrune en 2022 ?").total is None
    # A name typed with a capital the deliberation does not print, or a figure its title lacks: not it.
    assert engine.ask("Brune Habitat : montant garanti pour les 12 logements rue des Peupliers ?").total is None
    assert engine.ask("Brune Habitat : montant garanti pour les 50 logements rue des Lilas ?").total is None


def test_a_sum_due_or_claimed_is_an_amount_asked(register):
    engine = register({"montreuil.txt": MONTREUIL, "lignon.txt": LIGNON})
    for text in ("combien la commune de Montreuil réclame à l'emprunteur pour le livre pas rendu ?",
                 "combien la commune de Montreuil demande à l'emprunteur pour le livre perdu ?",
                 "somme due pour le livre perdu à la médiathèque de Montreuil-sur-Loire ?"):
        assert engine.ask(text).total == Decimal("18"), text


CLUB = """COMMUNE DE MONTREUIL-SUR-LOIRE
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 10 juin 2021

Délibération n° 2021-020
Objet : Subventions 2021 aux associations

Le Conseil municipal, après en avoir délibéré :

- attribue à l'association US Montreuil-sur-Loire une subvention de 800 € au titre de l'année 2021 ;
- attribue à l'association Comité des fêtes une subvention de 300 € au titre de l'année 2021 ;

Adopté à l'unanimité.
"""


def test_a_beneficiary_named_after_the_collectivite_is_still_the_one_asked(register):
    engine = register({"montreuil-2021.txt": CLUB, "montreuil.txt": MONTREUIL})
    for text in ("combien a reçu le club de foot US Montreuil sur Loire de la commune en 2021 ?",
                 "subvention de la commune de Montreuil-sur-Loire à l'US Montreuil-sur-Loire en 2021"):
        answer = engine.ask(text)
        assert answer.total == Decimal("800"), text


GYMNASE = """COMMUNE DE MONTREUIL-SUR-LOIRE
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 23 juillet 2020

Délibération n° 2020-048
Objet : Location du gymnase au collège Jean Moulin

Monsieur le Maire informe le Conseil du versement des sommes suivantes par le Département, au titre de la location
du gymnase utilisé par le collège Jean Moulin :
- 700,00 € pour le 1er semestre 2019
- 850,56 € pour le 2e semestre 2019
Le Conseil municipal charge le Maire d'émettre les titres correspondants.
Adopté à l'unanimité.
"""


def test_a_period_that_qualifies_the_amount_picks_it_among_its_neighbours(register):
    engine = register({"gymnase.txt": GYMNASE, "montreuil.txt": MONTREUIL})
    assert engine.ask("somme due pour la location du gymnase par le collège Jean Moulin au 2e semestre 2019 ?").total \
        == Decimal("850.56")
    assert engine.ask("somme due pour la location du gymnase par le collège Jean Moulin au 1er semestre 2019 ?").total \
        == Decimal("700")

