"""Metadata of the bundled samples, read from the text extract and from its PDF alike."""

import datetime as dt

import pytest

from registre.records import Vote

KINDS = ["txt", "pdf"]
ADOPTED_UNANIMOUSLY = Vote(result="adopted", unanimous=True)


@pytest.mark.parametrize("kind", KINDS)
def test_weeejob_april_2022(one, kind):
    delib = one("000", kind)
    assert delib.number == "2022.00159"
    assert delib.date == dt.date(2022, 4, 14)
    assert delib.instance == "Bureau métropolitain"
    assert delib.collectivite == "Saint-Etienne Métropole"
    assert delib.title == "PLAN D'ACTIONS PLIE - ACTION WEEEJOB"
    assert delib.president == "Gaël PERDRIAU"
    assert delib.secretaire == "Siham LABICH"
    assert delib.rapporteur is None
    counts = (delib.membres_en_exercice, delib.presents, delib.pouvoirs, delib.votants)
    assert counts == (70, 58, 4, 62)
    assert delib.convocation_date == dt.date(2022, 4, 8)
    assert delib.affichage_date == dt.date(2022, 4, 25)
    assert delib.prefecture_date == dt.date(2022, 4, 25)
    assert delib.vote == ADOPTED_UNANIMOUSLY
    assert delib.actes_id is None
    assert delib.flags == ()
    assert len(delib.present_members) == 58
    assert delib.present_members[:2] == ("Gilles ARTIGUES", "Christiane BARAILLER")
    assert len(delib.absent_members) == 8
    assert delib.proxies == (
        ("Jean-Claude FLACHAT", "David FARA"),
        ("Guy FRANCON", "Pascal GONON"),
        ("Christian JOUVE", "Bernard BONNET"),
        ("Marc TARDIEU", "Frédérique CHAVE"),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_weeejob_october_2022(one, kind):
    delib = one("001", kind)
    assert delib.number == "2022.00452"
    assert delib.date == dt.date(2022, 10, 6)
    assert delib.instance == "Bureau métropolitain"
    assert delib.collectivite == "Saint-Etienne Métropole"
    # The header prints "WEEJOB" (the exposé "WEEEJOB"): the title is kept as printed.
    assert delib.title == ("CONVENTION D'APPUI A LA LUTTE CONTRE LA PAUVRETE ET D'ACCES A L'EMPLOI"
                           " - ACTION WEEJOB")
    assert delib.president == "Gaël PERDRIAU"
    assert delib.secretaire == "Siham LABICH"
    counts = (delib.membres_en_exercice, delib.presents, delib.pouvoirs, delib.votants)
    assert counts == (71, 48, 12, 60)
    assert delib.convocation_date == dt.date(2022, 9, 30)
    assert delib.actes_id == "99_DE-042-244200770-20221006-D2022004520"
    assert delib.siren == "244200770"
    assert delib.prefecture_date == dt.date(2022, 10, 17)
    assert delib.affichage_date == dt.date(2022, 10, 17)
    assert delib.vote == ADOPTED_UNANIMOUSLY
    # Names wrapped over two PDF lines ("M.\nGilles BOUDARD") are still one name.
    assert len(delib.present_members) == 48
    assert "Gilles BOUDARD" in delib.present_members
    assert len(delib.absent_members) == 11
    # The proxy list is cut in two by the préfecture stamp: both halves are read.
    assert len(delib.proxies) == 12
    assert delib.proxies[-1] == ("Gilles THIZY", "Denis BARRIOL")


@pytest.mark.parametrize("kind", KINDS)
def test_commission_permanente_lyon(one, kind):
    delib = one("002", kind)
    assert delib.number == "CP-2021-0668"
    assert delib.date == dt.date(2021, 7, 5)
    assert delib.instance == "Commission permanente"
    assert delib.collectivite == "Métropole de Lyon"
    assert delib.title == (
        "Inclusion numérique - Partenariat entre la Métropole de Lyon et l'association Emmaus "
        "Connect pour la collecte de matériel informatique et électronique personnel auprès des "
        "agents de la collectivité au profit de l'association - Convention")
    # "Monsieur Bruno Bernard": the surname in capitals, as registers and the manifests write names.
    assert delib.president == "Bruno BERNARD"
    assert delib.secretaire == "Nathalie DEHAN"
    assert delib.rapporteur == "Baume"
    assert delib.convocation_date == dt.date(2021, 6, 18)
    assert delib.affichage_date == dt.date(2021, 7, 6)
    assert delib.prefecture_date == dt.date(2021, 7, 6)
    counts = (delib.membres_en_exercice, delib.presents, delib.pouvoirs, delib.votants)
    # No count is printed: the members and the proxies listed are counted, and flagged so.
    assert counts == (None, 64, 2, None)
    assert delib.flags == ("présents comptés dans la liste", "pouvoirs comptés dans la liste")
    assert delib.vote == Vote()  # a decision whose extract states no vote
    assert len(delib.present_members) == 64
    assert {"Ben Itah", "Van Styvendael", "Guelpa-Bonaro", "Frier"} <= set(delib.present_members)
    assert delib.absent_members == ("Fautra", "Asti-Lapperrière")
    assert delib.proxies == (("Fautra", "Cochet"), ("Asti-Lapperrière", "Grivel"))


@pytest.mark.parametrize("kind", KINDS)
def test_forez_without_number(one, kind):
    delib = one("003", kind)
    assert delib.number is None
    assert delib.flags == ("sans numéro",)
    assert delib.key == f"{delib.source}#2020-11-19#0"
    assert delib.date == dt.date(2020, 11, 19)
    assert delib.instance == "Bureau métropolitain"
    assert delib.collectivite == "Saint-Etienne Métropole"
    assert delib.title == ("ACCES ET ACCOMPAGNEMENT DANS L'EMPLOI - SOUTIEN A L'ASSOCIATION FOREZ "
                           "ENTREPRENDRE - SUBVENTION 2020")
    assert delib.vote == ADOPTED_UNANIMOUSLY
    assert (delib.secretaire, delib.convocation_date, delib.actes_id) == (None, None, None)


@pytest.mark.parametrize("kind", KINDS)
def test_contrat_de_ville_2019(one, kind):
    delib = one("004", kind)
    assert delib.number == "2019.00081"
    assert delib.date == dt.date(2019, 3, 7)
    assert delib.instance == "Bureau métropolitain"
    assert delib.collectivite == "Saint-Etienne Métropole"
    assert delib.title == "PROGRAMMATION 2019 DU CONTRAT DE VILLE - PREMIERE TRANCHE"
    counts = (delib.membres_en_exercice, delib.presents, delib.pouvoirs, delib.votants)
    assert counts == (69, 55, 0, 55)
    assert delib.secretaire == "Marc CHASSAUBENE"
    assert delib.actes_id == "042-244200770-20190307-D20190008110-DE"
    assert delib.siren == "244200770"
    assert delib.convocation_date == dt.date(2019, 2, 28)
    assert delib.prefecture_date == dt.date(2019, 3, 19)
    assert delib.affichage_date == dt.date(2019, 3, 19)
    assert delib.vote == ADOPTED_UNANIMOUSLY
    assert len(delib.present_members) == 55
    assert len(delib.absent_members) == 14
    assert delib.proxies == ()


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_text_and_pdf_agree(one, stem):
    """The same register read from its extract and from its PDF gives the same metadata."""
    fields = ("number", "date", "instance", "collectivite", "title", "president", "secretaire",
              "rapporteur", "membres_en_exercice", "presents", "pouvoirs", "votants", "vote",
              "convocation_date", "prefecture_date", "affichage_date", "actes_id", "siren",
              "present_members", "absent_members", "proxies", "flags")
    txt, pdf = one(stem, "txt"), one(stem, "pdf")
    assert {f: getattr(pdf, f) for f in fields} == {f: getattr(txt, f) for f in fields}
