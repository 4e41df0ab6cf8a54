"""The collectivité of acts that never print its name, deduced from the rest of the index.

In: a `Store`. Out: deliberations whose collectivité is unknown get one, with the flag
`collectivité déduite` and, as evidence, the line of the act the deduction rests on:
1. an act transmitted under the same SIREN (ACTES identifier) as an act whose collectivité
   is known, or presided by the same person over the same kind of instance, is that
   collectivité's;
2. a département's or région's act (Commission permanente, Conseil départemental, Conseil
   régional) that still has none gets the one département or région named somewhere in the
   index whose own name words its document keeps using — a département's acts name its
   places ("Vallières-Nord", "Lavaur-la-Vallière" for the Département de la Haute-Vallière);
   a commune is never deduced this way, its acts name neighbouring communes as often as its own;
3. then 1 again, from the acts 2 settled.
Nothing is deduced when no name, or more than one, is clearly supported. Run after each
ingest: a name printed in a file ingested later can settle earlier acts.
"""
import dataclasses
import re
from collections import Counter
from typing import NamedTuple

from registre.index import codec
from registre.index.store import Store
from registre.records import Deliberation, Evidence
from registre.text.fold import fold

FLAG = "collectivité déduite"
_KINDS = {"Département": r"commission\s+permanente|conseil\s+d[ée]partemental",
          "Région": r"conseil\s+r[ée]gional"}
_NAMED = re.compile(
    r"\b(?P<kind>D[ée]partement|R[ée]gion)\s+(?P<of>de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')"
    r"(?P<name>[A-ZÀ-Ý][\w'-]*(?:[ -](?:et[ -])?[A-ZÀ-Ý][\w'-]*)*)")
# Words of a name that say where, not which: "Haute-Vallière" is known by "Vallière".
_GENERIC = {"de", "la", "le", "les", "du", "des", "et", "sur", "en", "haute", "haut", "basse", "bas",
            "nord", "sud", "est", "ouest", "grand", "petit", "pays", "departement", "region"}
MIN_USES = 3  # a place word met once or twice may be a neighbour's


class _Act(NamedTuple):
    id: int
    document: int
    delib: Deliberation

    @property
    def known(self) -> bool:
        return self.delib.collectivite is not None and FLAG not in self.delib.flags


def settle_authors(store: Store) -> int:
    """Deduce the collectivité of acts that do not print it; returns how many were settled."""
    with store.lock:
        acts = [_Act(row["id"], row["document_id"], store.deliberation(row["id"])) for row in store.conn.execute(
            "SELECT id, document_id FROM deliberations WHERE duplicate_of IS NULL ORDER BY id")]
        open_acts = [a for a in acts if not a.known]
        if not open_acts:
            return 0
        settled: dict[int, tuple[str, Evidence]] = {}
        _by_links([a for a in acts if a.known], open_acts, settled)
        _by_places(store, acts, [a for a in open_acts if a.id not in settled], settled)
        deduced = [a._replace(delib=dataclasses.replace(a.delib, collectivite=settled[a.id][0]))
                   for a in open_acts if a.id in settled]
        _by_links(deduced, [a for a in open_acts if a.id not in settled], settled)
        store.conn.execute("BEGIN IMMEDIATE")
        try:
            for act in open_acts:
                _write(store, act, *settled.get(act.id, (None, None)))
            store.conn.execute("COMMIT")
        except BaseException:
            store.conn.execute("ROLLBACK")
            raise
        return len(settled)


def _by_links(known: list[_Act], open_acts: list[_Act], settled: dict[int, tuple[str, Evidence]]) -> None:
    """Same SIREN, or same président of the same kind of instance, as an act whose collectivité
    is known: that collectivité, with the act's own SIREN or président line as evidence."""
    by_siren: dict[str, str] = {}
    by_president: dict[tuple[str | None, str], str] = {}
    for a in known:
        name = a.delib.collectivite
        if name and a.delib.siren:
            by_siren[a.delib.siren] = name
        if name and a.delib.president and _kind(a.delib):
            by_president[(_kind(a.delib), fold(a.delib.president))] = name
    for act in open_acts:
        siren, president, kind = act.delib.siren, act.delib.president, _kind(act.delib)
        if siren and by_siren.get(siren):
            settled[act.id] = (by_siren[siren], _evidence_of(act.delib, "siren"))
        elif president and kind and by_president.get((kind, fold(president))):
            settled[act.id] = (by_president[(kind, fold(president))], _evidence_of(act.delib, "president"))


