"""The gazetteer: the names a deliberation carries, the forms a collectivité goes by, and the
known names found in a text (accents, case and a typo tolerated; link words optional)."""
import sqlite3

from registre.index.gazetteer import Gazetteer, column_rows
from registre.index.name_forms import collectivite_forms, loose_number, person_forms, short_forms
from registre.index.schema import connect


def test_a_collectivite_goes_by_its_short_forms_and_initials():
    assert set(collectivite_forms("Val-Morence Métropole")) == {"val morence metropole", "val morence",
                                                                "metropole val morence", "vmm"}
    assert set(collectivite_forms("Commune de Rivière-sur-Dore")) >= {"commune de riviere sur dore", "riviere sur dore",
                                                                      "commune riviere sur dore"}
    assert "egletons" in collectivite_forms("CCAS d'Égletons")


def test_people_go_by_their_name_surname_first_and_surname():
    assert person_forms("Jean-Marc VERNAY") == ["jean marc vernay", "vernay jean marc", "vernay"]
    assert person_forms("Mme BENCHIHA") == ["benchiha"]


def test_the_columns_give_collectivite_body_instance_number_and_file():
    kinds = {(kind, key) for kind, _, key, _ in column_rows(None, "Commission permanente", "CP-2022-1187",
                                                                "DHV_CP_2022-09-12.pdf")}
    assert ("body", "departement") in kinds and ("body", "region") in kinds  # a commission permanente's
    assert ("instance", "cp") in kinds and ("number", "CP-2022-1187") in kinds and ("source", "dhv") in kinds


def test_numbers_share_one_loose_form():
    assert loose_number("2022.00159") == loose_number("2022-159") == loose_number("N° 2022.159") == "2022-159"


def gazetteer(tmp_path, rows) -> Gazetteer:
    conn: sqlite3.Connection = connect(tmp_path / "g.db")
    conn.execute("INSERT INTO documents (id, path, source, sha256, kind, pages) VALUES (1, 'a', 'a.txt', 'x', 'txt', 1)")
    conn.execute("INSERT INTO deliberations (id, document_id, position, number, collectivite, instance, source,"
                 " first_page, last_page, record) VALUES (1, 1, 0, '2023.00011', 'Lignon Métropole',"
                 " 'Bureau métropolitain', 'a.txt', 1, 1, '{}')")
    conn.executemany("INSERT INTO gazetteer (deliberation_id, kind, name, key, role) VALUES (1, ?, ?, ?, ?)", rows)
    return Gazetteer(conn, lambda: iter(())).refresh()


def test_mentions_longest_first_with_a_typo_and_link_words(tmp_path):
    names = gazetteer(tmp_path, [("beneficiary", "Les Jardins d'Émeraude", "jardins d emeraude", "decision"),
                                 ("person", "Anne LEROY", "anne leroy", "secretaire")])
    found = names.mentions("combien pour les jardin d'émeraude à la métropole de Lignon, dit Anne Leroy ?")
    by_kind = {m.kind: m for m in found}
    assert by_kind["beneficiary"].text == "jardin d'émeraude" and not by_kind["beneficiary"].exact
    assert by_kind["collectivite"].names == ("Lignon Métropole",)
    assert by_kind["person"].exact and by_kind["person"].known[0].role == "secretaire"
    assert names.number("2023.011")[0].ids == frozenset({1})


def test_the_leading_word_of_a_compound_commune_name_is_its_short_form():
    assert short_forms("Commune de Preuilly-sur-Claise") == ["preuilly"]
    assert short_forms("Commune de Varennes-sur-Allier") == ["varennes"]
    assert short_forms("Commune de Saint-Aubin-les-Prés") == []  # a leading word many names share
    assert short_forms("Commune de Couthenans") == [] and short_forms("Val-Morence Métropole") == []
    assert ("collectivite", "Commune de Preuilly-sur-Claise", "preuilly", "short") in \
        column_rows("Commune de Preuilly-sur-Claise", "Conseil municipal", None, "cm.pdf")

