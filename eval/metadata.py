"""Score the index's deliberation records against a ground-truth manifest.

In: `ExpectedDeliberation`s (`eval.manifest`) and the records as `registre export --format
jsonl` prints them (`index.export.to_json` dicts). Out: a dict: per-field accuracy, vote counts
(where printed), grant precision and recall with and without the beneficiary, the same per
collectivité, and every miss with its file, page, expected and read values. Pure.

The rules are those of the reference scorer kept apart from the product
(`tests/reference/metadata_score.py`):

- a manifest deliberation is matched to the record with the same number (normalised as for
  citations), preferring one read from the same file; unmatched, every field is wrong;
- date: the same ISO day; instance and collectivité: the same letters and digits, or the
  significant words of one within the other's; title: word overlap (Jaccard) of 0.8 or more,
  or the expected title within the read one; président and secrétaire: every significant word
  of the expected name present; counts: the same integer; vote: the same result;
- grants: (deliberation, amount to the cent) pairs of role "grant", each expected pair matched
  once; "with beneficiary" also needs the beneficiaries to match (one within the other, or
  half the significant words of the shorter shared).

The mean field accuracy leaves `votants` out, as the reference does, so both stay comparable.
"""
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from registre.eval.manifest import FIELDS, ExpectedDeliberation
from registre.eval.score import ascii_fold, normalise_number

MEAN_FIELDS = tuple(f for f in FIELDS if f != "votants")
COUNTS = ("membres_en_exercice", "presents", "pouvoirs", "votants")
# Words that say nothing about which name or body is meant.
STOPWORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "a", "au", "aux", "et", "en", "pour", "sur",
                       "commune", "ville", "association", "asso", "m", "mme", "monsieur", "madame"})


@dataclass
class Tally:
    """Right answers and grant pairs counted over some deliberations."""

    deliberations: int = 0
    right: dict = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    votes_right: int = 0
    votes_printed: int = 0
    grants: dict = field(default_factory=lambda: dict.fromkeys(("tp", "fp", "fn", "tpb", "fpb", "fnb"), 0))

    def to_dict(self) -> dict:
        g = self.grants
        return {
            "deliberations": self.deliberations,
            "fields": {name: _ratio(n, self.deliberations) for name, n in self.right.items()},
            "mean_field_accuracy": _ratio(sum(self.right[f] for f in MEAN_FIELDS),
                                          self.deliberations * len(MEAN_FIELDS)),
            "vote_counts_accuracy": _ratio(self.votes_right, self.votes_printed),
            "grants": {"precision": _ratio(g["tp"], g["tp"] + g["fp"]), "recall": _ratio(g["tp"], g["tp"] + g["fn"]),
                       "precision_with_beneficiary": _ratio(g["tpb"], g["tpb"] + g["fpb"]),
                       "recall_with_beneficiary": _ratio(g["tpb"], g["tpb"] + g["fnb"]),
                       "tp": g["tp"], "fp": g["fp"], "fn": g["fn"]},
        }


def score_records(expected: list[ExpectedDeliberation], records: list[dict]) -> dict:
    by_number: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_number[normalise_number(record.get("number"))].append(record)
    total, misses, matched = Tally(), [], 0
    groups: dict[str, tuple[str, Tally]] = {}
    for delib in expected:
        got = _match(delib, by_number.get(normalise_number(delib.number), []))
        matched += got is not None
        group = groups.setdefault(delib.collectivite, (delib.prefix, Tally()))[1]
        for tally in (total, group):
            tally.deliberations += 1
        for name in FIELDS:
            if field_right(name, delib, got):
                total.right[name] += 1
                group.right[name] += 1
            else:
                misses.append(_miss(delib, name, _expected(name, delib), _read(name, got)))
        if delib.vote_counts is not None:
            read = vote_counts(got)
            for tally in (total, group):
                tally.votes_printed += 1
                tally.votes_right += read == delib.vote_counts
            if read != delib.vote_counts:
                misses.append(_miss(delib, "vote_counts", list(delib.vote_counts), read and list(read)))
        misses += _score_grants(delib, got, (total, group))
    return {"deliberations": len(expected), "records": len(records), "matched": matched, **total.to_dict(),
            "by_collectivite": {name: {"prefix": prefix, **tally.to_dict()} for name, (prefix, tally) in groups.items()},
            "misses": misses}


def field_right(name: str, delib: ExpectedDeliberation, record: dict | None) -> bool:
    if name == "number":
        return record is not None
    read = record.get(name) if record else None
    if name == "vote":
        return vote_result(read) == delib.vote_result
    want = delib.values[name]
    if name == "date":
        return str(read or "")[:10] == want
    if name in ("instance", "collectivite"):
        return same_body(want, read)
    if name == "title":
        return same_title(want, read)
    if name in ("president", "secretaire"):
        return same_person(want, read)
    try:
        return read is not None and int(read) == int(want)
    except (TypeError, ValueError):
        return False


