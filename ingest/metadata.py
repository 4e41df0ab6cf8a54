"""Read a deliberation's metadata from its sections.

In: a `Deliberation` with sections. Out: the same record with number-independent
metadata filled in: title, séance date, instance, collectivité, president, secretary,
rapporteur, counts, vote, ACTES id, préfecture / affichage / convocation dates and the
attendance lists. Unknown values stay None. Pure.
"""
import dataclasses
import datetime as dt
import re
from collections import Counter

from registre.ingest import patterns as p
from registre.ingest.french import find_dates, parse_date
from registre.ingest.people import attendance_lists, clean_name
from registre.records import Deliberation, Vote

INSTANCES = (
    ("Bureau métropolitain", r"bureau\s+m[ée]tropolitain"),
    ("Conseil métropolitain", r"conseil\s+(?:de\s+la\s+)?m[ée]tropol"),
    ("Commission permanente", r"commission\s+permanente"),
    ("Conseil municipal", r"conseil\s+municipal"),
    ("Conseil communautaire", r"conseil\s+communautaire"),
    ("Bureau communautaire", r"bureau\s+communautaire"),
    ("Conseil départemental", r"conseil\s+d[ée]partemental"),
    ("Conseil régional", r"conseil\s+r[ée]gional"),
    ("Comité syndical", r"comit[ée]\s+syndical"),
    ("Conseil d'administration", r"conseil\s+d'administration"),
)
_COLLECTIVITE = re.compile(
    r"\b(?:(?P<a>(?:[A-Z][\w]*[-' ]?){1,4}\s+M[ée]tropole)\b|"
    r"(?P<b>M[ée]tropole\s+(?:de\s+|d'|du\s+)[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)|"
    r"(?P<c>(?:Ville|Commune)\s+(?:de\s+|d'|du\s+)[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*)*)|"
    r"(?P<d>D[ée]partement\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)[A-Z][\w'-]*(?:[ -][\w'-]+)?)|"
    r"(?P<e>R[ée]gion\s+[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*)*)|"
    r"(?P<f>Communaut[ée]\s+(?:de\s+communes|d'agglom[ée]ration|urbaine)\s+(?:de\s+|d'|du\s+)?[A-Z][\w'-]*(?:[ -][A-Z][\w'-]*)*)|"
    r"(?P<upper>(?:(?:VILLE|COMMUNE|D[ÉE]PARTEMENT)\s+(?:DE\s+LA\s+|DE\s+L'|DES\s+|DE\s+|D'|DU\s+)|"
    r"R[ÉE]GION\s+)[A-ZÀ-Ý][A-ZÀ-Ý'-]*(?:[ -][A-ZÀ-Ý][A-ZÀ-Ý'-]*)*))"
)
_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "d", "l", "sur", "en", "et", "au", "aux"}
_NOT_COLLECTIVITE = re.compile(r"^(?:La|Le|Les|De|Du|Des|Une|Un|Cette|Sa|Son|Par|En|Et)\s", re.I)
# What a séance preamble states once for all the deliberations that follow it.
SEANCE_FIELDS = (
    "date", "instance", "collectivite", "president", "secretaire", "convocation_date",
    "membres_en_exercice", "presents", "pouvoirs", "votants", "present_members",
    "absent_members", "proxies", "siren",
)
ACTES_ID = re.compile(r"\b(?:\d{2}_[A-Z]{2}-)?\d{3}-(?P<siren>\d{9})-(?P<date>\d{8})-[A-Z0-9_]+(?:-[A-Z]{2})?\b")
_COUNTS = {
    "membres_en_exercice": r"en\s+exercice\s*:?\s*(\d+)",
    "presents": r"pr[ée]sents?\s*:\s*(\d+)",
    "pouvoirs": r"(?:pouvoirs?|procurations?)\s*:\s*(\d+)",
    "votants": r"(?:votants?|voix|suffrages\s+exprim[ée]s)\s*:\s*(\d+)",
}


