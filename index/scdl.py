"""SCDL « Délibérations » 2.1.5: one CSV row per adopted deliberation, valid under the schema.

In: deliberations (duplicates left out) and the publishers' names and SIRETs (`Collectivites`).
Out: an `Export`: the rows (column → text, in the schema's order) and the deliberations left
out, each with its French reason (no SIRET for its collectivité, no date, no title read,
withdrawn or rejected). Each column follows the schema's rules: DELIB_ID is the printed number,
else the deliberation's stable key (source, date, offset); DELIB_MATIERE_CODE and _NOM come
from one table (index.nomenclature); BUDGET_ANNEE and BUDGET_NOM are both written or neither,
when the title or dispositif names a budget, the year being that of the grants the ledger
counts, else the one printed; PREF_ID is `PREF` and the département of the ACTES identifier
(`042-…` or `99_DE-042-…` → PREF042), PREF_DATE the préfecture's stamp when not before the
séance; the five vote columns are all written or all empty, with VOTE_REEL = POUR + CONTRE +
ABSTENTION ≤ VOTE_EFFECTIF. Pure.
"""
import re
from collections.abc import Iterable
from dataclasses import dataclass

from registre.index import ledger
from registre.index.directory import Collectivites
from registre.index.nomenclature import matiere
from registre.ingest import acts
from registre.ingest.matiere import classify
from registre.records import Deliberation

SCDL_COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF",
    "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)
_DEPARTEMENT = re.compile(r"(?:^|[_-])(\d{2}[\dAB])-\d{9}-\d{8}-")
_NOT_ADOPTED = {"withdrawn": "point retiré de l'ordre du jour", "rejected": "délibération rejetée"}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A deliberation or a decision not written, and why (French)."""

    what: str
    why: str

    def line(self) -> str:
        return f"non exporté : {self.what} : {self.why}"


@dataclass(frozen=True, slots=True)
class Export:
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    left_out: tuple[LeftOut, ...]


def deliberation_rows(delibs: Iterable[Deliberation], collectivites: Collectivites) -> Export:
    rows, left_out = [], []
    for delib in delibs:
        row, why = _row(delib, collectivites)
        if row is None:
            left_out.append(LeftOut(describe(delib), why or ""))
        else:
            rows.append(row)
    return Export(SCDL_COLUMNS, tuple(rows), tuple(left_out))


def describe(delib: Deliberation) -> str:
    """How a left-out line names a deliberation: its number, else its source and date."""
    name = f"n° {delib.number}" if delib.number else "sans numéro"
    return f"{name} ({delib.source}{', ' + delib.date.isoformat() if delib.date else ''})"


def delib_id(delib: Deliberation) -> str:
    """The printed number, else the deliberation's stable key (source, date, offset)."""
    return delib.key


def _row(delib: Deliberation, collectivites: Collectivites) -> tuple[dict[str, str] | None, str | None]:
    if not delib.is_deliberation:
        return None, "questions diverses de la séance, pas une délibération"
    if delib.vote.result in _NOT_ADOPTED:
        return None, _NOT_ADOPTED[delib.vote.result or ""]
    publisher = collectivites.find(delib)
    name = (publisher.name if publisher else None) or delib.collectivite
    if publisher is None:
        return None, f"pas de SIRET pour la collectivité « {delib.collectivite or 'non lue'} » (--siret NOM=SIRET)"
    if not name:
        return None, "collectivité non lue et sans nom donné (--siret NOM=SIRET)"
    if delib.date is None:
        return None, "date de séance non lue"
    if not (delib.title or "").strip():
        return None, "objet (titre) non lu"
    code = delib.matiere if matiere(delib.matiere) else classify(delib)
    named = matiere(code)
    assert named is not None  # classify returns a code of the table (tests/index/test_nomenclature.py)
    budget_year, budget_name = budget_columns(delib)
    counts = votes(delib)
    prefecture = delib.prefecture_date if delib.prefecture_date and delib.prefecture_date >= delib.date else None
    values: dict[str, object] = {
        "COLL_NOM": name, "COLL_SIRET": publisher.siret, "DELIB_ID": delib_id(delib),
        "DELIB_DATE": delib.date.isoformat(), "DELIB_MATIERE_CODE": code, "DELIB_MATIERE_NOM": named.scdl_name,
        "DELIB_OBJET": " ".join((delib.title or "").split()), "BUDGET_ANNEE": budget_year, "BUDGET_NOM": budget_name,
        "PREF_ID": pref_id(delib.actes_id), "PREF_DATE": prefecture.isoformat() if prefecture else None,
        **dict(zip(("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"), counts or ())),
    }
    return {column: "" if values.get(column) is None else str(values[column]) for column in SCDL_COLUMNS}, None


def pref_id(actes_id: str | None) -> str | None:
    """`PREF` and the three-character département of an ACTES identifier (02A, 042, 974)."""
    found = _DEPARTEMENT.search(actes_id or "")
    return f"PREF{found[1]}" if found else None


def budget_columns(delib: Deliberation) -> tuple[str | None, str | None]:
    """(BUDGET_ANNEE, BUDGET_NOM): both when the title or dispositif names a budget, else neither.
    The year: those of the grants the ledger counts (2021, or 2021/2022), else the one printed
    with the budget, else the séance's."""
    named = acts.budget(delib)
    if named is None:
        return None, None
    name, printed = named
    years = sorted({d.year for d in ledger.decisions(delib) if d.effective and d.year})
    if years:
        return (str(years[0]) if len(years) == 1 else f"{years[0]}/{years[-1]}"), name
    year = printed or (delib.date.year if delib.date else None)
    return (str(year) if year else None), (name if year else None)


def votes(delib: Deliberation) -> tuple[int, int, int, int, int] | None:
    """(effectif, réel, pour, contre, abstention), all known and consistent, or None. A
    unanimous vote is the votants for, minus the printed contre and abstentions; POUR missing
    is the votants minus CONTRE and ABSTENTION; VOTE_REEL is their sum."""
    vote, effectif, votants = delib.vote, delib.membres_en_exercice, delib.votants
    pour, contre, abstention = vote.pour, vote.contre, vote.abstention
    if pour is None and vote.unanimous and votants is not None:
        contre, abstention = contre or 0, abstention or 0
    if pour is None and votants is not None and contre is not None and abstention is not None:
        pour = votants - contre - abstention
    if effectif is None or pour is None or contre is None or abstention is None:
        return None
    reel = pour + contre + abstention
    if min(pour, contre, abstention) < 0 or reel == 0 or reel > effectif:
        return None
    return effectif, reel, pour, contre, abstention