def vote_result(vote) -> str | None:
    """adopted, rejected or withdrawn, from the export's vote object (or a French phrase)."""
    said = ascii_fold(vote.get("result") or vote.get("resultat") if isinstance(vote, dict) else vote)
    if not said:
        return None
    for result, stems in (("withdrawn", ("withdraw", "retir")), ("rejected", ("reject", "rejet")),
                          ("adopted", ("adopt", "unanim", "approuv"))):
        if any(stem in said for stem in stems):
            return result
    return said


def vote_counts(record: dict | None) -> tuple[int, int, int] | None:
    vote = (record or {}).get("vote")
    if not isinstance(vote, dict):
        return None
    try:
        return int(vote["pour"]), int(vote["contre"]), int(vote["abstention"])
    except (KeyError, TypeError, ValueError):
        return None


def same_body(want: str, read) -> bool:
    """An instance or a collectivité: same letters and digits, or the significant words of one
    within the other's (the read one may drop at most one word)."""
    if not ascii_fold(read).strip():
        return False
    if _letters(want) == _letters(read):
        return True
    wanted, got = _significant(want), _significant(read)
    return bool(wanted) and (wanted <= got or (got <= wanted and len(got) >= max(1, len(wanted) - 1)))


def same_title(want: str, read) -> bool:
    wanted, got = set(_tokens(want)), set(_tokens(read))
    if not wanted or not got:
        return False
    return len(wanted & got) / len(wanted | got) >= 0.8 or _letters(want) in _letters(read)


def same_person(want: str, read) -> bool:
    needed = [t for t in _tokens(want) if t not in STOPWORDS]
    present = set(_tokens(read))
    return bool(needed) and all(t in present for t in needed)


def same_beneficiary(want, read) -> bool:
    wanted, got = _significant(want), _significant(read)
    if not wanted or not got:
        return False
    if _letters(want) in _letters(read) or _letters(read) in _letters(want):
        return True
    return len(wanted & got) / min(len(wanted), len(got)) >= 0.5


def _match(delib: ExpectedDeliberation, candidates: list[dict]) -> dict | None:
    """The record with the expected number; among several, the one read from the same file."""
    same_file = [c for c in candidates if PurePath(str(c.get("file") or c.get("source") or "")).name == delib.file]
    return (same_file or candidates)[0] if candidates else None


def _score_grants(delib: ExpectedDeliberation, record: dict | None, tallies) -> list[dict]:
    read = []
    for amount in (record or {}).get("amounts") or []:
        if ascii_fold(amount.get("role")) != "grant":
            continue
        try:
            value = float(amount.get("amount"))
        except (TypeError, ValueError):
            value = None  # matches nothing: a false positive
        read.append((value, amount.get("beneficiary"), amount.get("page")))
    missed, spurious = _pair(delib.grants, read, lambda e, r: r[0] is not None and round(r[0], 2) == round(e.amount, 2))
    missed_b, spurious_b = _pair(delib.grants, read, lambda e, r: r[0] is not None and abs(r[0] - e.amount) < 0.005
                                 and same_beneficiary(e.beneficiary, r[1]))
    for tally in tallies:
        g = tally.grants
        g["tp"] += len(delib.grants) - len(missed)
        g["fn"] += len(missed)
        g["fp"] += len(spurious)
        g["tpb"] += len(delib.grants) - len(missed_b)
        g["fnb"] += len(missed_b)
        g["fpb"] += len(spurious_b)
    misses = [_miss(delib, "grant", _grant(e.amount, e.beneficiary), None, e.page) for e in missed]
    misses += [_miss(delib, "grant", None, _grant(r[0], r[1]), r[2]) for r in spurious]
    for e in missed_b:
        if e not in missed:
            names = [r[1] for r in read if r[0] is not None and abs(r[0] - e.amount) < 0.005]
            misses.append(_miss(delib, "grant_beneficiary", e.beneficiary, names, e.page))
    return misses


def _pair(expected, read, same) -> tuple[list, list]:
    """Each read grant takes the first expected one it matches that no other took.
    Out: (expected ones left unmatched, read ones that matched none)."""
    left, spurious = list(expected), []
    for r in read:
        hit = next((e for e in left if same(e, r)), None)
        if hit is None:
            spurious.append(r)
        else:
            left.remove(hit)
    return left, spurious


def _expected(name: str, delib: ExpectedDeliberation):
    return delib.number if name == "number" else delib.vote_result if name == "vote" else delib.values[name]


def _read(name: str, record: dict | None):
    if record is None:
        return None
    return vote_result(record.get("vote")) if name == "vote" else record.get(name)


def _miss(delib: ExpectedDeliberation, name: str, expected, read, page: int | None = None) -> dict:
    return {"file": delib.file, "page": page or delib.page, "number": delib.number, "field": name,
            "expected": expected, "read": read}


def _grant(amount, beneficiary) -> dict:
    return {"amount": amount, "beneficiary": beneficiary}


def _tokens(text) -> list[str]:
    return re.findall(r"[a-z0-9]+", ascii_fold(text))


def _significant(text) -> set[str]:
    return {t for t in _tokens(text) if t not in STOPWORDS}


def _letters(text) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
