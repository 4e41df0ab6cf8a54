"""The grants ledger in a real SQLite file: amounts keep their kind, beneficiary key, aliases,
identifier, year and what they replace; the ledger table holds what index.ledger decides; an
index file written before these columns opens with them NULL; and the granted total read in SQL
(the search tab's column and its min/max filter) equals `index.ledger.granted` on every
deliberation of the development corpora and the samples."""
import sqlite3
from decimal import Decimal

import pytest

from registre.engine import Engine
from registre.index.embedder import HashEmbedder
from registre.index.ledger import granted
from registre.index.store import DB_NAME, Store
from registre.ingest.pipeline.parallel import parse_in_process
from registre.records import Amount, Deliberation, Document, Page, Section

ITEMS = """EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU 10 FEVRIER 2022

DELIBERATION N°2022.00087

CULTURE - LES TRETEAUX DU LIGNON - SUBVENTION 2022

Le Bureau de Val-Morence Métropole, après en avoir délibéré :

- attribue à l'association Les Tréteaux du Lignon (SIRET 123 456 789 00012) une subvention de 8 000 € au titre de l'année 2022 ;
- attribue à l'association AGIRE (Association pour la Gestion des Initiatives de Retour à l'Emploi) une subvention de 5 000 € au titre de l'année 2022 ;

Ce dossier a été adopté à l'unanimité.

EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU 23 JUIN 2022

DELIBERATION N°2022.00298

CULTURE - LES TRETEAUX DU LIGNON - AVENANT N° 1

Le Bureau de Val-Morence Métropole, après en avoir délibéré :

- approuve l'avenant n° 1 à la convention 2022, qui porte le montant de la subvention attribuée à
l'association Les Tréteaux du Lignon de 8 000 € à 10 000 € ;

Ce dossier a été adopté à l'unanimité.

EXTRAIT DU REGISTRE DES DELIBERATIONS

SEANCE DU BUREAU MÉTROPOLITAIN DU 23 JUIN 2022

DELIBERATION N°2022.00299

CULTURE - FESTIVAL DES MONTS - SUBVENTION 2022

Le Bureau de Val-Morence Métropole, après en avoir délibéré :

- attribue une subvention de 35 000 € à l'association Festival des Monts au titre de l'année 2022 ;

Ce rapport a été retiré de l'ordre du jour de la séance.
"""


@pytest.fixture
def stored(tmp_path):
    """An index of the three items above, in a real SQLite file, and the records as parsed."""
    path = tmp_path / "treteaux.txt"
    path.write_text(ITEMS, encoding="utf-8")
    from registre.ingest import parse_document, read_file

    parsed = parse_document(read_file(path))
    engine = Engine.open(tmp_path / "index", embedder=HashEmbedder(64))
    assert engine.ingest([path], runner=parse_in_process).failed == []
    engine.close()
    return tmp_path / "index", parsed


def test_amounts_come_back_from_the_file_as_they_were_parsed(stored):
    folder, parsed = stored
    store = Store.open(folder, HashEmbedder(64))  # a new connection: read from the file
    loaded = [store.deliberation(i) for i in store.deliberation_ids()]
    assert [d.number for d in loaded] == ["2022.00087", "2022.00298", "2022.00299"]
    assert [d.amounts for d in loaded] == [d.amounts for d in parsed]
    first, avenant = loaded[0].amounts, loaded[1].amounts[-1]
    assert [(a.kind, a.beneficiary_key, a.beneficiary_id, a.year) for a in first] == [
        ("initial", "treteaux du lignon", "12345678900012", 2022), ("initial", "agire", None, 2022)]
    assert (avenant.kind, avenant.value, avenant.replaces) == ("amendment", Decimal(10000), Decimal(8000))
    assert [d.matiere for d in loaded] == ["7.5", "7.5", "7.5"]


def test_every_field_of_an_amount_round_trips(tmp_path):
    amount = Amount(Decimal("10000.50"), "grant", "AGIRE (Association pour …)", "porte … de 8 000 € à 10 000,50 €", 2,
                    "annex", 10, 40, 81.5, kind="amendment", beneficiary_key="agire",
                    beneficiary_aliases=("association pour", "agire 42"), beneficiary_id="W421234567", year=2021,
                    replaces=Decimal(8000))
    delib = Deliberation(source="x.txt", text="x" * 50, start=0, first_page=1, page_offsets=(0,), number="2021-1",
                         sections=(Section("annex", 0, 50, "x" * 50, 1),), amounts=(amount,), matiere="7.5")
    store = Store.open(tmp_path, HashEmbedder(64))
    store.replace_document(Document("x.txt", "/x.txt", "0" * 64, "text", (Page(1, "x" * 50),)), (delib,))
    (loaded,) = [Store.open(tmp_path, HashEmbedder(64)).deliberation(i) for i in store.deliberation_ids()]
    assert loaded.amounts == (amount,) and loaded.matiere == "7.5"


