"""The SCDL exports' rules, each on small records: ACTES names from one table, PREF_ID, the vote
columns all or none, BUDGET_ANNEE with BUDGET_NOM, DELIB_ID always filled, the publishers and
beneficiaries given by the user, Subventions rows from the ledger (amendments, reductions,
withdrawn items) and what is left out said."""
import datetime as dt
from decimal import Decimal

import pytest

from registre.errors import BadDirectory
from registre.index.directory import Beneficiaires, Collectivites, is_siret
from registre.index.nomenclature import matiere, table
from registre.index.scdl import SCDL_COLUMNS, budget_columns, deliberation_rows, pref_id, votes
from registre.index.subventions import SUBVENTIONS_COLUMNS, subvention_rows
from registre.ingest import matiere as rules
from registre.ingest import parse_document, read_file
from registre.records import Amount, Deliberation, Section, Vote

VMM = "20009988500010"  # placeholders that pass the SIRET checks
DHV = "22990001400015"


def test_every_code_has_its_scdl_name_from_the_one_table():
    assert len(table()) == 57
    assert matiere("7.5").scdl_name == "finances locales/subventions"
    assert matiere("7.1").scdl_name == "finances locales/décisions budgétaires"
    assert matiere("7.10").scdl_name == "finances locales/divers"
    assert matiere("5.1").scdl_name == "institutions et vie politique/élection exécutif"
    assert matiere("6.5").scdl_name == "libertés publiques et pouvoirs de police/actes pris au nom de l'état"
    assert matiere("8.5").scdl_name == "domaines de compétences par thèmes/politique de la ville habitat logement"
    assert all("/" in m.scdl_name and " /" not in m.scdl_name and "/ " not in m.scdl_name for m in table().values())
    assert {code for code, _, _ in rules.RULES} | {"9.1", "9.2", "9.3"} <= set(table())


@pytest.mark.parametrize("actes_id, expected", [
    ("099-229900015-20250210-CP_2025_0077-DE", "PREF099"),
    ("99_DE-042-200099887-20230511-D2023004100", "PREF042"),
    ("042-200099887-20240208-202400031-DE", "PREF042"),
    ("974-219740214-20260616-2026CM071-DE", "PREF974"),
    ("02A-212000046-20230101-D01-DE", "PREF02A"),
    (None, None), ("sans identifiant", None),
])
def test_pref_id_is_the_departement_of_the_actes_identifier(actes_id, expected):
    assert pref_id(actes_id) == expected


def _delib(**fields) -> Deliberation:
    base = dict(source="x.txt", text="", start=0, first_page=1, page_offsets=(0,), number="2023-001",
                date=dt.date(2023, 5, 11), title="Objet", collectivite="Val-Morence Métropole")
    return Deliberation(**{**base, **fields})


@pytest.mark.parametrize("fields, expected", [
    (dict(membres_en_exercice=66, votants=61, vote=Vote("adopted", True)), (66, 61, 61, 0, 0)),
    (dict(membres_en_exercice=66, votants=61, vote=Vote("adopted", False, 52, 6, 3)), (66, 61, 52, 6, 3)),
    (dict(membres_en_exercice=15, votants=14, vote=Vote("adopted", None, None, 1, 1)), (15, 14, 12, 1, 1)),
    (dict(membres_en_exercice=15, votants=None, vote=Vote("adopted", True)), None),  # no réel: all empty
    (dict(membres_en_exercice=None, votants=14, vote=Vote("adopted", True)), None),  # no effectif
    (dict(membres_en_exercice=10, votants=14, vote=Vote("adopted", True)), None),  # more votes than members
    (dict(membres_en_exercice=20, votants=14, vote=Vote("adopted", None, 9, 5, 2)), (20, 16, 9, 5, 2)),  # sum
])
def test_the_vote_columns_are_all_filled_and_add_up_or_all_empty(fields, expected):
    assert votes(_delib(**fields)) == expected


def _dispositif(text: str, **fields) -> Deliberation:
    return _delib(text=text, sections=(Section("dispositif", 0, len(text), text, 1),), **fields)


def test_budget_year_and_name_go_together():
    grant = Amount(Decimal(18000), "grant", "AGIRE", "Attribue à AGIRE 18 000 €", 1, "dispositif", 0, 10,
                   kind="initial", beneficiary_key="agire", year=2021)
    named = _dispositif("Attribue à AGIRE 18 000 €. La dépense sera imputée sur le chapitre 017 du budget "
                        "départemental.", amounts=(grant,))
    assert budget_columns(named) == ("2021", "Budget départemental")
    assert budget_columns(_dispositif("Attribue à AGIRE 18 000 €.", amounts=(grant,))) == (None, None)
    primitif = _dispositif("adopte le budget primitif 2024 du budget annexe de l'assainissement ;",
                           title="FINANCES - BUDGET PRIMITIF 2024")
    assert budget_columns(primitif) == ("2024", "Budget principal")
    annexe = _dispositif("approuve la décision modificative n° 1 du budget annexe assainissement ;")
    assert budget_columns(annexe) == ("2023", "Budget annexe assainissement")
    withdrawn = _dispositif("imputée au budget principal", amounts=(grant,), vote=Vote("withdrawn"))
    assert budget_columns(withdrawn) == ("2023", "Budget principal")  # no effective grant: the séance's year