def read_metadata(delib: Deliberation, seance: Deliberation | None = None) -> Deliberation:
    """Fill metadata from the text; fields still unknown are taken from `seance` (the
    preamble of a multi-deliberation register) when given."""
    head = _text_of(delib, "header", "attendance", "furniture")
    text = delib.text
    # Within a séance, a deliberation's body may name other instances or séances ("lors de
    # sa séance du 5 juin 2023"): only its own header speaks for it, else the séance does.
    body = text if seance is None else head
    fields = dict(
        title=_title(delib),
        date=_seance_date(delib, body),
        instance=_instance(head) or _instance(body),
        collectivite=_collectivite(head, body),
        president=_after_label(head, r"Pr[ée]sident(?:e)?\s+de\s+s[ée]ance|^\s*Pr[ée]sident(?:e)?(?=\s*:)|sous\s+la\s+pr[ée]sidence\s+de"),
        secretaire=_after_label(head, r"Secr[ée]taire(?:\s+de\s+s[ée]ance|\s+[ée]lue?)?(?=\s*:)"),
        rapporteur=_after_label(head, r"Rapporteure?(?=\s*:)"),
        vote=_vote(_text_of(delib, "vote") or _text_of(delib, "dispositif", "signature", "other")),
        convocation_date=_date_after(head, r"convoqu[ée]e?s?\s+le|Date de convocation[^:\n]*:"),
        affichage_date=_date_after(text, r"DATE D'AFFICHAGE\s*:?|Affich[ée]e?\s+le\s*:?|Date de mise en ligne\s*:?"),
        prefecture_date=_prefecture_date(delib),
        **_counts(head),
        **_actes(text),
    )
    present, absent, proxies = attendance_lists(_text_of(delib, "attendance"))
    fields.update(present_members=present, absent_members=absent, proxies=proxies)
    if seance is not None:
        for name in SEANCE_FIELDS:
            if fields[name] in (None, ()):
                fields[name] = getattr(seance, name)
    return dataclasses.replace(delib, **fields)


def _text_of(delib: Deliberation, *kinds: str) -> str:
    return "".join(s.text for s in delib.sections if s.kind in kinds)


def _title(delib: Deliberation) -> str | None:
    """The "objet : …" of its own header, else the title its heading line gives."""
    width = p.wrap_width(p.lines(delib.text))
    for section in delib.sections:
        own = section.end > delib.heading
        found = p.OBJET.search(section.text) if section.kind == "header" and own else None
        if found:
            following = section.text[found.end():].split("\n")[1:]
            wrapped = _wrapped_lines(found[0].strip(), following, width)
            return _squash(" ".join([found["title"], *wrapped]))
    if delib.title:
        return delib.title
    head = _text_of(delib, "header")
    all_lines = [line.text.strip() for line in p.lines(head)]
    for index, line in enumerate(all_lines):
        number = p.NUMBER_LINE.search(line)
        if number or (delib.number is None and p.REANNOUNCE.search(line)):
            rest = number["rest"].strip(" -–—:.") if number else ""
            if len(rest) > 3:
                return _squash(rest)
            return _title_lines(all_lines[index + 1:])
    return None


def _wrapped_lines(first: str, following: list[str], width: int) -> list[str]:
    """The lines the "objet : …" line `first` runs on to: up to three, while wrapped."""
    taken, previous = [], first
    for line in following[:3]:
        line = line.strip()
        if not line or re.match(r"^[\w()' -]{1,40}?\s*:(?:\s|$)", line):
            break
        if not p.wraps_on(previous, line, width):
            break
        taken.append(line)
        previous = line
    return taken


def _title_lines(following: list[str]) -> str | None:
    taken: list[str] = []
    for line in following:
        if not line:
            if taken:
                break
            continue
        if p.ATTENDANCE.search(line) or p.NUMBER_LINE.search(line) or len(taken) == 3:
            break
        if taken and p.is_upper(taken[0]) and not p.is_upper(line):
            break  # an upper-case title ends where the running text begins
        taken.append(line)
    return _squash(" ".join(taken)) or None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _seance_date(delib: Deliberation, body: str) -> dt.date | None:
    for line in p.lines(_text_of(delib, "header")):
        if p.SEANCE.search(line.text) or p.REANNOUNCE.search(line.text) or p.EXTRAIT.search(line.text):
            found = parse_date(line.text)
            if found:
                return found
    found = re.search(r"(?:s[ée]ance|r[ée]uni(?:e|s)?)\s+(?:du|le)\s+([^\n]{6,40})", body, re.I)
    if found and parse_date(found[1]):
        return parse_date(found[1])
    actes = ACTES_ID.search(delib.text)
    return _compact_date(actes["date"]) if actes else None


