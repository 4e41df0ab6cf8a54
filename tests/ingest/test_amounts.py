"""Euro amounts of the samples and of written variants: value, role, beneficiary, place."""

import re
from decimal import Decimal

import pytest

from registre.ingest.tables import table_rows
from registre.text.fold import fold

KINDS = ["txt", "pdf"]


def grants(delib):
    return [a for a in delib.amounts if a.role == "grant"]


@pytest.mark.parametrize("kind", KINDS)
def test_weeejob_april_one_grant_and_its_cost(one, kind):
    delib = one("000", kind)
    (grant,) = grants(delib)
    assert (grant.value, grant.section, fold(grant.beneficiary)) == (11000, "dispositif", "weeejob")
    assert grant.quote == "- valide le financement de l'action Weeejob à hauteur de 11 000 € ;"
    assert delib.text[grant.start:grant.end] == "11 000 €"
    (cost,) = [a for a in delib.amounts if a.role == "cost"]
    assert (cost.value, cost.section) == (11000, "expose")
    assert cost.quote == "Le coût d'une session est fixé à 11 000 €."
    assert len(delib.amounts) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_weeejob_october_grant_counted_once(one, kind):
    """The exposé announces the participation the dispositif then decides: the decided one is
    the grant; the announcement is kept (role "other") so sums never count it twice."""
    delib = one("001", kind)
    (grant,) = grants(delib)
    assert (grant.value, grant.section, fold(grant.beneficiary)) == (11000, "dispositif", "weeejob")
    (restated,) = [a for a in delib.amounts if a.section == "expose"]
    assert restated.quote.startswith("Le montant de la participation financière de Saint-Etienne")
    assert (restated.value, restated.role) == (11000, "other")
    assert counted_grants(delib) == (grant,)
    assert len(delib.amounts) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_forez_one_grant(one, kind):
    delib = one("003", kind)
    (grant,) = grants(delib)
    assert (grant.value, grant.section) == (5000, "dispositif")
    assert fold(grant.beneficiary) == "forez entreprendre"
    assert delib.amounts == (grant,)


@pytest.mark.parametrize("kind", KINDS)
def test_lyon_decision_has_no_amount(one, kind):
    assert one("002", kind).amounts == ()


def _priority(delib, amount):
    """The "Priorité n°k" heading printed above the table row holding `amount`."""
    (row,) = [r for r in table_rows(delib.text) if r.start <= amount.start < r.end]
    found = re.match(r"Priorité n°\s*(\d)", row.group or "")
    return int(found[1]) if found else None


@pytest.mark.parametrize("kind", KINDS)
def test_contrat_de_ville_annex_rows(one, kind):
    delib = one("004", kind)
    annex = [a for a in delib.amounts if a.section == "annex"]
    row_grants = [a for a in annex if a.role == "grant"]
    assert len(row_grants) == 49
    assert grants(delib) == row_grants  # no sentence of the exposé or dispositif is a grant
    assert counted_grants(delib) == tuple(row_grants)
    assert sum(a.value for a in row_grants) == Decimal(497500)
    by_priority = {}
    for amount in row_grants:
        key = _priority(delib, amount)
        by_priority[key] = by_priority.get(key, 0) + amount.value
    assert by_priority == {1: 65500, 2: 120000, 3: 235200, 4: 76800}
    for amount in row_grants:  # each grant sits in a row whose cost is also read
        assert "Contribution SEM (PV) : " in amount.quote
        (cost,) = [a for a in annex if a.role == "cost" and a.quote == amount.quote]
        assert f"Coût de l'action : {delib.text[cost.start:cost.end]}" in amount.quote


@pytest.mark.parametrize("kind", KINDS)
def test_contrat_de_ville_totals_and_cofinancing(one, kind):
    delib = one("004", kind)
    annex = [a for a in delib.amounts if a.section == "annex"]
    totals = sorted(a.value for a in annex if a.role == "total")
    assert totals == sorted([532626, 65500, 261864, 120000, 261864, 120000,
                             734229, 235200, 359417, 76800])
    labelled = [a for a in annex if a.role == "total" and a.beneficiary]
    assert all(a.beneficiary.startswith("TOTAL PRIORITE") for a in labelled)
    assert {a.beneficiary_key for a in annex if a.role == "total"} == {None}  # what a total covers is no body
    cofinancing = [(a.value, a.beneficiary) for a in annex if a.role == "cofinancing"]
    # "Porteur et intitulé de l'action": the porteur is the part before " / "
    assert cofinancing == [(2000, "SAINT-ETIENNE METROPOLE"), (2000, "SAINT-ETIENNE METROPOLE")]
    annex_costs = [a for a in annex if a.role == "cost"]
    assert len(annex_costs) == 49 + 2
    pimms = {a.role: a.value for a in annex if a.beneficiary == "PIMMS"}  # "Relais emploi / PIMMS"
    assert pimms == {"grant": 20000, "cost": 49010}
    assert {a.role for a in annex} == {"grant", "cost", "total", "cofinancing"}


