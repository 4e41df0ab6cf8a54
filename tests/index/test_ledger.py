"""The grants ledger on deliberations read from real text: what each decision adds, and the net
per beneficiary and year after amendments, complements, reductions, cancellations and votes."""
from decimal import Decimal

import pytest

from registre.index.ledger import decisions, granted, nets
from registre.ingest import parse_document, read_file


@pytest.fixture
def parse(tmp_path):
    def run(name: str, lines: list[str]):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return list(parse_document(read_file(path)))

    return run


def _extract(number: str, date: str, title: str, decided: list[str], vote: str = "Ce dossier a été adopté à l'unanimité."):
    return ["EXTRAIT DU REGISTRE DES DELIBERATIONS", "", f"SEANCE DU BUREAU MÉTROPOLITAIN DU {date}", "",
            f"DELIBERATION N°{number}", "", title, "",
            "Le Bureau de Val-Morence Métropole, après en avoir délibéré :", "", *decided, "", vote, ""]


TRETEAUX = [
    _extract("2022.00087", "10 FEVRIER 2022", "CULTURE - LES TRETEAUX DU LIGNON - SUBVENTION 2022", [
        "- attribue à l'association Les Tréteaux du Lignon une subvention de 8 000 € au titre de l'année 2022 ;"]),
    _extract("2022.00298", "23 JUIN 2022", "CULTURE - LES TRETEAUX DU LIGNON - AVENANT N° 1", [
        "- approuve l'avenant n° 1 à la convention 2022, qui porte le montant de la subvention attribuée à",
        "l'association Les Tréteaux du Lignon de 8 000 € à 10 000 € ;"]),
]


def test_an_amendment_replaces_the_figure_it_names(parse):
    delibs = parse("treteaux", TRETEAUX[0] + TRETEAUX[1])
    assert [d.number for d in delibs] == ["2022.00087", "2022.00298"]
    (net,) = nets(delibs)
    assert (net.year, net.value) == (2022, Decimal(10000))
    assert [(s.before, s.after) for s in net.steps] == [(0, 8000), (8000, 10000)]
    assert [granted(d) for d in delibs] == [Decimal(8000), Decimal(2000)]


def test_a_complement_adds_and_a_recap_is_checked(parse):
    first = _extract("2022.00121", "17 MARS 2022", "INCLUSION NUMERIQUE - NUMERIKEO - SUBVENTION 2022", [
        "- attribue une subvention de fonctionnement de 15 000 € à l'association Numérikéo au titre de l'année 2022 ;"])
    second = _extract("2022.00455", "6 OCTOBRE 2022", "INCLUSION NUMERIQUE - NUMERIKEO - SUBVENTION COMPLEMENTAIRE", [
        "- attribue à l'association Numérikéo une subvention complémentaire de 3 000 € au titre de l'année 2022 ;",
        "Le soutien de la Métropole à l'association Numérikéo pour l'année 2022 s'établit ainsi à 18 000 €."])
    (net,) = nets(parse("numerikeo", first + second))
    assert net.value == Decimal(18000)
    assert [(recap.value, agrees) for recap, agrees in net.recaps] == [(Decimal(18000), True)]


def test_a_recap_that_disagrees_is_flagged(parse):
    delibs = parse("recap", _extract("2022.00121", "17 MARS 2022", "NUMERIKEO - SUBVENTION 2022", [
        "- attribue une subvention de 15 000 € à l'association Numérikéo au titre de l'année 2022 ;",
        "Le soutien de la Métropole à l'association Numérikéo pour l'année 2022 s'établit ainsi à 20 000 €."]))
    (net,) = nets(delibs)
    assert net.value == Decimal(15000)
    assert [(recap.value, agrees) for recap, agrees in net.recaps] == [(Decimal(20000), False)]


def test_a_withdrawn_or_rejected_item_grants_nothing(parse):
    withdrawn = _extract("2022.00130", "17 MARS 2022", "CULTURE - FESTIVAL DES MONTS - SUBVENTION 2022", [
        "- attribue une subvention de 35 000 € à l'association Festival des Monts au titre de l'année 2022 ;"],
        vote="Ce rapport a été retiré de l'ordre du jour de la séance.")
    (delib,) = parse("festival", withdrawn)
    (decision,) = decisions(delib)
    assert decision.amount.value == Decimal(35000) and not decision.effective
    assert decision.why_not == "point retiré de l'ordre du jour"
    assert granted(delib) == 0
    assert [n.value for n in nets([delib])] == [Decimal(0)]


def test_nets_keep_beneficiaries_and_years_apart(parse):
    delibs = parse("two", TRETEAUX[0] + _extract("2023.00012", "12 JANVIER 2023", "CULTURE - SUBVENTION 2023", [
        "- attribue à l'association Les Tréteaux du Lignon une subvention de 9 000 € au titre de l'année 2023 ;",
        "- attribue à l'association Numérikéo une subvention de 2 000 € au titre de l'année 2023 ;"]))
    found = {(n.key, n.year): n.value for n in nets(delibs)}
    treteaux = next(k for k, _ in found if "treteaux" in k)
    assert found[(treteaux, 2022)] == Decimal(8000) and found[(treteaux, 2023)] == Decimal(9000)
    assert sum(found.values()) == Decimal(19000)
    assert nets(delibs, keys={treteaux}) == [n for n in nets(delibs) if n.key == treteaux]