def test_the_ledger_table_holds_each_decision_with_its_effect(stored):
    folder, _ = stored
    conn = sqlite3.connect(folder / DB_NAME)
    rows = conn.execute(
        "SELECT d.number, l.beneficiary_key, l.year, l.kind, l.value, l.change, l.change_cents, l.effective, l.why_not"
        " FROM ledger l JOIN deliberations d ON d.id = l.deliberation_id ORDER BY l.id").fetchall()
    assert rows == [
        ("2022.00087", "treteaux du lignon", 2022, "initial", "8000", "8000", 800000, 1, None),
        ("2022.00087", "agire", 2022, "initial", "5000", "5000", 500000, 1, None),
        ("2022.00298", "treteaux du lignon", 2022, "amendment", "10000", "2000", 200000, 1, None),
        ("2022.00299", "festival des monts", 2022, "initial", "35000", "0", 0, 0, "point retiré de l'ordre du jour"),
    ]


def test_granted_totals_and_their_filter_in_sql(stored):
    folder, parsed = stored
    engine = Engine.open(folder, embedder=HashEmbedder(64))
    ids = engine.deliberation_ids()
    assert engine.granted_totals(ids) == dict(zip(ids, [Decimal(13000), Decimal(2000), Decimal(0)]))
    assert engine.find(granted_min=Decimal(2000)) == ids[:2]
    assert engine.find(granted_min=Decimal(1), granted_max=Decimal(2000)) == [ids[1]]
    assert engine.find(granted_max=Decimal(0)) == [ids[2]]


def test_a_file_removed_takes_its_ledger_rows_with_it(stored, tmp_path):
    folder, _ = stored
    engine = Engine.open(folder, embedder=HashEmbedder(64))
    path = tmp_path / "treteaux.txt"
    first = "EXTRAIT DU REGISTRE" + ITEMS.split("EXTRAIT DU REGISTRE")[1]
    path.write_text(first, encoding="utf-8")
    engine.ingest([path], runner=parse_in_process)  # the new version replaces the old one's records
    conn = sqlite3.connect(folder / DB_NAME)
    assert conn.execute("SELECT count(*) FROM ledger").fetchone()[0] == 2


# The tables of an index written before amounts had kinds and deliberations a matière.
OLD_SCHEMA = """
CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
    sha256 TEXT NOT NULL, kind TEXT NOT NULL, pages INTEGER NOT NULL, warnings TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL DEFAULT (datetime('now')));
CREATE TABLE deliberations (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id)
    ON DELETE CASCADE, position INTEGER NOT NULL, number TEXT, date TEXT, year INTEGER, instance TEXT,
    collectivite TEXT, title TEXT, source TEXT NOT NULL, first_page INTEGER NOT NULL, last_page INTEGER NOT NULL,
    duplicate_of INTEGER REFERENCES deliberations(id) ON DELETE SET NULL, record TEXT NOT NULL);
CREATE TABLE sections (id INTEGER PRIMARY KEY, deliberation_id INTEGER NOT NULL REFERENCES deliberations(id)
    ON DELETE CASCADE, kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, page INTEGER NOT NULL,
    text TEXT NOT NULL);
CREATE TABLE amounts (id INTEGER PRIMARY KEY, deliberation_id INTEGER NOT NULL REFERENCES deliberations(id)
    ON DELETE CASCADE, value TEXT NOT NULL, role TEXT NOT NULL, beneficiary TEXT, quote TEXT NOT NULL,
    page INTEGER NOT NULL, section TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, confidence REAL);
INSERT INTO documents (id, path, source, sha256, kind, pages) VALUES (1, '/old.txt', 'old.txt', 'x', 'text', 1);
INSERT INTO deliberations (id, document_id, position, number, date, year, source, first_page, last_page, record)
    VALUES (1, 1, 0, '2019.00001', '2019-03-07', 2019, 'old.txt', 1, 1, '{"president": null, "secretaire": null,
    "rapporteur": null, "membres_en_exercice": null, "presents": null, "pouvoirs": null, "votants": null,
    "actes_id": null, "siren": null, "convocation_date": null, "prefecture_date": null, "affichage_date": null,
    "vote": {"result": "adopted", "unanimous": true, "pour": null, "contre": null, "abstention": null},
    "present_members": [], "absent_members": [], "proxies": [], "flags": [], "page_offsets": [0], "start": 0}');
INSERT INTO sections (deliberation_id, kind, start, end, page, text)
    VALUES (1, 'dispositif', 0, 36, 1, 'attribue 1 500 € à l''association ABC');
INSERT INTO amounts (deliberation_id, value, role, beneficiary, quote, page, section, start, end)
    VALUES (1, '1500', 'grant', 'ABC', 'attribue 1 500 € à l''association ABC', 1, 'dispositif', 9, 16);
"""