@pytest.mark.parametrize("kind", KINDS)
def test_contrat_de_ville_summary_table_is_totals(one, kind):
    delib = one("004", kind)
    summary = [a for a in delib.amounts if a.section == "expose" and "Nombre d'actions" in a.quote]
    assert [(a.value, a.role) for a in summary] == [
        (65500, "total"), (120000, "total"), (235200, "total"), (76800, "total"), (497500, "total")]
    assert [a.beneficiary.split("/")[0] for a in summary[:4]] == ["PILIER 1", "PILIER 2", "PILIER 3", "PILIER 4"]
    assert summary[4].beneficiary is None  # the bare TOTAL row


@pytest.mark.parametrize("kind", KINDS)
def test_contrat_de_ville_sentences(one, kind):
    delib = one("004", kind)
    sentences = [(a.value, a.role, a.section) for a in delib.amounts
                 if a.section in ("expose", "dispositif") and "Nombre d'actions" not in a.quote]
    assert sentences == [
        (497500, "total", "expose"), (377500, "total", "expose"), (120000, "total", "expose"),
        (19003, "cost", "expose"), (4000, "cost", "expose"), (2000, "cofinancing", "expose"),
        (4000, "cost", "expose"), (2000, "cofinancing", "expose"), (23000, "other", "expose"),
        (497500, "total", "dispositif"), (377500, "total", "dispositif"),
        (120000, "total", "dispositif"),
    ]


DELIBERATION = """DELIBERATION N° 2024-031
SUBVENTION A L'ASSOCIATION LES JARDINS PARTAGES

L'association entretient les jardins du quartier.

Le Conseil municipal, après en avoir délibéré :

- attribue une subvention de {amount} à l'association Les Jardins Partagés ;

Adopté à l'unanimité.
"""


@pytest.mark.parametrize("written, value", [
    ("11 000,00 €", Decimal(11000)),
    ("11.000 euros", Decimal(11000)),
    ("1,2 M€", Decimal(1200000)),
    ("497 500€", Decimal(497500)),
    ("1 500,50 euros", Decimal("1500.50")),
    ("2 000 EUR", Decimal(2000)),
])
@pytest.mark.parametrize("kind", KINDS)
def test_written_amounts(parse_text, parse_pdf, kind, written, value):
    text = DELIBERATION.format(amount=written)
    (delib,) = parse_text(text) if kind == "txt" else parse_pdf([text.split("\n")])
    (grant,) = delib.amounts
    assert (grant.value, grant.role, grant.section) == (value, "grant", "dispositif")
    assert grant.beneficiary == "Les Jardins Partagés"
    assert delib.text[grant.start:grant.end] == written


def test_restated_grant_in_expose_is_not_counted_twice(parse_text):
    text = DELIBERATION.format(amount="3 000 €").replace(
        "du quartier.", "du quartier. Il est proposé de lui attribuer une subvention de 3 000 €.")
    (delib,) = parse_text(text)
    assert [(a.value, a.role, a.section) for a in delib.amounts] == [
        (3000, "other", "expose"), (3000, "grant", "dispositif")]


def test_grant_stated_only_in_expose_is_counted(parse_text):
    text = DELIBERATION.format(amount="la somme proposée").replace(
        "du quartier.", "du quartier. Il est proposé de lui attribuer une subvention de 3 000 €.")
    (delib,) = parse_text(text)
    ((value, role, section),) = [(a.value, a.role, a.section) for a in delib.amounts]
    assert (value, role, section) == (3000, "grant", "expose")
    assert [a.value for a in counted_grants(delib)] == [3000]


def test_roles_from_the_sentence(parse_text):
    text = DELIBERATION.format(amount="1 000 €").replace(
        "L'association entretient les jardins du quartier.",
        "L'an dernier, une subvention de 900 € avait été attribuée. Le coût total du projet est "
        "estimé à 4 000 €. La Région apporte un cofinancement de 1 500 €. La commune garantit "
        "l'emprunt de 50 000 € contracté par l'association.")
    (delib,) = parse_text(text)
    assert [(a.value, a.role) for a in delib.amounts] == [
        (900, "previous"), (4000, "cost"), (1500, "cofinancing"), (50000, "guarantee"),
        (1000, "grant")]


def test_annex_row_repeating_the_dispositif_grant(parse_pdf):
    pages = [
        ["DELIBERATION N° 2024-017", "OBJET : Subvention à l'association Les Amis du Parc", "",
         ("Par délibération n° 2023-044 du 5 juin 2023, le conseil municipal avait attribué une "
         "subvention de 1 200 € à l'association."), "",
         "Le Conseil municipal, après en avoir délibéré :", "",
         "- attribue une subvention de 1 500 € à l'association Les Amis du Parc ;", "",
         "Adopté à l'unanimité."],
        ["ANNEXE", "Association\tObjet\tMontant", "Les Amis du Parc\tFête de printemps\t1 500 €",
         "Le Jardin d'Ulysse\tAteliers\t900 €"],
    ]
    (delib,) = parse_pdf(pages)
    assert [(a.value, a.role, a.section, a.page) for a in delib.amounts] == [
        (1200, "previous", "expose", 1),
        (1500, "grant", "dispositif", 1),
        (1500, "other", "annex", 2),  # the annex details the grant the dispositif decides
        (900, "grant", "annex", 2),  # …but a row of its own is decided by the annex
    ]
    assert sum(a.value for a in counted_grants(delib)) == 2400


def counted_grants(delib) -> tuple:
    """The amounts a sum adds: role "grant" only, each decided grant once."""
    return tuple(amount for amount in delib.amounts if amount.role == "grant")
