"""The index's own vocabulary of names, kept current at ingest: what a question is read against.

In: deliberations (at ingest, `rows` gives the people and beneficiaries each one names) and,
for reading, the index's `gazetteer` table and the deliberations' columns (collectivité,
instance, number, file). Out: `Gazetteer`, the names in memory with the deliberations that
carry them, and `Gazetteer.mentions(text)`: every known name found in a text (accent- and
case-blind, a typo tolerated in long words), with its span.

Kinds of names (their forms: index.name_forms): a collectivité under each of its printed and
short forms ("Val-Morence Métropole", "val morence", "VMM", "Preuilly"), the kind of body that deliberates
("commune", "metropole", "departement"…, from the collectivité's name or else from the
instance), instances (full name, initials such as "CP", head word "bureau"), people with the
role they held (president, secretaire, rapporteur, membre), beneficiaries under their ledger
key and aliases, deliberation numbers (one loose form of every printing: "2022.00159",
"2022-159"), and the words of the source file's name (a fallback for records that print no
collectivité).
"""
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from registre.index.name_forms import (
    ASSEMBLY,
    LINKS,
    PERMANENT,
    TOKEN,
    bodies,
    collectivite_forms,
    instance_forms,
    key,
    loose_number,
    person_forms,
    short_forms,
    tokens,
)
from registre.index.schema import generation
from registre.records import Deliberation
from registre.text.fold import fold

NameKind = Literal["collectivite", "body", "instance", "person", "beneficiary", "number", "source"]
TYPO_RATIO = 84  # rapidfuzz ratio for a typed word of five letters or more to stand for a known one
_FILE_NOISE = re.compile(r"^(?:\d+|[a-f0-9]{8,}|pdf|txt|md|cr|pv|cm|cp|cd|bm|dcm|del|delib|deliberations?|"
                         r"reunion|seance|conseil|municipal|bureau|extrait|registre|liste|compte|rendu)$")


@dataclass(frozen=True, slots=True)
class Known:
    """A name the index knows: its kind, how it is printed, its key (folded words), the role
    it was held in (people; "decision" for a beneficiary of a grant decision) and the
    deliberations that carry it."""

    kind: NameKind
    name: str
    key: str
    role: str | None
    ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class Mention:
    """Known names found in a text: all those sharing one key, the words typed (`text`, at
    `start`…`end` of the text) and whether every word was typed as the index has it."""

    kind: NameKind
    key: str
    known: tuple[Known, ...]
    text: str
    start: int
    end: int
    exact: bool

    @property
    def ids(self) -> frozenset[int]:
        return frozenset().union(*(k.ids for k in self.known))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k.name for k in self.known))


def rows(delib: Deliberation) -> list[tuple[NameKind, str, str, str | None]]:
    """(kind, name as printed, key, role) of the names a deliberation's record carries beyond
    its columns: people and beneficiaries (written at ingest). Pure."""
    out: list[tuple[NameKind, str, str, str | None]] = []
    for role in ("president", "secretaire", "rapporteur"):
        name = getattr(delib, role)
        if name:
            out += [("person", name, form, role) for form in person_forms(name)]
    for name in dict.fromkeys((*delib.present_members, *delib.absent_members, *(p for pair in delib.proxies for p in pair))):
        out += [("person", name, form, "membre") for form in person_forms(name)]
    for amount in delib.amounts:
        if amount.beneficiary_key:
            held = "decision" if amount.is_decision else None
            printed = amount.beneficiary or amount.beneficiary_key
            out += [("beneficiary", printed, form, held) for form in (amount.beneficiary_key, *amount.beneficiary_aliases)]
    return list(dict.fromkeys((kind, name, form, role) for kind, name, form, role in out if form))


# The rule the stored rows were made by: bump it when `rows` changes, and every index rebuilds
# its gazetteer table on open (an index written before the table gets its names then).
RULE = "1"
INSERT = "INSERT INTO gazetteer (deliberation_id, kind, name, key, role) VALUES (?,?,?,?,?)"


