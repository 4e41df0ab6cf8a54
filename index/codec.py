"""Deliberation records to SQLite rows and back.

In: a `Deliberation` (or rows of deliberations, sections, amounts). Out: row values
(metadata columns, a JSON `record` for the rest, the evidence of each field included) or the
rebuilt `Deliberation`. Pure.
"""
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from registre.records import Amount, Deliberation, Evidence, PartVote, Section, Vote

_SCALARS = (
    "president", "secretaire", "rapporteur", "membres_en_exercice", "presents", "pouvoirs",
    "votants", "actes_id", "siren",
)
_DATES = ("convocation_date", "prefecture_date", "affichage_date")


def record_json(delib: Deliberation) -> str:
    data = {name: getattr(delib, name) for name in (*_SCALARS, "absents")}
    data.update({name: _iso(getattr(delib, name)) for name in _DATES})
    data.update(
        vote=_vote_json(delib.vote),
        part_votes=[[part.subject, _vote_json(part.vote), _evidence_json(part.evidence)] for part in delib.part_votes],
        present_members=list(delib.present_members), absent_members=list(delib.absent_members),
        proxies=[list(pair) for pair in delib.proxies], flags=list(delib.flags),
        page_offsets=list(delib.page_offsets), start=delib.start,
        page_confidences=list(delib.page_confidences), heading=delib.heading,
        evidence={name: _evidence_json(e) for name, e in delib.evidence},
    )
    return json.dumps(data, ensure_ascii=False)


def _vote_json(vote: Vote) -> dict:
    return dict(result=vote.result, unanimous=vote.unanimous, pour=vote.pour, contre=vote.contre,
                abstention=vote.abstention)


def _evidence_json(found: Evidence) -> list:
    return [found.page, found.start, found.end, found.quote]


def section_rows(delib: Deliberation):
    return [(s.kind, s.start, s.end, s.page, s.text) for s in delib.sections]


AMOUNT_COLUMNS = ("value", "role", "beneficiary", "quote", "page", "section", "start", "end", "confidence", "kind",
                  "beneficiary_key", "beneficiary_aliases", "beneficiary_id", "year", "replaces")


def amount_rows(delib: Deliberation):
    """One row per amount, values in the order of AMOUNT_COLUMNS."""
    return [(str(a.value), a.role, a.beneficiary, a.quote, a.page, a.section, a.start, a.end, a.confidence, a.kind,
             a.beneficiary_key, json.dumps(list(a.beneficiary_aliases), ensure_ascii=False), a.beneficiary_id,
             a.year, None if a.replaces is None else str(a.replaces)) for a in delib.amounts]


def load_amount(r) -> Amount:
    """An amount from its row; a row written before kinds existed has them NULL."""
    return Amount(
        Decimal(r["value"]), r["role"], r["beneficiary"], r["quote"], r["page"], r["section"], r["start"], r["end"],
        r["confidence"], kind=r["kind"], beneficiary_key=r["beneficiary_key"],
        beneficiary_aliases=tuple(json.loads(r["beneficiary_aliases"] or "[]")), beneficiary_id=r["beneficiary_id"],
        year=r["year"], replaces=None if r["replaces"] is None else Decimal(r["replaces"]))


def load_deliberation(row, section_rows, amount_rows) -> Deliberation:
    data: dict[str, Any] = json.loads(row["record"])
    sections = tuple(Section(r["kind"], r["start"], r["end"], r["text"], r["page"]) for r in section_rows)
    amounts = tuple(load_amount(r) for r in amount_rows)
    return Deliberation(
        source=row["source"], text="".join(s.text for s in sections), start=data["start"],
        first_page=row["first_page"], page_offsets=tuple(data["page_offsets"]),
        page_confidences=tuple(data.get("page_confidences", ())),  # absent before OCR came
        sections=sections, amounts=amounts, number=row["number"], date=_date(row["date"]),
        instance=row["instance"], collectivite=row["collectivite"], title=row["title"],
        vote=Vote(**data["vote"]),
        part_votes=tuple(PartVote(subject, Vote(**vote), Evidence(*where))
                         for subject, vote, where in data.get("part_votes", ())),  # absent before they were read
        present_members=tuple(data["present_members"]),
        absent_members=tuple(data["absent_members"]),
        proxies=tuple(tuple(pair) for pair in data["proxies"]), flags=tuple(data["flags"]),
        **{name: data[name] for name in _SCALARS},
        absents=data.get("absents"),  # absent from records written before it was read
        **{name: _date(data[name]) for name in _DATES},  # type: ignore[arg-type]  # each name is a date field
        evidence=tuple((name, Evidence(*found)) for name, found in data.get("evidence", {}).items()),
        heading=data.get("heading", 0),  # absent before séance preambles were told apart
        matiere=row["matiere"],
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
