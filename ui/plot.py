"""The plots of the app: granted amounts per year (search tab, Bénéficiaires view).

In: the deliberations found and the entity searched, or figures per year. Out: a matplotlib
Figure. What a year holds comes from the grants ledger (index.ledger): each decision counts
what it adds, in the year it grants for. Pure.
"""
from decimal import Decimal

from registre.index.ledger import decisions
from registre.records import Deliberation
from registre.text.fold import fold
from registre.text.french import format_amount


def amounts_plot(entity: str, delibs: list[Deliberation]):
    """Granted amounts per year: those for `entity` (its name matched fuzzily), else all of `delibs`."""
    from rapidfuzz import fuzz

    wanted = fold(entity or "")
    per_year: dict[int, Decimal] = {}
    everything: dict[int, Decimal] = {}
    for d in delibs:
        for decision in decisions(d):
            year = decision.year
            if year is None or not decision.effective:
                continue
            everything[year] = everything.get(year, Decimal(0)) + decision.change
            named = decision.amount.beneficiary or decision.amount.quote
            if wanted and fuzz.partial_ratio(wanted, fold(named)) >= 85:
                per_year[year] = per_year.get(year, Decimal(0)) + decision.change
    if per_year:
        return year_bars(per_year, f"Montants accordés à « {entity} » par année")
    return year_bars(everything, "Montants accordés par année (délibérations trouvées)")


def year_bars(data: dict[int, Decimal], title: str):
    """One bar per year, labelled with its amount."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 2.5), dpi=110, layout="constrained")
    ax = fig.subplots()
    ax.set_title(title, fontsize=10)
    if not data:
        ax.text(0.5, 0.5, "Aucun montant accordé", ha="center", va="center", color="#6b7280")
        ax.set_axis_off()
        return fig
    years = sorted(data)
    bars = ax.bar([str(y) for y in years], [float(data[y]) for y in years], color="#2563eb", width=0.6)
    ax.bar_label(bars, labels=[format_amount(data[y]) for y in years], fontsize=8)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f} €".replace(",", " "))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.margins(y=0.2)
    pad = max(0.0, (4 - len(years)) / 2)  # a lone year stays a bar, not a wall
    ax.set_xlim(-0.5 - pad, len(years) - 0.5 + pad)
    return fig
