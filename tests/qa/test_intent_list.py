"""Lists: a séance's deliberations, those whose grants took effect for someone (the ledger), those
deciding a kind of amount, those a person held an office in."""
import pytest
from registers import AVENANT, LIGNON, TRETEAUX_2024


@pytest.fixture(scope="module")
def lignon(register):
    return register({"lignon.txt": LIGNON, "avenant.txt": AVENANT, "t2024.txt": TRETEAUX_2024})


def cited(answer):
    return [c.deliberation for c in answer.citations]


def test_the_deliberations_of_a_seance(lignon):
    answer = lignon.ask("liste des délibérations du bureau métropolitain du 9 mars 2023")
    assert cited(answer) == ["2023.00011", "2023.00012", "2023.00013"]
    assert answer.answer.startswith("3 délibérations")


def test_the_deliberations_granting_to_a_beneficiary(lignon):
    assert cited(lignon.ask("liste des délibérations qui attribuent une subvention aux Tréteaux du Lignon")) == \
        ["2023.00011", "2023.00298", "2024.00040"]


def test_a_withdrawn_grant_is_not_listed(lignon):
    answer = lignon.ask("quelles délibérations du 15 février 2024 attribuent des subventions ?")
    assert cited(answer) == ["2024.00040"]


def test_the_deliberations_deciding_a_kind_of_amount(lignon):
    assert cited(lignon.ask("liste des garanties d'emprunt accordées")) == ["2023.00012"]


def test_the_deliberations_a_person_was_secretaire_of(lignon):
    assert cited(lignon.ask("liste des délibérations où Anne LEROY était secrétaire de séance")) == \
        ["2023.00011", "2023.00012", "2023.00013"]


def test_deliberations_named_without_a_verb_are_listed(lignon):
    for text in ("les délibs du bureau métropolitain du 9 mars 2023 ?", "délibérations du 9 mars 2023"):
        assert cited(lignon.ask(text)) == ["2023.00011", "2023.00012", "2023.00013"], text
