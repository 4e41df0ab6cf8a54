"""What the app shows: text from documents as text, cards that mark what they prove,
leads labelled as leads, the plot of granted amounts."""
import datetime as dt
from decimal import Decimal

from registre.records import Amount, Answer, Citation, Deliberation, Trace
from registre.ui.plot import amounts_plot
from registre.ui.render import answer_html, deliberation_html, document_page

WEEEJOB = "combien pour Weeejob en 2022"


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def hostile_deliberation() -> Deliberation:
    text = f"DELIBERATION N° 2024-007\n{HOSTILE}\nattribue 1 200 € à l'association <b>Pixel</b>."
    amount = Amount(Decimal("1200"), "grant", "<b>Pixel</b>", "attribue 1 200 € à <b>Pixel</b>", 1, "dispositif",
                    0, 10)
    return Deliberation(source="x<y>.txt", text=text, start=0, first_page=1, page_offsets=(0,),
                        amounts=(amount,), number="2024-007", date=dt.date(2024, 2, 5), title=HOSTILE,
                        instance="Conseil municipal", president="<i>Mme X</i>")


def test_document_text_is_escaped_everywhere():
    citation = Citation("2024-007", dt.date(2024, 2, 5), HOSTILE, "Conseil", None, "x<y>.txt", 1,
                        f"attribue 1 200 € {HOSTILE}", Decimal("1200"))
    answer = Answer("q", f"1 200 € {HOSTILE}", False, (citation,), Decimal("1200"), "amount")
    delib = hostile_deliberation()
    for page in (answer_html(answer, ["/document/1?q=a%22b#page-1"]), deliberation_html(delib, "/document/1", None),
                 document_page(delib, "attribue 1 200", None)):
        assert "<script" not in page and "<img" not in page and "<b>Pixel" not in page and "<i>Mme" not in page
        assert "&lt;script&gt;" in page


def test_a_source_card_marks_the_cited_amount():
    citation = Citation("2022.00159", dt.date(2022, 4, 14), "PLAN D'ACTIONS PLIE - ACTION WEEEJOB",
                        "Bureau métropolitain", "Saint-Etienne Métropole", "000.txt", 2,
                        "valide le financement de l'action Weeejob à hauteur de 11 000 €", Decimal("11000"))
    answer = Answer(WEEEJOB, "22 000 € en 2022 au total", False, (citation,), Decimal("22000"), "amount")
    html = answer_html(answer, ["/document/1#page-2"])
    assert "<mark>11 000 €</mark>" in html
    assert 'href="/document/1#page-2"' in html and "n° 2022.00159" in html and "14 avril 2022" in html
    assert html.index("22 000 € en 2022") < html.index("Sources")


def test_an_abstention_shows_leads_labelled_as_leads():
    lead = Citation("2022.00159", dt.date(2022, 4, 14), "ACTION WEEEJOB", "Bureau", None, "000.txt", 1,
                    "ACTION WEEEJOB")
    answer = Answer("combien pour Weeejob en 2023", "Je n'ai trouvé aucune délibération…", True, leads=(lead,))
    html = answer_html(answer, [None])
    assert "Pistes" in html and "Piste 1" in html and "Sources" not in html


def test_the_trace_is_shown_under_its_fold_escaped():
    trace = Trace("amount", (("type", "amount"), ("période", "en 2023")), (("bénéficiaire", f"Weeejob {HOSTILE}"),),
                  (("n° 2022.00159 du 2022-04-14 – ACTION WEEEJOB", 1.25),), None,
                  "aucune réponse rédigée : décisions trouvées pour d'autres années : 2022")
    answer = Answer("combien pour Weeejob en 2023", "Je n'ai trouvé aucune délibération…", True, trace=trace)
    html = answer_html(answer, [])
    assert "<summary>Pourquoi cette réponse ?</summary>" in html
    assert "période : en 2023" in html and "n° 2022.00159 du 2022-04-14 – ACTION WEEEJOB (1.25)" in html
    assert "d&#39;autres années : 2022" in html and "<script" not in html


def grant(value: str, beneficiary: str) -> Amount:
    return Amount(Decimal(value), "grant", beneficiary, f"attribue {value} € à {beneficiary}", 1, "dispositif", 0, 1)


def test_the_plot_sums_the_searched_entity_per_year():
    delibs = [Deliberation(source=f"{n}.txt", text="", start=0, first_page=1, page_offsets=(0,), number=n,
                           date=day, amounts=amounts) for n, day, amounts in (
        ("2022.00159", dt.date(2022, 4, 14), (grant("11000", "Weeejob"),)),
        ("2022.00452", dt.date(2022, 10, 6), (grant("11000", "WEEJOB"), grant("5000", "Autre"))),
        ("2019.00081", dt.date(2019, 3, 7), (grant("20000", "PIMMS"),)),
    )]
    bars = amounts_plot("weeejob", delibs).axes[0].patches
    assert [bar.get_height() for bar in bars] == [22000.0]
    everything = amounts_plot("", delibs).axes[0].patches
    assert [bar.get_height() for bar in everything] == [20000.0, 27000.0]
