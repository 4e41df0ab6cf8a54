"""What each amount of the development corpora is: one family of forms per test, each on at
least two sources (fictional registers, real registers, samples)."""

from decimal import Decimal

from dev_corpus import item, kinds, of_kind

from registre.records import DECISION_KINDS, role_of

VMMB22 = "VMM_bureau_2022-03-17.pdf"
VMMB23 = "VMM_bureau_2023-05-11.pdf"
CP22 = "DHV_CP_2022-09-12.pdf"
RSD19 = "RSD_CM_2019-06-27.pdf"
PRE = "preuilly-sur-claise_2020-07-23.pdf"


def decisions(delib):
    return [(a.value, a.kind, a.beneficiary) for a in delib.amounts if a.kind in DECISION_KINDS]


def test_role_is_derived_from_kind_everywhere():
    for name, key in [(VMMB22, "2022.00124"), (CP22, "CP-2022-1187"), (RSD19, "2019-031"), (PRE, "2020-047")]:
        for amount in item(name, key).amounts:
            assert amount.role == role_of(amount.kind)


def test_initial_grant_decided_by_a_dispositif_sentence():
    assert decisions(item(VMMB22, "2022.00121")) == [(15000, "initial", "Numérikéo")]
    assert decisions(item("DHV_CP-2021-0934.pdf")) == [(18000, "initial", "AGIRE")]
    assert decisions(item("RSD_CM_2018-10-11.pdf", "2018-041")) == [
        (450, "initial", "Coopérative scolaire de l'école de Rivière-sur-Dore")]
    assert decisions(item(PRE, "2020-038")) == [(2500, "initial", "USYP")]  # "dotation exceptionnelle"


def test_grant_printed_in_words_then_figures_is_one_decision():
    (grant,) = of_kind(item("VMM_2025.00089.pdf"), *DECISION_KINDS)
    assert (grant.value, grant.kind, grant.beneficiary, grant.year) == (16000, "initial", "Numérikéo", 2025)
    assert len(item("VMM_2025.00089.pdf").amounts) == 1


def test_complement_adds_to_an_earlier_grant():
    delib = item("VMM_2023.00577.pdf")
    assert kinds(delib) == [(7500, "previous"), (9800, "cost"), (4000, "restatement"), (4000, "complement")]
    dotations = item(CP22, "CP-2022-1186")  # "Dotation complémentaire (€)" column
    assert [(a.value, a.kind) for a in dotations.amounts] == [
        (18400, "complement"), (9600, "complement"), (12750, "complement"), (7300, "complement"), (48050, "total")]


def test_proposal_in_the_expose_restates_the_decision():
    for name, key, value in [(VMMB22, "2022.00121", 15000), ("DHV_CP-2020-0412.pdf", None, 32000),
                             ("001_40a7a0cda50e6dc9.txt", None, 11000), (PRE, "2020-038", 2500)]:
        delib = item(name, key)
        restated = of_kind(delib, "restatement")
        assert [(a.value, a.section) for a in restated][-1] == (value, "expose")
        assert [a.value for a in of_kind(delib, *DECISION_KINDS)] == [value]


def test_recap_of_a_list_is_not_a_grant():
    (recap,) = of_kind(item(RSD19, "2019-031"), "recap")
    assert (recap.value, recap.role) == (3550, "total")
    assert recap.quote.startswith("soit un total de 3 550 €")
    couthenans = item("couthenans_2021-06-04.pdf", "Subventions associatives")
    assert [(a.value, a.kind) for a in couthenans.amounts if "Soit un total" in a.quote] == [
        (1400, "recap"), (600, "envelope")]  # "Les 600€ restants seront répartis": what is left


def test_request_is_not_a_grant():
    assert [a.value for a in of_kind(item(PRE, "2020-038"), "request")] == [2500, 2500]
    aid = item("couthenans_2022-01-21.pdf", "Aide à entreprise")
    assert kinds(aid) == [(500, "initial"), (20000, "request")]  # "doit abonder de 500€ sur les 20 000€ demandés"
    listed = item("couthenans_2021-06-04.pdf", "Subventions associatives")
    assert [(a.value, a.kind, a.beneficiary) for a in listed.amounts if "Banque alimentaire (demande" in a.quote] == [
        (380, "request", None), (380, "initial", "Banque alimentaire")]


def test_request_is_granted_by_an_item_that_decides_nothing_else():
    """A minute whose item is "Subvention pour l'ASL" states only the amount asked, then votes."""
    asl = item("couthenans_2022-10-28.pdf", "Subvention pour l'ASL")
    assert decisions(asl) == [(500, "initial", "ASL (Association Sport & Loisirs)")]
    agenda = item("couthenans_2022-10-28.pdf", "Mise à jour du plan communal")  # its agenda line
    assert [(a.value, a.kind) for a in agenda.amounts if "ASL" in a.quote] == [(500, "other")]


