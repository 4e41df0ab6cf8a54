"""Deliberations as the contract's JSON Lines shape (the SCDL CSVs: index.scdl, index.subventions).

In: a `Deliberation`. Out: a dict, one per deliberation (`to_json`), with where each field
was read (`evidence`), its ACTES matière and, per amount, its kind, beneficiary key and year
and, for a grant decision, whether it took effect (index.ledger). Pure.
"""
from registre.index import ledger
from registre.records import Deliberation, Evidence, Vote


def to_json(delib: Deliberation) -> dict:
    vote = delib.vote
    effective = {id(d.amount): d.effective for d in ledger.decisions(delib)}
    return {
        "number": delib.number, "date": _iso(delib.date), "instance": delib.instance,
        "collectivite": delib.collectivite, "title": delib.title, "president": delib.president,
        "secretaire": delib.secretaire, "rapporteur": delib.rapporteur,
        "membres_en_exercice": delib.membres_en_exercice, "presents": delib.presents,
        "pouvoirs": delib.pouvoirs, "votants": delib.votants, "absents": delib.absents,
        "vote": _vote(vote),
        "part_votes": [{"subject": part.subject, "vote": _vote(part.vote), "evidence": _evidence(part.evidence)}
                       for part in delib.part_votes],
        "actes_id": delib.actes_id, "siren": delib.siren,
        "convocation_date": _iso(delib.convocation_date), "prefecture_date": _iso(delib.prefecture_date),
        "affichage_date": _iso(delib.affichage_date),
        "source": delib.source, "pages": [delib.first_page, delib.last_page],
        "amounts": [_amount(a, effective) for a in delib.amounts],
        "matiere": delib.matiere,
        "flags": list(delib.flags),
        "evidence": {name: _evidence(e) for name, e in delib.evidence},
    }


def _vote(vote: Vote) -> dict:
    return {"result": vote.result, "unanimous": vote.unanimous, "pour": vote.pour, "contre": vote.contre,
            "abstention": vote.abstention}


def _evidence(found: Evidence) -> dict:
    return {"page": found.page, "start": found.start, "end": found.end, "quote": found.quote}


def _amount(a, effective: dict[int, bool]) -> dict:
    out = {"beneficiary": a.beneficiary, "amount": float(a.value), "role": a.role, "page": a.page, "kind": a.kind,
           "beneficiary_key": a.beneficiary_key, "year": a.year}
    if id(a) in effective:
        out["effective"] = effective[id(a)]
    return out


def _iso(day) -> str | None:
    return day.isoformat() if day else None
