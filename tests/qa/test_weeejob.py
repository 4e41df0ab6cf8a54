"""The mission's example, in detail: the answer, its citations and its JSON shape."""
import datetime as dt
from decimal import Decimal


def test_weeejob_2022_sums_two_grants_with_verbatim_quotes(samples_engine):
    answer = samples_engine.ask("combien pour Weeejob en 2022")
    assert answer.total == Decimal("22000")
    assert "22 000 €" in answer.answer
    by_number = {c.deliberation: c for c in answer.citations}
    assert set(by_number) == {"2022.00159", "2022.00452"}
    first = by_number["2022.00159"]
    assert first.date == dt.date(2022, 4, 14) and first.amount == Decimal("11000")
    assert first.quote == "valide le financement de l'action Weeejob à hauteur de 11 000 €"
    assert by_number["2022.00452"].date == dt.date(2022, 10, 6)
    for c in answer.citations:
        record_text = samples_engine.deliberation(samples_engine.find(number=c.deliberation)[0]).text
        assert " ".join(c.quote.split()) in " ".join(record_text.split())


def test_weeejob_json_follows_the_contract(samples_engine):
    data = samples_engine.ask("combien pour Weeejob en 2022").to_dict()
    assert data["abstained"] is False
    assert data["total"] == {"value": 22000.0, "currency": "EUR"}
    keys = {"deliberation", "date", "title", "instance", "collectivite", "source", "page", "quote", "amount"}
    assert all(keys <= set(c) for c in data["citations"])
    assert {c["amount"]["value"] for c in data["citations"]} == {11000.0}


def test_weeejob_2023_abstains_with_leads_and_no_figure(samples_engine):
    answer = samples_engine.ask("combien pour Weeejob en 2023")
    assert answer.abstained and answer.citations == () and answer.total is None
    assert answer.answer.startswith("Je n'ai trouvé aucune délibération")
    assert "22 000" not in answer.answer and "11 000" not in answer.answer
    assert {c.deliberation for c in answer.leads} >= {"2022.00159", "2022.00452"}


def test_unknown_beneficiary_and_empty_year_abstain(samples_engine):
    assert samples_engine.ask("combien pour l'association Les Amis de Nulle Part ?").abstained
    assert samples_engine.ask("combien pour Emmaüs Connect ?").abstained
    assert samples_engine.ask("combien pour le relais emploi PIMMS en 2015 ?").abstained