def _compact_date(digits: str) -> dt.date | None:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _instance(text: str) -> str | None:
    found = [(m.start(), label) for label, pattern in INSTANCES
             for m in [re.search(pattern, text, re.IGNORECASE)] if m]
    return min(found)[1] if found else None


def _collectivite(head: str, text: str) -> str | None:
    votes: Counter[str] = Counter()
    for weight, part in ((3, head), (1, text)):
        for m in _COLLECTIVITE.finditer(part):
            name = _squash(m[0]) if not m["upper"] else _title_case(_squash(m[0]))
            if not _NOT_COLLECTIVITE.match(name):
                votes[_accented(name)] += weight
    return votes.most_common(1)[0][0] if votes else None


def _accented(name: str) -> str:
    """The kind of collectivité with its accents, as capitals often drop them."""
    for plain, accented in (("Metropole", "Métropole"), ("Departement", "Département"),
                            ("Region", "Région"), ("Communaute", "Communauté")):
        name = re.sub(rf"\b{plain}\b", accented, name)
    return name


def _title_case(name: str) -> str:
    """'VILLE DE SAINT-MARTIN' → 'Ville de Saint-Martin' (a masthead printed in capitals)."""
    parts = re.split(r"([ '-])", name.lower())
    return "".join(part if index and part in _SMALL_WORDS else part.capitalize()
                   for index, part in enumerate(parts))


def _after_label(text: str, label: str) -> str | None:
    found = re.search(rf"(?:{label})\s*:?[ \t]*(?P<rest>[^\n]*)(?:\n\s*)*(?P<next>[^\n]*)", text, re.I | re.M)
    if not found:
        return None
    value = found["rest"].strip() or found["next"].strip()
    return clean_name(value) if value else None


def _date_after(text: str, label: str) -> dt.date | None:
    found = re.search(rf"(?:{label})\s*([^\n]{{0,60}})", text, re.I)
    if not found:
        return None
    value = found[1].strip()
    compact = re.match(r"(\d{8})\b", value)
    return _compact_date(compact[1]) if compact else parse_date(value)


def _prefecture_date(delib: Deliberation) -> dt.date | None:
    stamps = _text_of(delib, "furniture")
    if not re.search(r"pr[ée]fecture|l[ée]galit[ée]|DOTELEC|iXBus|\bACTES\b", stamps, re.I):
        return None
    lines = [line.text for line in p.lines(stamps)
             if not re.search(r"AFFICHAGE|mise en ligne|Affich", line.text, re.I)]
    dates = find_dates("\n".join(lines))
    return dates[0][0] if dates else None


def _counts(text: str) -> dict[str, int | None]:
    out = {}
    for name, pattern in _COUNTS.items():
        found = re.search(pattern, text, re.I)
        out[name] = int(found[1]) if found else None
    return out


def _actes(text: str) -> dict[str, str | None]:
    found = ACTES_ID.search(text)
    return {"actes_id": found[0] if found else None, "siren": found["siren"] if found else None}


def _vote(text: str) -> Vote:
    if not text.strip():
        return Vote()
    low = text.lower()

    def count(pattern: str) -> int | None:
        found = re.search(pattern, low)
        return int(next(group for group in found.groups() if group)) if found else None

    pour = count(r"pour\s*:\s*(\d+)|(\d+)\s+voix\s+pour")
    contre = count(r"contre\s*:\s*(\d+)|(\d+)\s+(?:voix\s+)?contre")
    if p.WITHDRAWN.search(text):
        result = "withdrawn"
    elif re.search(r"(?:est|a\s+[ée]t[ée]|sont|ont\s+[ée]t[ée])\s+rejet|^\s*rejet|"
                   r"n'(?:est|a)\s+pas\s+(?:[ée]t[ée]\s+)?adopt|\bnon\s+adopt", low, re.M):
        result = "rejected"
    elif re.search(r"adopt|unanimit", low):
        result = "adopted"
    elif pour is not None:  # only the tally is printed: the majority decides
        result = "adopted" if pour > (contre or 0) else "rejected"
    else:
        result = None
    return Vote(
        result=result,
        unanimous=None if result in ("withdrawn", None) else "unanimit" in low,
        pour=pour,
        contre=contre,
        abstention=count(r"abstentions?\s*:\s*(\d+)|(\d+)\s+abstentions?"),
    )