def test_an_index_written_before_the_ledger_opens_with_the_new_columns_null_and_its_ledger_built(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    sqlite3.connect(folder / DB_NAME).executescript(OLD_SCHEMA)
    store = Store.open(folder, HashEmbedder(64))
    (old,) = [store.deliberation(i) for i in store.deliberation_ids()]
    (amount,) = old.amounts
    assert (amount.value, amount.role, amount.kind, amount.beneficiary_key, amount.beneficiary_aliases,
            amount.year, amount.replaces) == (Decimal(1500), "grant", None, None, (), None, None)
    assert old.matiere is None
    # without a kind, a "grant" is a decision (records.Amount.is_decision); the ledger table is rebuilt on open
    assert granted(old) == Decimal(1500) and store.granted_totals([1]) == {1: Decimal(1500)}
    columns = {row[1] for row in store.conn.execute("PRAGMA table_info(amounts)")}
    assert {"kind", "beneficiary_key", "beneficiary_aliases", "beneficiary_id", "year", "replaces"} <= columns


@pytest.mark.parametrize("corpus", ["fictional", "real", "samples"])
def test_the_granted_total_in_sql_is_the_ledgers_on_every_deliberation(corpus_engine, corpus):
    engine = corpus_engine(corpus)
    ids = engine.deliberation_ids(include_duplicates=True)
    totals = engine.granted_totals(ids)
    expected = {i: granted(engine.deliberation(i)) for i in ids}
    assert totals == expected
    assert any(expected.values())  # each corpus grants something
    for low in sorted(set(expected.values())):  # the min/max filter, in SQL, keeps what the ledger says
        assert set(engine.find(granted_min=low)) == {i for i in engine.deliberation_ids() if expected[i] >= low}
        assert set(engine.find(granted_max=low)) == {i for i in engine.deliberation_ids() if expected[i] <= low}


def test_a_ledger_written_by_another_rule_is_rebuilt_on_open(stored):
    folder, _ = stored
    conn = sqlite3.connect(folder / DB_NAME)
    with conn:
        conn.execute("DELETE FROM ledger")
        conn.execute("UPDATE settings SET value = 'an older rule' WHERE key = 'ledger_rule'")
    engine = Engine.open(folder, embedder=HashEmbedder(64))
    ids = engine.deliberation_ids()
    assert engine.granted_totals(ids) == dict(zip(ids, [Decimal(13000), Decimal(2000), Decimal(0)]))


def test_a_gazetteer_missing_or_written_by_another_rule_is_rebuilt_on_open(stored):
    folder, _ = stored
    conn = sqlite3.connect(folder / DB_NAME)
    before = conn.execute("SELECT deliberation_id, kind, name, key, role FROM gazetteer ORDER BY 1, 2, 3, 4").fetchall()
    assert ("beneficiary", "agire") in {(kind, key) for _, kind, _, key, _ in before}
    with conn:  # an index written before the gazetteer: no rows, no rule
        conn.execute("DELETE FROM gazetteer")
        conn.execute("DELETE FROM settings WHERE key = 'gazetteer_rule'")
    engine = Engine.open(folder, embedder=HashEmbedder(64))
    assert conn.execute("SELECT deliberation_id, kind, name, key, role FROM gazetteer ORDER BY 1, 2, 3, 4").fetchall() \
        == before
    assert engine.gazetteer().mentions("combien pour AGIRE en 2022 ?")