def rebuild(conn: sqlite3.Connection, load: Callable[[int], Deliberation]) -> None:
    """Write the names of every indexed deliberation again (`load(id)` rebuilds one), then the
    rule they were made by; inside the caller's transaction."""
    conn.execute("DELETE FROM gazetteer")
    for (delib_id,) in conn.execute("SELECT id FROM deliberations WHERE duplicate_of IS NULL ORDER BY id").fetchall():
        conn.executemany(INSERT, [(delib_id, *row) for row in rows(load(delib_id))])
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('gazetteer_rule', ?)", (RULE,))


def column_rows(collectivite: str | None, instance: str | None, number: str | None,
                source: str) -> list[tuple[NameKind, str, str, str | None]]:
    """The names a deliberation's columns give (read when the gazetteer loads, so a collectivité
    deduced after ingest counts): its collectivité, kind of body, instance, number, and, when it
    prints no collectivité, the words of its file's name."""
    out: list[tuple[NameKind, str, str, str | None]] = []
    if collectivite:
        out += [("collectivite", collectivite, form, None) for form in collectivite_forms(collectivite)]
        out += [("collectivite", collectivite, form, "short") for form in short_forms(collectivite)]
    out += [("body", body, body, None) for body in bodies(collectivite, instance)]
    if instance:
        out += [("instance", instance, form, role) for form, role in instance_forms(instance)]
    if number:
        out.append(("number", number, loose_number(number), None))
    if not collectivite:
        words = [w for w in tokens(source.rsplit(".", 1)[0].replace("_", " ")) if not _FILE_NOISE.match(w)]
        if words:
            out.append(("source", source, " ".join(words), None))
    return [row for row in out if row[2]]


