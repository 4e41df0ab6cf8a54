"""Beneficiaries: the canonical key of a printed name, and who each grant of the corpora is for."""


import pytest
from dev_corpus import item

from registre.ingest.beneficiaries import beneficiary_key, display_name, names_of
from registre.ingest.parties import row_party, title_party
from registre.records import DECISION_KINDS


@pytest.mark.parametrize("printed", [
    "Les Jardins d'Émeraude",  # DHV_CP_2022-09-12 annex
    "l'association Jardins d'Emeraude",  # VMM_2019.00207 dispositif
    "JARDINS D'EMERAUDE",  # VMM_2019.00207 title
    "chantier d'insertion Les Jardins d'Emeraude",  # VMM_2021.00388
    "LES JARDINS D’EMERAUDE",  # typographic apostrophe
    "Les  Jardins\nd'Emeraude",  # wrapped
])
def test_one_key_for_every_printing_of_a_name(printed):
    assert beneficiary_key(printed) == "jardins d emeraude"


@pytest.mark.parametrize("first, second", [
    ("Mob'In", "Mobil'Insert"),  # VMM_bureau_2023-05-11 vs DHV_CP_2022-09-12
    ("Régie de quartier Vallière Sud", "Régie de quartier Morence Est"),
    ("Numérikéo", "Numéri'Plus"),
    ("Commune de Montval-les-Vignes", "Montval-les-Vignes Basket"),
])
def test_distinct_bodies_keep_distinct_keys(first, second):
    assert beneficiary_key(first) != beneficiary_key(second)


@pytest.mark.parametrize("first, second", [
    ("CIE CARNAGE", "Compagnie Carnage"),  # 004 annex
    ("l'association Numérikéo", "NUMERIKEO"),
    ("Val-Morence", "Val Morence"),
    ("MJC ST CHAMOND", "MJC Saint-Chamond"),
    ("au club Union Sportive Martinoise", "Union Sportive Martinoise"),
    ("l'association organisatrice du Festival des Monts de Vallière", "Festival des Monts de Vallière"),
])
def test_same_body_same_key(first, second):
    assert beneficiary_key(first) == beneficiary_key(second)


def test_commune_de_is_part_of_the_name():
    assert beneficiary_key("la commune de Montval-les-Vignes") == "commune de montval les vignes"
    assert display_name("la commune de Montval-les-Vignes") == "Commune de Montval-les-Vignes"


def test_acronym_and_its_expansion():
    agire = names_of("AGIRE (Association pour la Gestion des Initiatives de Retour à l'Emploi)")
    assert (agire.key, agire.aliases) == ("agire", ("association pour la gestion des initiatives de retour a l emploi",))
    assert names_of("L'AGIRE (Association pour la Gestion des Initiatives de Retour à l'Emploi)") == agire
    vmbf = names_of("VAL-MORENCE BASKET FEMININ (VMBF)")  # expansion first
    assert (vmbf.key, vmbf.aliases) == ("vmbf", ("val morence basket feminin",))
    assert names_of("AS Rivière-sur-Dore (football)") == ("as riviere sur dore", (), None)  # a note, not an expansion


def test_siret_and_rna_printed_with_the_name():
    assert names_of("Numérikéo SIRET 123 456 789 00012") == ("numerikeo", (), "12345678900012")
    assert names_of("Les Amis du Parc (RNA W421234567)") == ("amis du parc", (), "W421234567")
    assert display_name("Numérikéo, SIRET : 12345678900012") == "Numérikéo"


def test_display_keeps_an_article_that_begins_the_name():
    assert display_name("l'association Les Jardins d'Émeraude") == "Les Jardins d'Émeraude"
    assert display_name("La Diane de la Dore") == "La Diane de la Dore"
    assert display_name("l'USYP") == "USYP"


