"""Read a deliberation's metadata from its sections, each value with its evidence.

In: a `Deliberation` with sections, and the first deliberation of its document (`seance`),
whose preamble states once what all items share. Out: the same record with title, séance
date, instance, collectivité, president, secretary, rapporteur, counts, vote, ACTES id,
préfecture / affichage / convocation dates and attendance lists filled in, and `evidence`
telling for each value the page, span and words it was read from. Unknown values stay None.
Pure.

An item's own printed value always wins; a séance fact it does not print is inherited from
the séance with its evidence, whose offsets are then relative to this item's text (negative:
the preamble lies before it). A departure printed in an item's own text ("quitte la salle
et ne prend pas part au vote") changes the counts it inherits.
"""
import dataclasses
import re

from registre.ingest import counts
from registre.ingest import patterns as p
from registre.ingest import seance as s
from registre.ingest.attendance import read_attendance
from registre.ingest.collectivite import read_collectivite
from registre.ingest.evidence import Block, Found, blocks, evidence, shifted
from registre.ingest.titles import read_title
from registre.ingest.votes import read_part_votes, read_vote
from registre.records import Deliberation, Evidence, PartVote, Vote
from registre.text.french import find_dates

# What a séance preamble states once for all the deliberations that follow it.
SEANCE_FIELDS = (
    "date", "instance", "collectivite", "president", "secretaire", "convocation_date",
    "membres_en_exercice", "presents", "pouvoirs", "votants", "absents", "present_members",
    "absent_members", "proxies", "siren",
)
ACTES_ID = re.compile(r"\b(?:\d{2}_[A-Z]{2}-)?\d{3}-(?P<siren>\d{9})-(?P<date>\d{8})-[A-Z0-9_]+(?:-[A-Z]{2})?\b")
_SEANCE_BLOCK = ("header", "attendance", "furniture")
_DECISION = ("dispositif", "vote", "signature", "other")
_ALL = ("header", "attendance", "expose", "dispositif", "vote", "signature", "annex", "furniture", "other")
_AFFICHAGE = re.compile(r"DATE D'AFFICHAGE\s*:?|Affich[ée]e?\s+le\s*:?|Date de mise en ligne\s*:?", re.I)


def read_metadata(delib: Deliberation, seance: Deliberation | None = None) -> Deliberation:
    """Fill metadata from the text; fields still unknown are taken from `seance` (the
    preamble of a multi-deliberation register) when given."""
    zone = blocks(delib, _SEANCE_BLOCK)
    closing = _closing(delib)  # "Questions diverses" follow the last item: they decide nothing of it
    own = blocks(delib, _ALL, since=delib.heading, until=closing)
    decision = blocks(delib, _DECISION, since=delib.heading, until=closing)
    whole = [Block(0, delib.text)]
    top = [_top(delib)] if delib.start == 0 else []  # the first item holds the document's top
    candidates: dict[str, Found | None] = dict(
        title=read_title(delib),
        date=s.read_date(zone, top) or _actes_date(delib),
        convocation_date=s.read_convocation(zone),
        instance=s.read_instance(zone, skip=delib.title or "") or s.read_deciding_body(own),
        collectivite=read_collectivite(whole, zone, top),
        president=s.read_president(zone),
        secretaire=s.read_secretaire(zone),
        rapporteur=s.read_rapporteur(zone),
        vote=read_vote(decision, own),
        affichage_date=_date_after(delib, _AFFICHAGE),
        actes_id=_actes(delib),
        **counts.read_counts(zone),
    )
    read: dict[str, Found] = {name: value for name, value in candidates.items() if value is not None}
    number = _number(delib) if delib.number else None
    if number:
        read["number"] = number
    fields = {name: value.value for name, value in read.items()}
    fields["vote"] = fields.get("vote") or Vote()
    actes = ACTES_ID.match(fields["actes_id"]) if "actes_id" in read else None
    if actes:
        fields["siren"], read["siren"] = actes["siren"], read["actes_id"]
    prefecture = _prefecture_date(delib)
    if prefecture:
        fields["prefecture_date"], read["prefecture_date"] = prefecture.value, prefecture
    attendance = read_attendance(zone)
    fields.update(present_members=attendance.present, absent_members=attendance.absent, proxies=attendance.proxies)
    read.update(attendance.lists)
    _count_lists(delib, fields, read)
    found = {name: evidence(delib, value) for name, value in read.items()}
    if seance is not None:
        _inherit(delib, seance, fields, found)
    _apply_departures(delib, fields, found, own)
    if fields.get("president") is None:
        signed = s.read_signatory(blocks(delib, _DECISION + ("expose",), since=delib.heading))
        if signed:
            fields["president"], found["president"] = signed.value, evidence(delib, signed)
    fields["part_votes"] = tuple(PartVote(subject, vote.value, evidence(delib, vote))
                                 for subject, vote in read_part_votes(decision, own, delib.text, delib.heading))
    names = {f.name for f in dataclasses.fields(Deliberation)}
    values = {name: value for name, value in fields.items() if name in names and name != "number"}
    return dataclasses.replace(delib, **values, evidence=tuple(sorted(found.items())))


