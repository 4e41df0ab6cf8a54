"""The beneficiaries of grants as journalists read them: `registre beneficiaries` and the app's view.

In: `Beneficiary` records from `Engine.beneficiaries` (every decision per beneficiary key, with
the nets per collectivité and year, from index.ledger). Out: the command's text, CSV rows
(one per decision, with the net of its year), the app's table (one row per beneficiary and
year), its per-year plot and CSV file. Nothing here adds amounts up: nets and steps come
from the ledger.
"""
import csv
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from registre.engine import Engine
from registre.index.ledger import DECISION_NAMES, Beneficiary, Net, Step
from registre.records import Amount
from registre.text.fold import fold
from registre.text.french import format_amount

CSV_COLUMNS = ["beneficiaire", "cle", "collectivite", "annee", "date", "numero", "decision", "montant",
               "variation", "total_apres", "net_annee", "effet", "source", "page", "citation"]
TABLE_COLUMNS = ["Bénéficiaire", "Année", "Net accordé", "Décisions", "Collectivité(s)"]


def beneficiaries_text(found: list[Beneficiary]) -> str:
    """Per beneficiary: each year's net (per collectivité), then its decisions in order."""
    lines = []
    for beneficiary in found:
        lines.append(f"{beneficiary.name} [{beneficiary.key}]")
        for collectivite, net in beneficiary.nets:
            where = collectivite or "collectivité ?"
            lines.append(f"  {net.year or 'année ?'} : {format_amount(net.value)} net ({where})")
            lines += [f"    {_step_line(step)}" for step in net.steps]
            lines += [f"    ! récapitulatif imprimé {format_amount(recap.value)} ≠ {format_amount(net.value)} calculés "
                      f"(p. {recap.page})" for recap, agrees in net.recaps if not agrees]
    return "\n".join(lines)


def _step_line(step: Step) -> str:
    decision = step.decision
    delib, amount = decision.deliberation, decision.amount
    effect = (f"total {format_amount(step.before)} → {format_amount(step.after)}" if decision.effective
              else f"sans effet : {decision.why_not}")
    return (f"{delib.date or '?'}  n° {delib.number or '—'}  {decision_text(amount)}  ({effect})"
            f"  {delib.source}, p. {amount.page}")


def decision_text(amount: Amount) -> str:
    """"attribution 15 000 €", "avenant : 8 000 € → 10 000 €", "annulation 1 200 €"…"""
    if amount.kind == "amendment":
        before = f"{format_amount(amount.replaces)} → " if amount.replaces is not None else "nouveau montant "
        return f"avenant : {before}{format_amount(amount.value)}"
    return f"{DECISION_NAMES.get(amount.kind or '', amount.kind or '')} {format_amount(amount.value)}"


def csv_rows(found: list[Beneficiary]) -> list[list[str]]:
    rows = []
    for beneficiary in found:
        for collectivite, net in beneficiary.nets:
            for step in net.steps:
                rows.append(_csv_row(beneficiary, collectivite, net, step))
    return rows


def _csv_row(beneficiary: Beneficiary, collectivite: str | None, net: Net, step: Step) -> list[str]:
    decision = step.decision
    delib, amount = decision.deliberation, decision.amount
    return [beneficiary.name, beneficiary.key, collectivite or "", str(net.year or ""),
            delib.date.isoformat() if delib.date else "", delib.number or "",
            DECISION_NAMES.get(amount.kind or "", amount.kind or ""), _money(amount.value),
            _money(step.after - step.before), _money(step.after), _money(net.value),
            "oui" if decision.effective else f"non : {decision.why_not}", delib.source, str(amount.page), amount.quote]


def write_beneficiaries_csv(stream: TextIO, found: list[Beneficiary]) -> None:
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(found))


def table_rows(found: list[Beneficiary]) -> list[list]:
    """One row per beneficiary and year: the net over the collectivités, how many decisions."""
    rows = []
    for beneficiary in found:
        years: dict[int | None, list[tuple[str | None, Net]]] = {}
        for collectivite, net in beneficiary.nets:
            years.setdefault(net.year, []).append((collectivite, net))
        for year, nets in years.items():
            total = sum((net.value for _, net in nets), Decimal(0))
            names = ", ".join(sorted({c or "?" for c, _ in nets}))
            rows.append([beneficiary.name, year or "", format_amount(total), sum(len(n.steps) for _, n in nets), names])
    return rows


def per_year(found: list[Beneficiary]) -> dict[int, Decimal]:
    """The nets per year of all the beneficiaries shown (a year unknown left out)."""
    out: dict[int, Decimal] = {}
    for beneficiary in found:
        for year, value in beneficiary.per_year().items():
            if year is not None:
                out[year] = out.get(year, Decimal(0)) + value
    return out


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


class BeneficiariesView:
    """The app's « Bénéficiaires » tab over one engine: table, per-year plot, CSV file."""

    def __init__(self, engine: Engine, exports: Path):
        self.engine = engine
        self.exports = exports

    def show(self, name: str | None, collectivite: str | None, year: int | None):
        """(table rows, plot data and its title, CSV path or None, status line)."""
        with self.engine.lock:
            found = self.engine.beneficiaries(name, collectivite, year)
        title = f"Net accordé par année{' à « ' + name + ' »' if name else ''}"
        if not found:
            return [], ({}, title), None, "Aucune décision de subvention ne correspond."
        folder = Path(tempfile.mkdtemp(dir=self.exports))
        slug = re.sub(r"[^a-z0-9]+", "-", fold(name or "tous"))[:40].strip("-") or "tous"
        path = folder / f"registre-beneficiaires-{slug}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            write_beneficiaries_csv(stream, found)
        decisions = sum(len(net.steps) for b in found for _, net in b.nets)
        status = f"{len(found)} bénéficiaire(s), {decisions} décision(s)."
        return table_rows(found), (per_year(found), title), str(path), status

    def tab(self, name: str | None, collectivite: str | None, year: int | None):
        """The tab's outputs: table, plot, CSV download button, status line."""
        import gradio as gr
        import pandas as pd

        from registre.ui.plot import year_bars
        from registre.ui.render import esc

        rows, (data, title), path, status = self.show(name, collectivite, year)
        return (pd.DataFrame(rows, columns=TABLE_COLUMNS), year_bars(data, title) if rows else None,
                gr.DownloadButton(value=path, interactive=path is not None), f'<p class="reg-status">{esc(status)}</p>')