def test_a_siret_is_checked_before_it_is_written():
    assert is_siret(VMM) and is_siret("35600000000001")  # La Poste: digits add up to a multiple of 5
    assert not is_siret("00000000000000") and not is_siret("20009988500011") and not is_siret("2000998850001")
    with pytest.raises(BadDirectory, match="--siret, ligne 1 : « 123 » inutilisable"):
        Collectivites.parse("123")
    with pytest.raises(BadDirectory, match="ligne 2"):
        Collectivites.parse(f"Val-Morence Métropole={VMM}\nAutre=20009988500011")


def test_a_deliberation_finds_its_publisher_by_file_siren_or_name():
    given = Collectivites.parse(f"# publishers\nnom;siret;fichiers\nDépartement de la Haute-Vallière;{DHV};DHV_*\n"
                                f"Val-Morence Métropole={VMM}\nCommune de Salazie;21974021400016\n")
    assert given.find(_delib(source="DHV_CP-2021-0934.pdf", collectivite=None)).siret == DHV
    assert given.find(_delib(collectivite="VAL-MORENCE METROPOLE")).siret == VMM
    assert given.find(_delib(collectivite=None, siren="219740214")).name == "Commune de Salazie"
    assert given.find(_delib(collectivite="Commune de Nulle-Part")) is None
    anyone = Collectivites.parse(VMM)  # one SIRET for the whole index: the name read on each deliberation
    assert anyone.find(_delib(collectivite="Commune de Nulle-Part")).siret == VMM
    assert Collectivites.parse(f"A={VMM};B={DHV}").entries[1].name == "B"


def test_beneficiaries_are_identified_printed_or_from_the_directory():
    directory = Beneficiaires.parse("nom;siret;rna\nl'association Numérikéo;;W421234567\nAGIRE;70000004500018;\n")
    numerikeo = Amount(Decimal(1), "grant", "Numérikéo", "q", 1, "dispositif", 0, 1, beneficiary_key="numerikeo")
    agire = Amount(Decimal(1), "grant", "Association pour …", "q", 1, "dispositif", 0, 1,
                   beneficiary_key="association pour", beneficiary_aliases=("agire",))
    printed = Amount(Decimal(1), "grant", "X", "q", 1, "dispositif", 0, 1, beneficiary_key="x",
                     beneficiary_id="W429999999")
    assert directory.identify(numerikeo) == (None, "W421234567")
    assert directory.identify(agire) == ("70000004500018", None)
    assert directory.identify(printed) == (None, "W429999999")
    with pytest.raises(BadDirectory, match="ligne 2 : « W12 »"):
        Beneficiaires.parse("nom;rna\nX;W12\n")
    with pytest.raises(BadDirectory, match="colonnes attendues"):
        Beneficiaires.parse("name,identifier\nX,1\n")


def test_a_deliberation_row_has_every_required_column_or_says_why_not():
    given = Collectivites.parse(f"Val-Morence Métropole={VMM}")
    kept = _dispositif("attribue …", membres_en_exercice=66, votants=61, vote=Vote("adopted", True),
                       actes_id="042-200099887-20230511-D2023-DE", prefecture_date=dt.date(2023, 5, 17))
    untitled = _delib(number=None, title=None, source="pv.txt")
    withdrawn = _delib(number="2023-002", vote=Vote("withdrawn"))
    elsewhere = _delib(number="2023-003", collectivite="Commune de Nulle-Part")
    export = deliberation_rows([kept, untitled, withdrawn, elsewhere], given)
    (row,) = export.rows
    assert list(row) == list(SCDL_COLUMNS)
    assert row["DELIB_MATIERE_NOM"] == matiere(row["DELIB_MATIERE_CODE"]).scdl_name
    assert (row["COLL_SIRET"], row["DELIB_ID"], row["PREF_ID"], row["PREF_DATE"]) == (VMM, "2023-001", "PREF042",
                                                                                      "2023-05-17")
    assert [row[c] for c in ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")] == [
        "66", "61", "61", "0", "0"]
    assert [left.line() for left in export.left_out] == [
        "non exporté : sans numéro (pv.txt, 2023-05-11) : objet (titre) non lu",
        "non exporté : n° 2023-002 (x.txt, 2023-05-11) : point retiré de l'ordre du jour",
        "non exporté : n° 2023-003 (x.txt, 2023-05-11) : pas de SIRET pour la collectivité « Commune de Nulle-Part »"
        " (--siret NOM=SIRET)"]


