import sqlite3

import pytest

from registre.index.fts import match_expression
from registre.text.analyzer import MAX_QUERY_TOKENS, analyze, tokens

# Sentences from samples/ (Saint-Etienne Métropole, Métropole de Lyon), plus one written for
# the test that has "subvention … d'insertion".
SENTENCES = [
    "L’ASSOCIATION FOREZ ENTREPRENDRE - SUBVENTION 2020",
    ("Il est proposé d'attribuer une subvention de 11 000 € à l'association au titre du "
     "programme d'insertion."),
    ("Dans le cadre des dispositifs d’ingénierie des programmes d’insertion de "
     "Saint-Etienne Métropole"),
    ("Partenariat entre la Métropole de Lyon et l'association Emmaüs Connect pour la collecte "
     "de matériel informatique"),
    "Les subventions en fonctionnement supérieures à 23 000 € donneront lieu à des conventions",
    ("Le Bureau de Saint-Etienne Métropole, après en avoir délibéré : valide le financement de "
     "l’action Weeejob à hauteur de 11 000 €"),
    ("L’opérateur est Weeefund, une association spécialisée dans le reconditionnement et le "
     "réemploi d’ordinateurs"),
    "Un projet de convention est joint à la présente délibération.",
    "La formation renforce la confiance en soi et l’autonomie.",
    "Le Bureau Métropolitain a été convoqué le 30 septembre 2022",
]

HOSTILE = [  # (query, rowids it matches, or None when no token remains)
    ('"weeejob" OR 1=1', [5]),
    ("NEAR(", []),
    ("*", None),
    ("-", None),
    (":", None),
    ("\"'", None),
    ("subvention) OR (x", [0, 1, 4]),
    ("col:subvention ^emmaus -2020 AND NOT", [0, 1, 3, 4]),
    ("Emmaüs " * 2000, [3]),
    ("".join(f"mot{i} " for i in range(2000))[:10_000], []),
]


@pytest.fixture
def fts(tmp_path):
    conn = sqlite3.connect(tmp_path / "fts.db")
    conn.execute("CREATE VIRTUAL TABLE chunks USING fts5(body)")
    conn.executemany(
        "INSERT INTO chunks (rowid, body) VALUES (?, ?)",
        [(i, analyze(s)) for i, s in enumerate(SENTENCES)],
    )
    yield conn
    conn.close()


def test_plural_and_singular_give_the_same_tokens():
    assert tokens("Subventions") == tokens("subvention") == ["subvent"]


def test_accents_do_not_matter():
    assert tokens("Emmaus") == tokens("Emmaüs") == ["emmaus"]


def test_elisions_and_stopwords_are_dropped():
    assert tokens("l'association") == tokens("association") == ["associ"]
    assert tokens("L’ASSOCIATION FOREZ ENTREPRENDRE - SUBVENTION 2020") == [
        "associ", "for", "entreprendr", "subvent", "2020"
    ]
    assert tokens("jusqu’à la fin de l'année") == ["fin", "anne"]


def test_numbers_and_short_words_are_kept():
    assert tokens("délibération 2022.00159") == ["deliber", "2022", "00159"]
    assert tokens("11 000 €") == ["11", "000"]
    assert tokens("CP") == ["cp"]


def test_analyze_joins_tokens():
    assert analyze("Subventions d'insertion") == "subvent insert"
    assert analyze("") == ""


def test_match_expression_quotes_distinct_tokens():
    assert match_expression("Subventions, subvention et insertion") == '"subvent" OR "insert"'
    assert match_expression('"weeejob" OR 1=1') == '"weeejob" OR "or" OR "1"'


def test_match_expression_is_none_without_tokens():
    for query in ["", "   ", "*", "-", ":", "le la les de"]:
        assert match_expression(query) is None


def test_match_expression_caps_tokens():
    expression = match_expression("".join(f"mot{i} " for i in range(2000))[:10_000])
    assert expression.count(" OR ") == MAX_QUERY_TOKENS - 1


@pytest.mark.parametrize(("query", "expected"), HOSTILE)
def test_hostile_queries_run_in_fts5(fts, query, expected):
    expression = match_expression(query)
    if expected is None:
        assert expression is None
        return
    rows = fts.execute(
        "SELECT rowid FROM chunks WHERE chunks MATCH ? ORDER BY rowid", (expression,)
    ).fetchall()
    assert [rowid for (rowid,) in rows] == expected


def test_hostile_query_matches_only_its_words(fts):
    expression = match_expression("Emmaus) OR NEAR(subvention")
    rows = fts.execute(
        "SELECT rowid FROM chunks WHERE chunks MATCH ? ORDER BY rowid", (expression,)
    ).fetchall()
    assert rows == [(0,), (1,), (3,), (4,)]


def test_fts5_finds_subventions_insertion(fts):
    rows = fts.execute(
        "SELECT rowid FROM chunks WHERE chunks MATCH ? ORDER BY bm25(chunks)",
        (match_expression("subventions insertion"),),
    ).fetchall()
    assert rows[0] == (1,)  # the one chunk with both words ranks first
    assert sorted(rows) == [(0,), (1,), (2,), (4,)]