def test_previous_year_or_earlier_decision_recalled():
    found = [
        (item(VMMB22, "2022.00122"), 10000, 2021),  # "Pour mémoire, … à hauteur de 10 000 € en 2021"
        (item("VMM_2023.00577.pdf"), 7500, 2023),  # "Par délibération n° 2023.00410 du 11 mai 2023, …"
        (item(VMMB23, "2023.00414"), 75000, 2022),  # "Pour la saison précédente" (saison 2023-2024)
        (item("DHV_CP-2023-0298.pdf"), 20000, 2022),  # "soutenue à hauteur de 20 000 € en 2022"
    ]
    for delib, value, year in found:
        (previous,) = of_kind(delib, "previous")
        assert (previous.value, previous.role, previous.year) == (value, "previous", year)
    recalled = of_kind(item("couthenans_2021-06-04.pdf", "Subventions associatives"), "previous")  # "Rappel des demandes 2019 … :"
    assert [(a.value, a.beneficiary, a.year) for a in recalled][:3] == [
        (3110, None, 2019), (60, "ACCA", 2019), (1220, "Amicale sportive", 2019)]
    assert len(recalled) == 8


def test_cost_of_an_action_and_price_of_a_contract():
    assert kinds(item(VMMB22, "2022.00121"))[0] == (48600, "cost")  # "Le coût total de l'action"
    assert kinds(item("VMM_2021.00388.pdf"))[0] == (92000, "cost")
    assert kinds(item("DHV_CP-2024-0145.pdf"))[0] == (Decimal("4.8E+6"), "cost")  # "4,8 M€ HT"
    for name, key, value, holder in [(VMMB22, "2022.00125", 186400, "Propreté Services Morence"),
                                     (RSD19, "2019-032", 68450, "Dore TP")]:
        delib = item(name, key)  # "approuve l'attribution du marché … pour un montant de": a cost
        assert [(a.value, a.kind, a.role, a.beneficiary) for a in delib.amounts] == [
            (value, "cost", "cost", holder)] * 2


def test_budget_of_a_beneficiary_or_of_the_collectivite():
    assert kinds(item(VMMB22, "2022.00121"))[1] == (212000, "budget")
    assert kinds(item(VMMB23, "2023.00413"))[0] == (1900000, "budget")
    for name, fonctionnement, investissement in [("VMM_conseil_2024-02-08.pdf", 512400000, 198700000),
                                                 ("DHV_CD-2019-0112.pdf", 412800000, 96300000)]:
        delib = item(name, "2024.00031" if name.startswith("VMM") else None)
        assert kinds(delib) == [(fonctionnement, "budget"), (investissement, "budget")] * 2
        assert {a.role for a in delib.amounts} == {"other"}


def test_loan_and_guarantee():
    morence = item(VMMB22, "2022.00124")
    assert [(a.value, a.kind, a.role) for a in morence.amounts] == [
        (1850000, "loan", "other"), (925000, "restatement", "other"),
        (1850000, "loan", "other"), (925000, "guarantee", "guarantee")]
    valliere = item(CP22, "CP-2022-1188")
    assert [(a.value, a.kind) for a in valliere.amounts] == [
        (2760000, "loan"), (2760000, "restatement"), (2760000, "loan"), (2760000, "guarantee")]
    assert {a.beneficiary for a in valliere.amounts} == {"Habitat Vallière"}


def test_envelope_of_a_scheme():
    assert [(a.value, a.kind) for a in item(VMMB23, "2023.00412").amounts] == [
        (1000, "other"), (1500, "other"), (150000, "envelope"), (150000, "envelope")]  # primes per household
    couthenans = item("couthenans_2022-10-07.pdf", "Subventions aux associations")
    assert kinds(couthenans)[0] == (2000, "envelope")  # "Le budget réservé aux associations s'élève à 2000€"
    prizes = item(PRE, "2020-050")
    assert (440, "envelope") in kinds(prizes)  # "une enveloppe globale de 440€"
    assert not of_kind(prizes, *DECISION_KINDS)


def test_totals_of_several_grants():
    programme = item(VMMB23, "2023.00410")
    assert [(a.value, a.section) for a in of_kind(programme, "total")] == [
        (98300, "expose"), (98300, "dispositif"), (447700, "other"), (98300, "other")]
    insertion = item(CP22, "CP-2022-1187")
    assert [a.value for a in of_kind(insertion, "total")] == [83000, 83000, 664700, 83000]
    assert sum(a.value for a in of_kind(insertion, *DECISION_KINDS)) == 83000