@pytest.mark.parametrize("title, party", [
    ("INCLUSION NUMERIQUE - SOUTIEN A L'ASSOCIATION NUMERIKEO - SUBVENTION 2022", "ASSOCIATION NUMERIKEO"),
    ("INCLUSION NUMERIQUE - NUMERIKEO - SUBVENTION COMPLEMENTAIRE POUR LES PERMANENCES ESTIVALES", "NUMERIKEO"),
    ("Insertion - AGIRE - convention annuelle 2025", "AGIRE"),
    ("SPORT DE HAUT NIVEAU - CONVENTION AVEC LE VAL-MORENCE BASKET FEMININ (VMBF) - SAISON 2023-2024",
     "VAL-MORENCE BASKET FEMININ (VMBF)"),
    ("HABITAT - GARANTIE D'EMPRUNT A MORENCE HABITAT - REHABILITATION DE 48 LOGEMENTS", "MORENCE HABITAT"),
    ("Routes - RD 12 - convention de délégation de maîtrise d'ouvrage avec la commune de Lavaur-la-Vallière",
     "commune de Lavaur-la-Vallière"),
    ("Subvention pour l'ASL (Association Sport & Loisirs)", "ASL (Association Sport & Loisirs)"),
    ("Collèges publics - dotations complémentaires de fonctionnement 2022", None),
])
def test_title_party(title, party):
    assert title_party(title) == party


def test_row_party_from_the_porteur_column():
    header = ("Priorité", "Intitulé de l'action et porteur", "Coût de l'action", "Contribution VMM")
    assert row_party(("Pilier 3", "Permis de conduire solidaire / Auto-école sociale Mob'In", "38 200", "6 500"),
                     header) == "Auto-école sociale Mob'In"
    header = ("Porteur et intitulé de l'action", "Territoire", "Objectifs", "Coût", "Participation prévisionnelle ETAT")
    assert row_party(("SAINT-ETIENNE METROPOLE / Semaines de l'égalité", "", "", "19 003", "2 000"),
                     header) == "SAINT-ETIENNE METROPOLE"
    header = ("intitulé de l'action et porteur", "Territoire", "Objectifs", "Coût", "Contribution SEM (PV)")
    glued = "Egalité Femmes hommes dans les politiques publiques SOS VIOLENCES CONJUGALES 42"
    assert row_party((glued, "", "", "8 000", "3 500"), header) == "SOS VIOLENCES CONJUGALES 42"


def grants(name, key=None):
    return [(a.beneficiary, a.beneficiary_key) for a in item(name, key).amounts if a.kind in DECISION_KINDS]


def test_annex_porteurs_after_the_slash():
    found = grants("VMM_bureau_2023-05-11.pdf", "2023.00410")
    assert found[0] == ("Numérikéo", "numerikeo")
    assert ("Auto-école sociale Mob'In", "auto ecole sociale mob in") in found
    assert ("AFEM (Association Femmes Entraide Morence)", "afem") in found
    assert len(found) == 12


def test_capitals_glued_after_the_action():
    found = [name for name, _ in grants("004_1765d63fdda7c274.txt")]
    assert found[:5] == ["SOS VIOLENCES CONJUGALES 42", "FEDERATION DES CENTRES SOCIAUX LOIRE", "CDAD", "IREPS",
                         "LIFT"]
    assert found.count("CIE CARNAGE") == 2 and "PIMMS" in found


def test_anaphora_resolved_to_the_party_named_before():
    assert grants("VMM_2025.00089.pdf") == [("Numérikéo", "numerikeo")]  # "attribue à l'association, …"
    (restated,) = [a for a in item("VMM_bureau_2023-05-11.pdf", "2023.00411").amounts if a.kind == "restatement"]
    assert restated.beneficiary_key == "morence entreprendre"  # "Il est proposé de lui attribuer …"


def test_acronym_alone_gets_the_expansion_printed_in_the_item():
    (grant,) = [a for a in item("VMM_bureau_2023-05-11.pdf", "2023.00414").amounts if a.kind in DECISION_KINDS]
    assert (grant.beneficiary, grant.beneficiary_key, grant.beneficiary_aliases) == (
        "VMBF", "vmbf", ("val morence basket feminin",))


def test_same_body_across_registers():
    """Numérikéo in four deliberations of VMM, AGIRE in four decisions of DHV."""
    keys = {k for name, key in [("VMM_bureau_2022-03-17.pdf", "2022.00121"), ("VMM_2023.00577.pdf", None),
                                ("VMM_2025.00089.pdf", None)] for _, k in grants(name, key)}
    assert keys == {"numerikeo"}
    keys = {k for name, key in [("DHV_CP-2021-0934.pdf", None), ("DHV_CP-2025-0077.pdf", None),
                                ("DHV_CP_2022-09-12.pdf", "CP-2022-1187")] for _, k in grants(name, key)}
    assert "agire" in keys
