"""`ask` and the ledger count the same: for every beneficiary and year of the development
corpora and the samples, "combien pour NOM en ANNÉE ?" answers the ledger's net (what the
search tab, the plot, the exports and `registre beneficiaries` also read), and abstains where
the net is nothing (a withdrawn or rejected item)."""
import pytest


@pytest.mark.parametrize("corpus", ["fictional", "real", "samples"])
def test_ask_answers_the_ledgers_net_for_every_beneficiary_and_year(corpus_engine, corpus):
    engine = corpus_engine(corpus)
    nets = [(name, year, net) for name, year, net in engine.ledger_nets() if year is not None]
    assert nets
    for name, year, net in nets:
        answer = engine.ask(f"combien pour {name} en {year} ?")
        if net:
            assert not answer.abstained and answer.total == net, (name, year, net, answer.answer)
        else:
            assert answer.abstained and answer.total is None, (name, year, answer.answer)
