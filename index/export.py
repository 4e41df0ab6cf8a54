"""Deliberations as export rows: the contract's JSON Lines shape and the SCDL CSV.

In: `Deliberation` records (with their stored ids' order). Out: dicts, one per
deliberation (`to_json`, with where each field was read: `evidence`), and rows of the SCDL
« Délibérations » schema (`to_scdl`). Pure.
"""
from registre.records import Deliberation

SCDL_COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF",
    "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)


def to_json(delib: Deliberation) -> dict:
    vote = delib.vote
    return {
        "number": delib.number, "date": _iso(delib.date), "instance": delib.instance,
        "collectivite": delib.collectivite, "title": delib.title, "president": delib.president,
        "secretaire": delib.secretaire, "rapporteur": delib.rapporteur,
        "membres_en_exercice": delib.membres_en_exercice, "presents": delib.presents,
        "pouvoirs": delib.pouvoirs, "votants": delib.votants, "absents": delib.absents,
        "vote": {"result": vote.result, "unanimous": vote.unanimous, "pour": vote.pour,
                 "contre": vote.contre, "abstention": vote.abstention},
        "actes_id": delib.actes_id, "siren": delib.siren,
        "convocation_date": _iso(delib.convocation_date), "prefecture_date": _iso(delib.prefecture_date),
        "affichage_date": _iso(delib.affichage_date),
        "source": delib.source, "pages": [delib.first_page, delib.last_page],
        "amounts": [{"beneficiary": a.beneficiary, "amount": float(a.value), "role": a.role, "page": a.page}
                    for a in delib.amounts],
        "flags": list(delib.flags),
        "evidence": {name: {"page": e.page, "start": e.start, "end": e.end, "quote": e.quote}
                     for name, e in delib.evidence},
    }


def to_scdl(delib: Deliberation, siret: str | None = None) -> dict[str, str]:
    vote = delib.vote
    voters = delib.votants
    row = {
        "COLL_NOM": delib.collectivite, "COLL_SIRET": siret, "DELIB_ID": delib.number,
        "DELIB_DATE": _iso(delib.date), "DELIB_OBJET": delib.title, "PREF_ID": delib.actes_id,
        "PREF_DATE": _iso(delib.prefecture_date), "VOTE_EFFECTIF": delib.membres_en_exercice,
        "VOTE_REEL": voters,
        "VOTE_POUR": vote.pour if vote.pour is not None else (voters if vote.unanimous else None),
        "VOTE_CONTRE": vote.contre if vote.contre is not None else (0 if vote.unanimous else None),
        "VOTE_ABSTENTION": vote.abstention if vote.abstention is not None else (0 if vote.unanimous else None),
        "BUDGET_ANNEE": delib.date.year if delib.date and any(a.role == "grant" for a in delib.amounts) else None,
    }
    return {column: "" if row.get(column) is None else str(row[column]) for column in SCDL_COLUMNS}


def _iso(day) -> str | None:
    return day.isoformat() if day else None