def _count_lists(delib: Deliberation, fields: dict, read: dict[str, Found]) -> None:
    """Counts no line prints, counted in the lists that name the members (flagged so)."""
    flags = list(delib.flags)
    for count, listed in (("presents", "present_members"), ("pouvoirs", "proxies")):
        if count not in read and listed in read and fields[listed]:
            fields[count], read[count] = len(fields[listed]), read[listed]
            flags.append(_COUNTED_FLAGS[count])
    fields["flags"] = tuple(dict.fromkeys(flags))


_COUNTED_FLAGS = {"presents": "présents comptés dans la liste", "pouvoirs": "pouvoirs comptés dans la liste"}


def _inherit(delib: Deliberation, seance: Deliberation, fields: dict, found: dict[str, Evidence]) -> None:
    """Séance facts this item does not print, with the séance's evidence (and the flag of a
    count counted in a list)."""
    shift = delib.start - seance.start
    for name in SEANCE_FIELDS:
        if fields.get(name) in (None, ()):
            fields[name] = getattr(seance, name)
            inherited = seance.evidence_for(name)
            if inherited is not None and fields[name] not in (None, ()):
                found[name] = shifted(inherited, shift)
            if _COUNTED_FLAGS.get(name) in seance.flags:
                fields["flags"] = tuple(dict.fromkeys((*fields["flags"], _COUNTED_FLAGS[name])))


def _apply_departures(delib: Deliberation, fields: dict, found: dict[str, Evidence], own: list[Block]) -> None:
    """Counts of the séance, less the members this item's own text says left the room or did
    not vote."""
    if any(found.get(name) and found[name].start >= delib.heading for name in ("presents", "votants")):
        return  # the item prints its own counts: they already tell
    gone = counts.read_departures(own)
    if gone.leaving and fields.get("presents") is not None:
        fields["presents"] -= len(gone.leaving)
        found["presents"] = evidence(delib, gone.leaving[0])
    if (gone.leaving or gone.not_voting) and fields.get("votants") is not None:
        fields["votants"] -= len(gone.leaving) + len(gone.not_voting)
        found["votants"] = evidence(delib, (gone.leaving + gone.not_voting)[0])


def _top(delib: Deliberation) -> Block:
    """The first lines of the document: its letterhead and the title of its séance."""
    lines = [line for line in p.lines(delib.text) if line.text.strip()][:s.TOP_LINES]
    return Block(0, delib.text[:lines[-1].end] if lines else "")


def _number(delib: Deliberation) -> Found | None:
    """The line that prints the item's number, from its heading on."""
    digits = [c for c in delib.number or "" if c.isalnum()]
    pattern = re.compile(r"[\s._/-]*".join(re.escape(c) for c in digits))
    m = pattern.search(delib.text, delib.heading) or pattern.search(delib.text)
    if m is None or not digits:
        return None
    first = delib.text.rfind("\n", 0, m.start()) + 1
    last = delib.text.find("\n", m.end())
    return Found(delib.number, first, len(delib.text) if last < 0 else last)


def _actes(delib: Deliberation) -> Found | None:
    m = ACTES_ID.search(delib.text)
    return Found(m[0], m.start(), m.end()) if m else None


def _closing(delib: Deliberation) -> int:
    """Where the séance's closing part ("Questions diverses", "La séance est levée") starts in
    the item's own text (at its heading for the questions diverses themselves, which decide
    nothing); the end of its text when it has none."""
    for line in p.lines(delib.text):
        if line.start >= delib.heading and p.CLOSING.match(line.text):
            return line.start
    return len(delib.text)


def _actes_date(delib: Deliberation) -> Found | None:
    m = ACTES_ID.search(delib.text)
    day = s.actes_date(m["date"]) if m else None
    return Found(day, m.start(), m.end()) if m and day else None


def _date_after(delib: Deliberation, label: re.Pattern) -> Found | None:
    m = label.search(delib.text)
    if not m:
        return None
    line_end = delib.text.find("\n", m.end())
    rest = delib.text[m.end(): m.end() + 60 if line_end < 0 else min(line_end, m.end() + 60)].strip()
    compact = re.match(r"(\d{8})\b", rest)
    day = s.actes_date(compact[1]) if compact else (find_dates(rest)[0][0] if find_dates(rest) else None)
    if day is None:
        return None
    return Found(day, m.start(), m.end() + len(delib.text[m.end():].split("\n", 1)[0]))


def _prefecture_date(delib: Deliberation) -> Found | None:
    """The date of a préfecture stamp (not its posting date)."""
    stamps = blocks(delib, ("furniture",))
    if not re.search(r"pr[ée]fecture|l[ée]galit[ée]|DOTELEC|iXBus|\bACTES\b", "".join(b.text for b in stamps), re.I):
        return None
    for block in stamps:
        for line in p.lines(block.text):
            if re.search(r"AFFICHAGE|mise en ligne|Affich", line.text, re.I):
                continue
            dates = find_dates(line.text)
            if dates:
                return Found(dates[0][0], block.start + line.start, block.start + line.start + len(line.text))
    return None
