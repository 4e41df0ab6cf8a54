"""A question read against the index's own names: the longest known names become filters, a
collectivité printed nowhere but named in a file or the text is a place, and a name the index
does not know at all is said unknown."""
import pytest
from registers import COMMUNE, LIGNON

from registre.qa.question import read_question
from registre.qa.scope import scope_of

MINUTES = "Conseil municipal du 3 décembre 2021\n\nPrésents : Anne DUPRE, Paul MARCHAND.\n\n1- Voirie\n\nVote : 2 pour\n"


@pytest.fixture(scope="module")
def engine(register):
    return register({"lignon.txt": LIGNON, "saint-aubin.txt": COMMUNE, "valbrune_2021-12-03.txt": MINUTES})


def read(engine, text):
    return read_question(text, engine.gazetteer(), engine.known_word)


def test_collectivite_instance_and_beneficiary_become_filters(engine):
    q = read(engine, "combien la métropole Lignon a-t-elle accordé aux treteaux du lignon au bureau métropolitain ?")
    kinds = {m.kind: m.names for m in q.mentions}
    assert kinds["collectivite"] == ("Lignon Métropole",)
    assert kinds["instance"] == ("Bureau métropolitain",)
    assert kinds["beneficiary"] == ("Les Tréteaux du Lignon",)
    assert "metropole" not in q.topic.lower() and "bureau" not in q.topic.lower()


def test_names_are_read_without_accents_case_or_a_typo(engine):
    q = read(engine, "subvension des treteau du lignon")
    (found,) = q.named("beneficiary")
    assert found.key == "treteaux du lignon" and not found.exact


def test_a_short_form_and_the_kind_of_body(engine):
    assert read(engine, "le maire de saint aubin les pres").filters[0].names == ("Commune de Saint-Aubin-les-Prés",)
    (body,) = read(engine, "combien la métropole a donné aux treteaux").named("body")
    assert body.key == "metropole"


def test_a_recipient_is_no_filter(engine):
    q = read(engine, "combien pour la commune de Saint-Aubin-les-Prés ?")
    assert q.filters == [] and q.place is None


def test_a_collectivite_known_only_by_its_file_name_is_a_place(engine):
    q = read(engine, "combien de présents au conseil municipal de Valbrune du 3 décembre 2021 ?")
    assert q.place is not None and q.place.how == "nom du fichier"
    scope = scope_of(engine, q)
    assert [engine.deliberation(i).source for i in scope.ids()] == ["valbrune_2021-12-03.txt"]


def test_a_collectivite_nowhere_in_the_index_is_unknown(engine):
    assert read(engine, "qui est le maire de Trifouilly ?").unknown == "la collectivité « trifouilly »"
    assert read(engine, "combien de présents au CM de Trifouilly ?").unknown == "la collectivité « trifouilly »"


def test_a_person_nowhere_in_the_index_is_unknown(engine):
    assert read(engine, "M. Dupontel était-il présent le 9 mars 2023 ?").unknown == "la personne « Dupontel »"
    assert read(engine, "Mme Anne LEROY était-elle présente ?").unknown is None


def test_numbers_in_any_printing(engine):
    for typed in ("2023.00012", "2023-12", "N° 2023.00012", "délibération 2023.012"):
        assert read(engine, f"de quoi parle {typed} ?").numbers == ("2023.00012",), typed
    assert read(engine, "de quoi parle la délibération n° 2023.00099 ?").unknown_numbers == ("2023.00099",)


PRINTED = """COMMUNE DE VALBRUNE

EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 4 mars 2022

Délibération n° 2022-01 : Tarifs de la cantine

Le conseil municipal, après en avoir délibéré, fixe le prix du repas à 3,20 €.

Adopté à l'unanimité.
"""


def test_a_collectivite_some_files_print_also_covers_the_files_named_after_it_that_print_none(register):
    engine = register({"valbrune_2022-03-04.txt": PRINTED, "valbrune_2021-12-03.txt": MINUTES})
    q = read(engine, "combien de présents au conseil municipal de la commune de Valbrune du 3 décembre 2021 ?")
    assert [m.names for m in q.filters if m.kind == "collectivite"] == [("Commune de Valbrune",)]
    scope = scope_of(engine, q)
    assert [engine.deliberation(i).source for i in scope.ids()] == ["valbrune_2021-12-03.txt"]
    assert {engine.deliberation(i).source for i in scope.ids(dated=False)} == {"valbrune_2021-12-03.txt",
                                                                                 "valbrune_2022-03-04.txt"}


@pytest.fixture(scope="module")
def places(register):
    from registers import CCAS, DEPARTEMENT, MONTREUIL

    return register({"montreuil.txt": MONTREUIL, "ccas.txt": CCAS, "departement.txt": DEPARTEMENT,
                     "saint-aubin.txt": COMMUNE})


def test_the_leading_word_of_a_compound_commune_name_is_a_short_form(places):
    for text in ("la commune de Montreuil réclame combien pour le livre perdu ?", "Montreuil : livre perdu"):
        assert [m.names for m in read(places, text).named("collectivite")] == [("Commune de Montreuil-sur-Loire",)], text
    assert read(places, "la montreuil des livres").filters == []  # typed without a capital: a word
    assert read(places, "le maire de Saint ?").filters == []  # a generic leading word is no short form


def test_initials_of_an_instance_the_collectivite_named_has_not_are_a_topic(places):
    q = read(places, "Montreuil-sur-Loire : délégués au CA du collège Jean Moulin ?")
    assert [m.kind for m in q.filters] == ["collectivite"]
    assert "conseil d'administration" in q.topic.lower()
    q = read(places, "combien d'abstentions pour les délégués au CA de l'EHPAD à Montreuil ?")
    assert [m.kind for m in q.filters] == ["collectivite"]
    # Nothing contradicts them: the initials are the instance.
    assert [m.kind for m in read(places, "aides décidées par le CA en mars 2021").filters] == ["instance"]
    # Short initials are typed in capitals: "ça", "ca" are words.
    for text in ("combien ça coûte, la réfection du toit ?", "ca coute combien la cantine en mars 2021"):
        assert "instance" not in [m.kind for m in read(places, text).filters], text


def test_a_departement_council_named_generically_covers_its_commission_permanente(places):
    for text in ("subvention du CD à la recyclerie en 2022", "aide du conseil départemental à la recyclerie"):
        scope = scope_of(places, read(places, text))
        assert {places.deliberation(i).number for i in scope.ids(dated=False)} == {"CD-2021-0090", "CP-2022-0101"}


def test_a_kind_of_body_the_collectivite_named_is_not_is_a_topic(places):
    for text in ("Montreuil : déficit du CCAS repris au budget communal ?",
                 "la commune de Montreuil-sur-Loire a-t-elle dissous son CCAS ?"):
        q = read(places, text)
        assert "ccas" not in {m.key for m in q.filters} and "CCAS" in q.topic, text
    assert [m.key for m in read(places, "aides décidées par le CCAS en mars 2021").filters] == ["ccas"]


def test_the_registers_abbreviations_are_spelled_out_in_the_topic(engine):
    assert read(engine, "la DM n°1 du budget du FJT a été approuvée ?").topic == \
        "la décision modificative n°1 du budget du foyer des jeunes travailleurs a été approuvée ?"
    assert "budget primitif" in read(engine, "qui a voté le BP ?").topic
    assert "BPM" in read(engine, "le BPM de la ville").topic  # a word, not an abbreviation inside one