def _by_places(store: Store, acts: list[_Act], open_acts: list[_Act], settled: dict[int, tuple[str, Evidence]]) -> None:
    targets = [a for a in open_acts if _kind(a.delib) in _KINDS]
    if not targets:
        return
    names = _names_in_index(store)
    words_of: dict[int, Counter] = {}
    for act in acts:
        words_of.setdefault(act.document, Counter()).update(fold(w) for w in re.findall(r"[\w'-]+", act.delib.text))
    for act in targets:
        candidates = [n for n in names if n.startswith(_kind(act.delib) or "?")]
        ranked = sorted(((_uses(n, words_of[act.document]), n) for n in candidates), reverse=True)
        if not ranked or ranked[0][0] < MIN_USES or (len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]):
            continue
        line = _supporting_line(act.delib, ranked[0][1])
        if line is not None:
            settled[act.id] = (ranked[0][1], line)


def _kind(delib: Deliberation) -> str | None:
    """The kind of collectivité an instance belongs to, when it tells: a département's, a
    région's; else the instance itself (a commune's conseil municipal, a métropole's bureau)."""
    if not delib.instance:
        return None
    return next((kind for kind, pattern in _KINDS.items() if re.search(pattern, delib.instance, re.I)),
                delib.instance)


def _names_in_index(store: Store) -> list[str]:
    """Every département and région named in the index: as a record's collectivité, or
    printed in a text ("le Département de la Haute-Vallière")."""
    found = {row[0] for row in store.conn.execute(
        "SELECT DISTINCT collectivite FROM deliberations WHERE collectivite LIKE 'D_partement %'"
        " OR collectivite LIKE 'R_gion %'")}
    for (text,) in store.conn.execute(
            "SELECT text FROM sections WHERE text LIKE '%partement %' OR text LIKE '%gion %'"):
        for m in _NAMED.finditer(text):
            kind = "Département" if m["kind"].lower().startswith("d") else "Région"
            found.add(_written(kind, m["of"], m["name"]))
    return sorted(found)


def _written(kind: str, of: str, name: str) -> str:
    """"Département" + "de la⏎" + "Haute-Vallière" → "Département de la Haute-Vallière"."""
    joined = " ".join(of.split())
    glue = "" if joined.endswith("'") else " "
    return f"{kind} {joined}{glue}{name}"


def _stems(name: str) -> list[str]:
    """The words that tell this collectivité from another: "Haute-Vallière" → ["vallier"]."""
    own = [w for w in re.split(r"[^a-z]+", fold(name)) if len(w) > 2 and w not in _GENERIC]
    return [w[:-1] if len(w) > 5 else w for w in own]


def _uses(name: str, words: Counter) -> int:
    """How often a document uses the name's own words, plural and compound forms included."""
    stems = _stems(name)
    return sum(count for word, count in words.items()
               for part in re.split(r"[-']", word) for stem in stems if part.startswith(stem))


def _supporting_line(delib: Deliberation, name: str) -> Evidence | None:
    """The first line of the act that uses the name's own words; None when only other items
    of its document do (a link to one of them may settle it then)."""
    stems = _stems(name)
    for m in re.finditer(r"[^\n]+", delib.text):
        if any(stem in fold(m[0]) for stem in stems):
            return Evidence(delib.page_at(m.start()), m.start(), m.end(), " ".join(m[0].split()))
    return None


def _evidence_of(delib: Deliberation, field: str) -> Evidence:
    return delib.evidence_for(field) or Evidence(delib.first_page, 0, 0, "")


def _write(store: Store, act: _Act, name: str | None, evidence: Evidence | None) -> None:
    """The act with its deduced collectivité (or, when nothing supports one any more, none)."""
    delib = act.delib
    flags = tuple(f for f in delib.flags if f != FLAG) + ((FLAG,) if name else ())
    kept = tuple((field, found) for field, found in delib.evidence if field != "collectivite")
    updated = dataclasses.replace(delib, collectivite=name, flags=flags,
                                  evidence=(*kept, ("collectivite", evidence)) if name and evidence else kept)
    if updated != delib:
        store.conn.execute("UPDATE deliberations SET collectivite = ?, record = ? WHERE id = ?",
                           (name, codec.record_json(updated), act.id))
