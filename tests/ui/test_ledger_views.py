"""What the app shows of the grants ledger: the search tab's "Montant accordé" is
`index.ledger.granted` on every deliberation of the development corpora and the samples (read
through the tab itself, with its filters); its min/max filter keeps what the ledger says; the
Bénéficiaires view gives a table, a plot and a CSV; the plot counts what each decision adds."""
import csv
import datetime as dt
from decimal import Decimal

import pytest

from registre.index.ledger import granted
from registre.records import Amount, Deliberation, Vote
from registre.ui.handlers import SEARCH_K, Ui
from registre.ui.plot import amounts_plot
from registre.ui.render import money


def _listed(ui: Ui, **filters) -> list[tuple[int, list]]:
    """(deliberation id, table row) of what the tab lists for filters alone (no query)."""
    args = dict(query="", year="", date_from=None, date_to=None, instance="", collectivite="", beneficiary="",
                low="", high="", matiere="")
    table, keys, *_ = ui.search_tab(**{**args, **filters})
    return [(key[0], row) for key, row in zip(keys, table.values.tolist())]


@pytest.mark.parametrize("corpus", ["fictional", "real", "samples"])
def test_the_search_tab_shows_the_ledgers_granted_amount_on_every_deliberation(corpus_engine, corpus):
    engine = corpus_engine(corpus)
    ui = Ui(engine)
    years = sorted({engine.deliberation(i).date.year for i in engine.deliberation_ids()
                    if engine.deliberation(i).date})
    shown: dict[int, str] = {}
    for year in years:
        listed = _listed(ui, year=str(year))
        assert len(listed) < SEARCH_K  # the whole year is on screen
        shown.update((delib_id, row[4]) for delib_id, row in listed)
    assert set(shown) == {i for i in engine.deliberation_ids() if engine.deliberation(i).date}
    assert shown == {i: money(granted(engine.deliberation(i))) for i in shown}


def test_the_amount_filter_keeps_what_the_ledger_grants(corpus_engine):
    engine = corpus_engine("fictional")
    ui = Ui(engine)
    kept = _listed(ui, low="10 000", high="20 000")
    assert kept and all(Decimal(10000) <= granted(engine.deliberation(i)) <= Decimal(20000) for i, _ in kept)
    every = [i for i in engine.deliberation_ids() if Decimal(10000) <= granted(engine.deliberation(i)) <= 20000]
    assert sorted(i for i, _ in kept) == sorted(every)


def test_the_beneficiaries_view_has_a_table_a_plot_and_a_csv(corpus_engine):
    ui = Ui(corpus_engine("fictional"))
    table, plot, download, status = ui.beneficiaries_tab("Numérikéo", "", "")
    assert table.values.tolist() == [["Numérikéo", 2022, "15 000 €", 1, "Val-Morence Métropole"],
                                     ["Numérikéo", 2023, "11 500 €", 2, "Val-Morence Métropole"],
                                     ["Numérikéo", 2025, "16 000 €", 1, "Val-Morence Métropole"]]
    assert [bar.get_height() for bar in plot.axes[0].patches] == [15000.0, 11500.0, 16000.0]
    with open(download.value["path"], encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["annee"], r["numero"], r["decision"], r["variation"], r["net_annee"]) for r in rows] == [
        ("2022", "2022.00121", "attribution", "15000.00", "15000.00"),
        ("2023", "2023.00410", "attribution", "7500.00", "11500.00"),
        ("2023", "2023.00577", "complément", "4000.00", "11500.00"),
        ("2025", "2025.00089", "attribution", "16000.00", "16000.00")]
    assert "1 bénéficiaire(s), 4 décision(s)." in status
    table, plot, download, status = ui.beneficiaries_tab("personne de ce nom", "", "")
    assert table.empty and plot is None and download.value is None and "Aucune" in status


def _grant(value: str, beneficiary: str, kind: str = "initial", replaces: str | None = None) -> Amount:
    return Amount(Decimal(value), "grant", beneficiary, f"attribue {value} € à {beneficiary}", 1, "dispositif", 0, 1,
                  kind=kind, beneficiary_key=beneficiary.lower(), year=2022,
                  replaces=Decimal(replaces) if replaces else None)


def test_the_plot_counts_what_each_decision_adds_in_the_year_granted():
    delibs = [Deliberation(source=f"{n}.txt", text="", start=0, first_page=1, page_offsets=(0,), number=n,
                           date=day, amounts=amounts, vote=Vote(result=result)) for n, day, amounts, result in (
        ("2022.00087", dt.date(2022, 2, 10), (_grant("8000", "Treteaux"),), "adopted"),
        ("2022.00298", dt.date(2022, 6, 23), (_grant("10000", "Treteaux", "amendment", "8000"),), "adopted"),
        ("2022.00299", dt.date(2022, 6, 23), (_grant("35000", "Festival"),), "withdrawn"),
    )]
    assert [bar.get_height() for bar in amounts_plot("treteaux", delibs).axes[0].patches] == [10000.0]
    assert [bar.get_height() for bar in amounts_plot("", delibs).axes[0].patches] == [10000.0]