class Gazetteer:
    """The names of an index in memory, reloaded when the index changes. An index written
    before the `gazetteer` table existed is read from its records."""

    def __init__(self, conn: sqlite3.Connection, records: Callable[[], Iterator[tuple[int, Deliberation]]]):
        self.conn = conn
        self._records = records
        self._stamp: tuple | None = None
        self.known: dict[tuple[NameKind, str], tuple[Known, ...]] = {}
        self._first: dict[str, list[tuple[str, ...]]] = {}
        self._by_initial: dict[str, list[str]] = {}
        self._keys: dict[tuple[str, ...], list[NameKind]] = {}

    def refresh(self) -> "Gazetteer":
        stamp = generation(self.conn)
        if stamp != self._stamp:
            self._load(self._rows())
            self._stamp = stamp
        return self

    def _rows(self) -> Iterable[tuple[NameKind, str, str, str | None, int]]:
        found: list[tuple[NameKind, str, str, str | None, int]] = []
        for collectivite, instance, number, source, ids in self.conn.execute(
                "SELECT collectivite, instance, number, source, group_concat(id) FROM deliberations"
                " WHERE duplicate_of IS NULL GROUP BY collectivite, instance, number, source"):
            named = column_rows(collectivite, instance, number, source)
            found += [(*row, int(i)) for i in ids.split(",") for row in named]
        stored = self.conn.execute(
            "SELECT g.kind, g.name, g.key, g.role, g.deliberation_id FROM gazetteer g"
            " JOIN deliberations d ON d.id = g.deliberation_id WHERE d.duplicate_of IS NULL").fetchall()
        if stored or not found:
            return found + [(row[0], row[1], row[2], row[3], row[4]) for row in stored]
        return found + [(*row, delib_id) for delib_id, delib in self._records() for row in rows(delib)]

    def _load(self, found: Iterable[tuple[NameKind, str, str, str | None, int]]) -> None:
        grouped: dict[tuple[NameKind, str, str, str | None], set[int]] = {}
        for kind, name, form, role, delib_id in found:
            grouped.setdefault((kind, name, form, role), set()).add(delib_id)
        known: dict[tuple[NameKind, str], list[Known]] = {}
        for (kind, name, form, role), ids in grouped.items():
            known.setdefault((kind, form), []).append(Known(kind, name, form, role, frozenset(ids)))
        self.known = {k: tuple(v) for k, v in known.items()}
        self._keys = {}
        for kind, form in self.known:
            if kind != "number":  # numbers are read by their grammar, not word by word
                self._keys.setdefault(tuple(form.split()), []).append(kind)
        self._first = {}
        for words in self._keys:
            self._first.setdefault(words[0], []).append(words)
        self._by_initial = {}
        for first in self._first:
            self._by_initial.setdefault(first[0], []).append(first)

    def of_kind(self, kind: NameKind) -> dict[str, tuple[Known, ...]]:
        return {form: found for (k, form), found in self.known.items() if k == kind}

    def covered(self, m: Mention) -> frozenset[int]:
        """The deliberations a filter allows: a département's or région's council named generically
        ("le CD", "le conseil départemental") also covers its commission permanente, which
        deliberates by its delegation."""
        if m.kind != "instance" or not ASSEMBLY.fullmatch(m.key) and not any(
                ASSEMBLY.fullmatch(k.key) or ASSEMBLY.fullmatch(key(k.name)) for k in m.known):
            return m.ids
        delegated = [k.ids for (kind, form), found in self.known.items() if kind == "instance"
                     and PERMANENT.fullmatch(form) for k in found]
        return m.ids.union(*delegated)

    def number(self, printed: str) -> tuple[Known, ...]:
        """The deliberations printed with this number, in any of its printings."""
        return self.known.get(("number", loose_number(printed)), ())

    def mentions(self, text: str) -> list[Mention]:
        """Every known name found in `text` (all kinds, overlapping ones included), longest first."""
        folded, where = fold_map(text)
        found_tokens = [(m[0], m.start(), m.end()) for m in TOKEN.finditer(folded)]
        words = [t for t, _, _ in found_tokens]
        out = []
        for i, word in enumerate(words):
            for first in self._firsts(word):
                for name in self._first[first]:
                    matched = match_words(name, words, i)
                    if matched is None:
                        continue
                    end, exact = matched
                    start, stop = where[found_tokens[i][1]], where[found_tokens[end - 1][2] - 1] + 1
                    for kind in self._keys[name]:
                        form = " ".join(name)
                        out.append(Mention(kind, form, self.known[(kind, form)], text[start:stop], start, stop, exact))
        return sorted(out, key=lambda m: (-(m.end - m.start), not m.exact, m.start))

    def _firsts(self, word: str) -> list[str]:
        found = [word] if word in self._first else []
        if len(word) >= 5:
            found += [w for w in self._by_initial.get(word[0], ()) if w != word and similar(word, w)]
        return found


def match_words(name: tuple[str, ...], words: list[str], at: int) -> tuple[int, bool] | None:
    """Where a name's words end when they are typed from `words[at]` on, and whether each
    was typed as printed; link words ("de", "la"…) may be left out or added on either side."""
    j, exact = at, True
    for wanted in name:
        while j < len(words) and words[j] in LINKS and words[j] != wanted:
            j += 1
        if j >= len(words):
            if wanted in LINKS:
                continue
            return None
        if words[j] == wanted:
            j += 1
        elif similar(words[j], wanted):
            exact, j = False, j + 1
        elif wanted in LINKS:
            continue
        else:
            return None
    return (j, exact) if j > at else None


@lru_cache(maxsize=65536)
def similar(typed: str, known: str) -> bool:
    """A typed word stands for a known one: the same, a plural of it, or (five letters or
    more, no figures) a typo away."""
    if typed == known or typed in (known + "s", known + "x") or known in (typed + "s", typed + "x"):
        return True
    if min(len(typed), len(known)) < 5 or not typed.isalpha() or not known.isalpha():
        return False
    return fuzz.ratio(typed, known) >= TYPO_RATIO


def fold_map(text: str) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the offset in `text` it comes from."""
    out, where = [], []
    for offset, char in enumerate(text):
        folded = fold(char)
        out.append(folded)
        where += [offset] * len(folded)
    return "".join(out), where