def test_an_unnumbered_deliberation_gets_its_stable_key_as_delib_id():
    delib = _delib(number=None, source="couthenans_2022-10-07.pdf", start=2812)
    (row,) = deliberation_rows([delib], Collectivites.parse(VMM)).rows
    assert row["DELIB_ID"] == "couthenans_2022-10-07.pdf#2023-05-11#2812" == delib.key


AVENANT = """EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU {date}

DELIBERATION N°{number}

{title}

Le Bureau de Val-Morence Métropole, après en avoir délibéré :

{decided}

{vote}
"""
ADOPTED = "Ce dossier a été adopté à l'unanimité."


def _register(tmp_path, items) -> tuple[Deliberation, ...]:
    text = "\n".join(AVENANT.format(date=d, number=n, title=t, decided=x, vote=v) for d, n, t, x, v in items)
    path = tmp_path / "register.txt"
    path.write_text(text, encoding="utf-8")
    return parse_document(read_file(path))


def test_subventions_rows_follow_the_ledger(tmp_path):
    delibs = _register(tmp_path, [
        ("10 FEVRIER 2022", "2022.00087", "CULTURE - LES TRETEAUX DU LIGNON - SUBVENTION 2022",
         "- attribue à l'association Les Tréteaux du Lignon une subvention de 8 000 € au titre de l'année 2022,"
         " versée en deux fois (un acompte de 50 % puis le solde) ;", ADOPTED),
        ("23 JUIN 2022", "2022.00298", "CULTURE - LES TRETEAUX DU LIGNON - AVENANT N° 1",
         "- approuve l'avenant n° 1 à la convention signée le 3 mars 2022, qui porte le montant de la subvention"
         " attribuée à l'association Les Tréteaux du Lignon de 8 000 € à 10 000 € ;", ADOPTED),
        ("23 JUIN 2022", "2022.00299", "CULTURE - FESTIVAL DES MONTS - SUBVENTION 2022",
         "- attribue une subvention de 35 000 € à l'association Festival des Monts au titre de l'année 2022 ;",
         "Ce rapport a été retiré de l'ordre du jour de la séance."),
        ("15 SEPTEMBRE 2022", "2022.00401", "SPORT - VALLIERES ATHLETISME - REDUCTION DE LA SUBVENTION 2022",
         "- réduit de 300 € la subvention 2022 attribuée à l'association Vallières Athlétisme, au titre d'une aide"
         " de minimis ;", ADOPTED),
    ])
    people = Beneficiaires.parse("nom;rna\nLes Tréteaux du Lignon;W421234567\nVallières Athlétisme;W429876543\n")
    export = subvention_rows(delibs, Collectivites.parse(f"Val-Morence Métropole={VMM}"), people)
    assert all(list(row) == list(SUBVENTIONS_COLUMNS) for row in export.rows)
    picked = [(r["referenceDecision"], r["nomBeneficiaire"], r["montant"], r["dateConvention"],
               r["conditionsVersement"], r["datesPeriodeVersement"], r["notificationUE"]) for r in export.rows]
    assert picked == [
        ("2022.00087", "Les Tréteaux du Lignon", "8000.00", "2022-02-10", "échelonné", "2022-02-10/2022-12-31", "non"),
        ("2022.00298", "Les Tréteaux du Lignon", "2000.00", "2022-03-03", "unique", "2022-06-23/2022-12-31", "non"),
        ("2022.00401", "Vallières Athlétisme", "-300.00", "2022-09-15", "unique", "2022-09-15/2022-12-31", "oui"),
    ]
    assert {(r["nomAttribuant"], r["idAttribuant"], r["nature"], r["pourcentageSubvention"]) for r in export.rows} \
        == {("Val-Morence Métropole", VMM, "aide en numéraire", "1.00")}
    assert export.left_out == ()  # the withdrawn item decided nothing: no row, nothing to report


def test_a_decision_without_identifier_is_left_out_and_said(tmp_path):
    (delib,) = _register(tmp_path, [("10 FEVRIER 2022", "2022.00087", "CULTURE - SUBVENTION 2022",
                                     "- attribue à l'association Numérikéo une subvention de 15 000 € ;", ADOPTED)])
    export = subvention_rows([delib], Collectivites.parse(f"Val-Morence Métropole={VMM}"))
    assert export.rows == ()
    assert [left.line() for left in export.left_out] == [
        "non exporté : n° 2022.00087 (register.txt, 2022-02-10), Numérikéo, 15 000 € : ni SIRET ni RNA pour"
        " « Numérikéo » (--beneficiaires FICHIER.csv)"]
