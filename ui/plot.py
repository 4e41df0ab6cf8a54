"""The plot of the search tab: granted amounts per year.

In: the deliberations found and the entity searched. Out: a matplotlib Figure. Pure.
"""
from decimal import Decimal

from registre.index.ledger import granted_amounts
from registre.records import Deliberation
from registre.text.fold import fold
from registre.text.french import format_amount


def amounts_plot(entity: str, delibs: list[Deliberation]):
    """Granted amounts per year (index.ledger): those naming `entity` (fuzzily), else all of `delibs`."""
    from matplotlib.figure import Figure
    from rapidfuzz import fuzz

    wanted = fold(entity or "")
    per_year: dict[int, Decimal] = {}
    everything: dict[int, Decimal] = {}
    for d in delibs:
        for a in granted_amounts(d):
            if d.date is None:
                continue
            everything[d.date.year] = everything.get(d.date.year, Decimal(0)) + a.value
            if wanted and fuzz.partial_ratio(wanted, fold(a.beneficiary or a.quote)) >= 85:
                per_year[d.date.year] = per_year.get(d.date.year, Decimal(0)) + a.value
    data, title = (per_year, f"Montants accordés à « {entity} » par année") if per_year else \
        (everything, "Montants accordés par année (délibérations trouvées)")
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