def test_tariffs():
    salle = item(RSD19, "2019-033")  # "Tarif en vigueur", "Tarif proposé"
    assert [(a.value, a.kind) for a in salle.amounts][:4] == [
        (180, "tariff"), (190, "tariff"), (320, "tariff"), (340, "tariff")]
    assert not of_kind(salle, *DECISION_KINDS)
    cantine = item(PRE, "2020-045")
    assert (Decimal("5.80"), "tariff") in kinds(cantine)
    assert kinds(cantine)[0] == (Decimal("3.30"), "previous")  # "rappelle les tarifs de la cantine en 2019/2020"


def test_purchase_and_sale_prices():
    garage = item(PRE, "2020-051")
    assert [(a.value, a.kind) for a in garage.amounts][1:] == [
        (1680, "price"), (6000, "price"), (5000, "price"), (5000, "price"), (5000, "price")]
    tables = item("couthenans_2021-11-26.pdf", "Vente des tables")
    assert kinds(tables) == [(10, "price")]  # "au prix de 10€ l'unité"


def test_revenues():
    orange = item(PRE, "2020-047")
    (title,) = [a for a in orange.amounts if a.section == "dispositif"]
    assert (title.value, title.kind) == (Decimal("1751.73"), "revenue")  # "émettre le titre de 1751,73 euros"
    assert kinds(item(PRE, "2020-048")) == [(Decimal("850.56"), "revenue")] * 2  # paid by the Département
    assert kinds(item("couthenans_2021-09-17.pdf", "Rapport de la CLECT")) == [(11740, "revenue")]


def test_cofinancing_by_another_body():
    assert kinds(item("DHV_CP-2024-0145.pdf"))[1] == (600000, "cofinancing")  # "participation de la Région"
    contrat = item("004_1765d63fdda7c274.txt")
    assert [a.value for a in of_kind(contrat, "cofinancing") if a.section == "expose"] == [2000, 2000]


def test_withdrawn_item_keeps_its_grant():
    """Whether it took effect is the vote's business: the amount stays a grant decision."""
    festival = item(CP22, "CP-2022-1189")
    assert festival.vote.result == "withdrawn"
    assert decisions(festival) == [(35000, "initial", "Festival des Monts de Vallière")]


def test_rejected_proposal_is_not_a_grant():
    """Couthenans 2021-06-04: "un PC portable d'une valeur max de 500€ … Proposition non retenue"."""
    minute = item("couthenans_2021-06-04.pdf", "Questions diverses")
    assert [(a.value, a.kind) for a in minute.amounts if "PC portable" in a.quote] == [(500, "other")]


def test_tables_decided_by_the_dispositif():
    clubs = item(CP22, "CP-2022-1190")  # "Aide départementale", "figurant au tableau ci-dessus"
    assert decisions(clubs) == [(22000, "initial", "Vallières Handball Club"),
                                (6000, "initial", "Rugby Club Val de Saône"),
                                (9000, "initial", "Basket Club Lavaur"), (14000, "initial", "Volley Vallière Sud")]
    scanned = item("DHV_CP-2023-0298.pdf")  # OCR; header repeated on the next page
    assert [a.value for a in of_kind(scanned, *DECISION_KINDS)] == [22000, 9000, 15500, 11000, 12500]
    annex = item(CP22, "CP-2022-1187")  # "Montant attribué (€)" on an annex page
    assert [a.beneficiary for a in of_kind(annex, *DECISION_KINDS)][0].startswith("AGIRE (Association pour")


def test_lists_decided_by_the_dispositif():
    rivere = item(RSD19, "2019-031")  # "telles que proposées ci-dessus"
    assert decisions(rivere) == [
        (1200, "initial", "Comité des fêtes de Rivière"), (800, "initial", "Les Amis de l'Orgue de Rivière"),
        (1000, "initial", "AS Rivière-sur-Dore"), (250, "initial", "Société de chasse La Diane de la Dore"),
        (300, "initial", "Club des aînés Le Bel Âge")]
    couthenans = item("couthenans_2022-10-07.pdf", "Subventions aux associations")  # a minute: no dispositif
    assert decisions(couthenans) == [(600, "initial", "ASSPEC"), (600, "initial", "Coopérative scolaire"),
                                     (230, "initial", "Cycloclub Couthenans")]


def test_each_grant_of_the_fictional_registers_is_counted_once():
    total = sum(a.value for name, key in [(VMMB23, "2023.00410"), (CP22, "CP-2022-1186"), (CP22, "CP-2022-1187"),
                                         (CP22, "CP-2022-1190")]
                for a in item(name, key).amounts if a.kind in DECISION_KINDS)
    assert total == 98300 + 48050 + 83000 + 51000
