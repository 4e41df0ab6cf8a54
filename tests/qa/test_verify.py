"""Verification checks a draft's meaning: the grants it sums are decisions that took effect, of the
period, named in their quotes; its derived figures are computed again; its names, dates and
counts stand in the quotes that cite them. The reason of a refusal is said."""
import datetime as dt
from decimal import Decimal

from registre.qa.draft import Draft, Fact, Figure, Grant
from registre.qa.period import Period
from registre.qa.verify import check, recompute_net
from registre.records import Answer, Citation


def cite(number, quote, amount=None, day=dt.date(2023, 3, 9)):
    return Citation(number, day, "CULTURE - LES TRETEAUX DU LIGNON", "Bureau métropolitain", "Lignon Métropole",
                    "lignon.txt", 1, quote, amount)


INITIAL = cite("2023.00011", "attribue à l'association Les Tréteaux du Lignon une subvention de 6 000 €", Decimal(6000))
AMENDED = cite("2023.00298", "porte le montant de la subvention attribuée à l'association Les Tréteaux du Lignon "
               "de 6 000 € à 7 500 €", Decimal(7500), dt.date(2023, 6, 23))


def draft(text, citations, total=None, grants=(), figures=(), asked=("Tréteaux du Lignon",), period=Period(year=2023)):
    return Draft(Answer("q", text, False, tuple(citations), total, "amount"), grants=tuple(grants),
                 figures=tuple(figures), asked=asked, period=period)


def grant(citation, kind="initial", value=6000, change=6000, replaces=None, year=2023, effective=True):
    return Grant(citation, "treteaux du lignon", kind, "grant", year, Decimal(value), Decimal(change),
                 None if replaces is None else Decimal(replaces), effective)


def test_an_amended_net_is_recomputed_and_kept():
    grants = [grant(0), grant(1, "amendment", 7500, 1500, replaces=6000)]
    made = draft("7 500 € en 2023 : 6 000 € (…), portés de 6 000 € à 7 500 € (…).", [INITIAL, AMENDED],
                 Decimal(7500), grants, [Figure("net", Decimal(7500), (0, 1))])
    assert recompute_net(grants) == Decimal(7500)
    assert check(made) is None


def test_a_total_that_adds_what_an_amendment_replaced_is_refused():
    grants = [grant(0), grant(1, "amendment", 7500, 7500, replaces=6000)]
    made = draft("13 500 € en 2023.", [INITIAL, AMENDED], Decimal(13500), grants, [Figure("net", Decimal(13500), (0, 1))])
    assert check(made) == "le chiffre 13500 (net) ne se recalcule pas à partir de ses sources"


def test_a_quote_that_names_another_beneficiary_is_refused():
    other = Citation("2023.00011", dt.date(2023, 3, 9), "CULTURE - SUBVENTIONS 2023", "Bureau métropolitain", None,
                     "lignon.txt", 1, "attribue à l'association Les Amis du Moulin une subvention de 6 000 €", Decimal(6000))
    moulin = Grant(0, "amis du moulin", "initial", "grant", 2023, Decimal(6000), Decimal(6000))
    made = draft("6 000 € en 2023.", [other], Decimal(6000), [moulin], [Figure("net", Decimal(6000), (0,))])
    assert check(made) == "la citation de n° 2023.00011 ne nomme pas « Tréteaux du Lignon »"


def test_a_grant_of_another_year_is_refused():
    made = draft("6 000 € en 2024.", [INITIAL], Decimal(6000), [grant(0)], [Figure("net", Decimal(6000), (0,))],
                 period=Period(year=2024))
    assert check(made) == "le montant 6000 de n° 2023.00011 n'est pas de la période demandée"


def test_a_statement_or_a_decision_without_effect_is_refused():
    recalled = draft("6 000 €.", [INITIAL], Decimal(6000), [grant(0, kind="previous")], [Figure("net", Decimal(6000), (0,))])
    assert check(recalled) == "le montant 6000 de n° 2023.00011 n'est pas une décision d'attribution"
    withdrawn = draft("6 000 €.", [INITIAL], Decimal(6000), [grant(0, effective=False)], [Figure("net", Decimal(0), (0,))])
    assert check(withdrawn) == "la décision n° 2023.00011 n'a pas pris effet"


def test_averages_and_yearly_sums_are_recomputed():
    later = cite("2024.00040", "attribue à l'association Les Tréteaux du Lignon une subvention de 8 000 €", Decimal(8000),
                 dt.date(2024, 2, 15))
    grants = [grant(0), grant(1, value=8000, change=8000, year=2024)]
    figures = [Figure("net", Decimal(14000), (0, 1)), Figure("year", Decimal(8000), (1,), "2024"),
               Figure("average", Decimal("7000.00"), (0, 1), "an")]
    made = draft("14 000 € au total. Par an : 2024 : 8 000 €. En moyenne : 7 000 € par an.", [INITIAL, later],
                 Decimal(14000), grants, figures, period=Period())
    assert check(made) is None
    wrong = draft("14 000 €. En moyenne : 7 500 € par an.", [INITIAL, later], Decimal(14000), grants,
                  [figures[0], Figure("average", Decimal(7500), (0, 1), "an")], period=Period())
    assert check(wrong) == "le chiffre 7500 (average) ne se recalcule pas à partir de ses sources"


def test_names_dates_and_counts_stand_in_their_quotes():
    secretary = cite(None, "Secrétaire de séance : Mme Anne LEROY")
    said = Draft(Answer("q", "Anne LEROY (secrétaire de séance).", False, (secretary,), None, "office"),
                 facts=(Fact("name", "Anne LEROY", 0),))
    assert check(said) is None
    wrong = Draft(Answer("q", "Paul DURAND.", False, (secretary,), None, "office"), facts=(Fact("name", "Paul DURAND", 0),))
    assert check(wrong) == "le nom Paul DURAND n'est pas dans la citation de lignon.txt"
    counted = Draft(Answer("q", "45 présents.", False, (cite(None, "Présents : 45"),), None, "count"),
                    facts=(Fact("count", "45", 0),))
    assert check(counted) is None
    left = Draft(Answer("q", "44 présents.", False, (cite(None, "Présents : 45"), cite("2023.00013", "M. PETIT quitte la salle.")),
                        None, "count"), facts=(Fact("count", "45", 0),), figures=(Figure("less", Decimal(44), (0, 1), "45"),))
    assert check(left) is None


def test_an_amount_no_quote_holds_is_refused():
    made = draft("9 000 € en 2023.", [INITIAL], Decimal(9000), [grant(0, value=9000, change=9000)],
                 [Figure("net", Decimal(9000), (0,))])
    assert check(made) == "le montant 9000 n'est pas dans la citation de n° 2023.00011"


def test_the_words_asked_are_cut_where_a_word_asks_nothing():
    from registre.qa.match import words
    from registre.qa.wording import runs

    assert runs("Montval-les-Vignes : combien le a donné pour le gymnase ?", words("montval vignes gymnase")) == \
        ("Montval-les-Vignes", "gymnase")
    assert runs("la Compagnie des Hirondelles en 2020", words("compagnie hirondelles")) == ("Compagnie des Hirondelles",)
