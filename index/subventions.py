"""SCDL « Subventions » 2.1.1: one CSV row per grant decision that took effect, from the ledger.

In: deliberations (duplicates left out), the publishers (`Collectivites`) and the beneficiaries'
identifiers (`Beneficiaires`). Out: an `Export` (index.scdl): the rows and the decisions left
out with their French reason (no SIRET for the collectivité, no beneficiary read, neither SIRET
nor RNA for it). What a row says, field by field (README, « Export Subventions »):
`montant` is what the decision adds to the beneficiary's grant for its year, as the ledger
applies it (an amendment "de 8 000 € à 10 000 €" is 2 000; a reduction or a cancellation is
negative), so the rows of a beneficiary and year add up to its net; `referenceDecision` the
deliberation's number (else its stable key); `dateConvention` the convention's date when the
dispositif prints it, else the séance's; `datesPeriodeVersement` the séance's date to the end
of the year granted; `conditionsVersement` "échelonné" when the dispositif speaks of acomptes,
soldes or instalments, else "unique"; `nature` "aide en numéraire"; `notificationUE` "oui" only
for a de minimis aid (regulation 1407/2013); `pourcentageSubvention` 1.00 (one row per
beneficiary). Pure.
"""
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from registre.index import ledger
from registre.index.directory import Beneficiaires, Collectivite, Collectivites
from registre.index.scdl import Export, LeftOut, delib_id, describe
from registre.ingest import acts
from registre.ingest.beneficiaries import display_name
from registre.records import Deliberation
from registre.text.french import format_amount

SUBVENTIONS_COLUMNS = (
    "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire",
    "rnaBeneficiaire", "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE",
    "notificationUE", "pourcentageSubvention", "dispositifAide",
)
OBJET_MAX = 256


def subvention_rows(delibs: Iterable[Deliberation], collectivites: Collectivites,
                    beneficiaires: Beneficiaires = Beneficiaires()) -> Export:
    delibs = list(delibs)
    publishers = {id(d): collectivites.find(d) for d in delibs}
    by_decision: dict[int, ledger.Step] = {}
    for _, net in ledger.nets_by_collectivite(delibs, lambda d: _group(d, publishers[id(d)])):
        by_decision.update((id(step.decision.amount), step) for step in net.steps)
    rows, left_out = [], []
    for delib in sorted(delibs, key=lambda d: (d.date or dt.date.min, d.number or "", d.source, d.start)):
        for decision in ledger.decisions(delib):
            if not decision.effective:
                continue
            row, why = _row(decision, by_decision.get(id(decision.amount)), publishers[id(delib)], beneficiaires)
            if row is None:
                what = f"{describe(delib)}, {decision.amount.beneficiary or 'bénéficiaire non lu'}, " \
                       f"{format_amount(decision.amount.value)}"
                left_out.append(LeftOut(what, why or ""))
            else:
                rows.append(row)
    return Export(SUBVENTIONS_COLUMNS, tuple(rows), tuple(left_out))


def _group(delib: Deliberation, publisher: Collectivite | None) -> str | None:
    """Whose grants a deliberation changes: its publisher's SIRET, else its collectivité."""
    return publisher.siret if publisher else delib.collectivite


def _row(decision: ledger.Decision, step: ledger.Step | None, publisher: Collectivite | None,
         beneficiaires: Beneficiaires) -> tuple[dict[str, str] | None, str | None]:
    delib, amount = decision.deliberation, decision.amount
    name = publisher.name if publisher and publisher.name else delib.collectivite
    if publisher is None or not name:
        return None, f"pas de SIRET pour la collectivité « {delib.collectivite or 'non lue'} » (--siret NOM=SIRET)"
    if delib.date is None:
        return None, "date de séance non lue"
    if not amount.beneficiary or step is None:
        return None, "bénéficiaire non lu"
    siret, rna = beneficiaires.identify(amount)
    if not (siret or rna):
        return None, f"ni SIRET ni RNA pour « {display_name(amount.beneficiary)} » (--beneficiaires FICHIER.csv)"
    until = dt.date(max(delib.date.year, decision.year or 0), 12, 31)
    values = {
        "nomAttribuant": name, "idAttribuant": publisher.siret,
        "dateConvention": (acts.convention_date(delib) or delib.date).isoformat(),
        "referenceDecision": delib_id(delib), "nomBeneficiaire": display_name(amount.beneficiary),
        "idBeneficiaire": siret, "rnaBeneficiaire": rna, "objet": _objet(delib, amount.beneficiary),
        "montant": _money(step.after - step.before), "nature": "aide en numéraire",
        "conditionsVersement": "échelonné" if acts.paid_in_instalments(delib) else "unique",
        "datesPeriodeVersement": f"{delib.date.isoformat()}/{until.isoformat()}",
        "notificationUE": "oui" if acts.de_minimis(delib) else "non", "pourcentageSubvention": "1.00",
    }
    return {column: values.get(column) or "" for column in SUBVENTIONS_COLUMNS}, None


def _objet(delib: Deliberation, beneficiary: str) -> str:
    text = " ".join((delib.title or f"Subvention à {display_name(beneficiary)}").split())
    return text if len(text) <= OBJET_MAX else text[:OBJET_MAX - 1].rstrip() + "…"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"
