"""Read the collectivité that deliberates, from its own words.

In: `Block`s of an item (its own text and its séance block). Out: a `Found` name
("Commune de Preuilly-sur-Claise", "Val-Morence Métropole", "CCAS d'Égletons") or None.
Pure.

Forms, in order of trust: the deciding formula ("Le Bureau de Val-Morence Métropole, après
en avoir délibéré", "le Conseil municipal de la Commune de Rivière-sur-Dore, régulièrement
convoqué", "le Conseil d'Administration du C.C.A.S. d'ÉGLETONS, dûment convoqué"); the
letterhead ("COMMUNE DE RIVIÈRE-SUR-DORE", "Commune de Salazie - conseil municipal…"), where a
commune line wins over the "Département du …" printed above it; the first party of an
agreement in the header ("Partenariat entre la Métropole de Lyon et …"). Never an address, a
neighbour named in the exposé, a beneficiary or a visa.
"""
import re

from registre.ingest import patterns as p
from registre.ingest.evidence import Block, Found, found

_OF = r"(?P<of>de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')"
_OF_AGAIN = r"(?P<of2>de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')"
_BODY = (r"(?:Bureau|Conseil|Comit[ée]|Commission\s+permanente|Assembl[ée]e)(?:\s+(?:municipal|m[ée]tropolitain|"
         r"communautaire|d[ée]partemental|r[ée]gional|syndical|d'administration))?")
_FORMULA = re.compile(
    rf"\b(?:Le|La|le|la|membres\s+du)\s+(?P<body>{_BODY})\s+(?P<of>de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')(?P<name>[A-ZÀ-Ýa-zà-ÿ.](?:[^,;.\n\f]|(?<=\b[A-Z])\.){{1,80}}?)[ \t]*(?:,\s*|\s+)"
    r"(?=apr[èe]s\s+(?:en\s+)?avoir|r[ée]guli[èe]rement|d[ûu]ment|l[ée]galement|s'est|se\s+sont|[ée]tant|r[ée]uni)",
    re.IGNORECASE)
# "A l'attention des membres du Conseil municipal de COUTHENANS" (a line of the séance block).
_ADDRESSED = re.compile(r"\bConseil\s+municipal\s+(?:de\s+|d')(?P<name>[A-ZÀ-Ý][^,;.\n]{1,60})$", re.I | re.M)
_KIND = (r"(?P<kind>Commune|Ville|Mairie|C\.\s?C\.\s?A\.\s?S\.?|CCAS|Centre\s+communal\s+d'action\s+sociale|"
         r"Communaut[ée]\s+(?:de\s+communes|d'agglom[ée]ration|urbaine)|Conseil\s+d[ée]partemental|D[ée]partement|"
         r"R[ée]gion|M[ée]tropole|Syndicat(?:\s+(?:mixte|intercommunal))?)")
_LETTERHEAD = re.compile(rf"^\s*(?:DE\s+LA\s+|de\s+la\s+)?{_KIND}\s+(?:{_OF})?(?P<name>(?-i:[A-ZÀ-Ý]).*)$", re.I | re.M)
_METROPOLE = re.compile(r"^\s*(?P<name>[A-ZÀ-Ý][\w'-]+(?:[ -][A-ZÀ-Ý][\w'-]+){0,2})\s+M[ÉEée][Tt][Rr][Oo][Pp][Oo][Ll][Ee]\s*$", re.M)
_PARTY = re.compile(rf"\bentre\s+(?:la\s+|le\s+|l')?(?P<kind>M[ée]tropole|Ville|Commune|D[ée]partement|R[ée]gion|"
                    rf"Communaut[ée]\s+(?:de\s+communes|d'agglom[ée]ration|urbaine))\s+{_OF}(?P<name>[A-ZÀ-Ý][^,;\n]{{1,60}}?)\s+et\s")
_LINKS = {"sur", "sous", "en", "lès", "lez", "les", "le", "la", "de", "du", "des", "d'", "l'", "aux", "et", "au"}
# Words of a heading that a name printed in capitals runs into on a one-line page.
_HEADING_WORDS = {"DELIBERATION", "DÉLIBÉRATION", "DELIBERATIONS", "EXTRAIT", "CONSEIL", "SEANCE", "SÉANCE",
                  "REGISTRE", "PROCES", "PROCÈS", "LISTE", "REPUBLIQUE", "RÉPUBLIQUE", "DEPARTEMENT",
                  "DÉPARTEMENT", "ARRONDISSEMENT", "CANTON", "MAIRIE", "COMPTE", "BUREAU"}
_WIDER = ("département", "departement", "conseil", "région", "region")


def read_collectivite(own: list[Block], zone: list[Block], top: list[Block] | None = None) -> Found | None:
    """From the deciding formula in the item's text (`own`), else from the letterhead in its
    séance block (`zone`) or among the first lines of the document (`top`)."""
    for block in own:
        for m in _FORMULA.finditer(block.text):
            name = _from_formula(m["body"], m["of"], m["name"])
            if name:
                return found(name, block, m.start(), m.end(), sentence=True)
    return _letterhead(zone) or _letterhead(top or []) or _party(zone)


def _from_formula(body: str, of: str, raw: str) -> str | None:
    """The collectivité a deciding formula names: "Conseil municipal de la Commune de X",
    "Bureau de X Métropole", "Conseil municipal de X" (a commune), "Conseil départemental de
    la X" (a département)."""
    kinded = re.match(rf"{_KIND}\s+{_OF}(?P<name>.+)", raw, re.I)
    if kinded:
        named_place = _place(kinded["name"], _is_town(kinded["kind"]))
        return _named(kinded["kind"], kinded["of"], named_place) if named_place else None
    place = _place(raw, re.search(r"municipal", body, re.I) is not None)
    if not place:
        return None
    if re.search(r"m[ée]tropole", place, re.I):
        return _accented(place)
    for word, kind in (("municipal", "Commune"), ("d[ée]partemental", "Département"), ("r[ée]gional", "Région")):
        if re.search(word, body, re.I):
            return _named(kind, of if kind == "Département" else "", place)
    return None


def _letterhead(zone: list[Block]) -> Found | None:
    """A commune's (or CCAS', intercommunality's) own line wins over the département or région
    printed above it."""
    candidates = []
    for block in zone:
        for line in p.lines(block.text):
            for m in _LETTERHEAD.finditer(line.text):
                place = _place(m["name"], _is_town(m["kind"]))
                if place:
                    wider = m["kind"].lower().startswith(_WIDER)
                    candidates.append((wider, line.start, _named(m["kind"], m["of"], place), block, line))
            metropole = _METROPOLE.match(line.text)
            if metropole and not any(w.upper() in _HEADING_WORDS for w in metropole["name"].split()):
                candidates.append((False, line.start, _accented(f"{_place(metropole['name'])} Métropole"), block, line))
            addressed = _ADDRESSED.search(line.text)
            town = _place(addressed["name"], True) if addressed else None
            if town:
                candidates.append((False, line.start, _named("Commune", "", town), block, line))
    if not candidates:
        return None
    _, _, name, block, line = min(candidates, key=lambda c: (c[0], c[3].start, c[1]))
    return found(name, block, line.start, line.end)


def _party(zone: list[Block]) -> Found | None:
    for block in zone:
        m = _PARTY.search(block.text)
        if m and _place(m["name"], _is_town(m["kind"])):
            return found(_named(m["kind"], m["of"], _place(m["name"], _is_town(m["kind"]))), block, m.start(), m.end())
    return None


def _named(kind: str, of: str, place: str | None) -> str | None:
    """"Commune" + "DE" + "Preuilly-sur-Claise" → "Commune de Preuilly-sur-Claise"; the
    preposition as printed, else "de" / "d'"."""
    if not place:
        return None
    folded = kind.lower().replace(" ", "")
    if folded.startswith(("c.c.a.s", "ccas", "centre")):
        head = "CCAS"
    elif folded.startswith(("conseild", "département", "departement")):
        head = "Département"
    elif folded.startswith("mairie"):
        head = "Commune"
    else:
        head = _accented(re.sub(r"\s+", " ", kind.capitalize()))
    of = re.sub(r"\s+", " ", (of or "").lower()).strip()
    if head == "Région" or head.startswith("Communauté") and not of:
        return f"{head} {place}"  # "Communauté de communes Loches Sud Touraine"
    if not of:
        of = "d'" if _starts_with_vowel(place) else "de"
    return f"{head} {of}{place}" if of.endswith("'") else f"{head} {of} {place}"


def _is_town(kind: str) -> bool:
    return kind.lower().replace(" ", "").startswith(("commune", "ville", "mairie", "c.c.a.s", "ccas", "centre"))


def _place(raw: str, town: bool = False) -> str | None:
    """The place name at the start of `raw`, in its usual writing: "ÉGLETONS" → "Égletons",
    and for a town printed in capitals "PREUILLY SUR CLAISE" → "Preuilly-sur-Claise"; it stops
    at a dash between spaces, the running words of a heading and a lone OCR letter ("COMMUNE
    DE LONGUYON F")."""
    raw = re.split(r"\s[-–—]\s|[,;:()|]|\s{2,}|\t", raw.strip())[0].strip(" .")
    words = raw.split()
    if not words:
        return None
    capitals = words[0].isupper()
    taken: list[str] = []
    for index, word in enumerate(words):
        low = word.lower()
        if word.upper() in _HEADING_WORDS or any(c.isdigit() for c in word):
            break
        if low in _LINKS or low.startswith(("d'", "l'")) and len(low) == 2:
            following = words[index + 1] if index + 1 < len(words) else ""
            if not following[:1].isupper() or not taken and low not in ("le", "la", "les", "l'"):
                break
            taken.append(low if taken else word.capitalize())
            continue
        if not word[:1].isupper() or len(word) == 1:
            break
        if capitals and taken and taken[-1].lower() not in _LINKS and not taken[-1].upper().startswith(("SAINT", "ST")):
            # Capitals: words follow one another only through a link ("SUR") or after SAINT.
            if not _whole_line_name(words):
                break
        if taken and taken[-1] == word:
            break  # "SALAZIE SALAZIE"
        taken.append(word)
    if not taken:
        return None
    if capitals:
        taken = [w if w in _LINKS and i else _title(w) for i, w in enumerate(taken)]
        taken[0] = taken[0][:1].upper() + taken[0][1:]
    joined = " ".join(taken)
    article = taken[0] if taken[0] in ("Le", "La", "Les") else ""
    rest = taken[1:] if article else taken
    if town and capitals and (any(w in _LINKS for w in rest) or len(rest) > 1 and rest[0].startswith("Saint")):
        joined = " ".join(filter(None, [article, "-".join(rest)]))  # Preuilly-sur-Claise, Saint-Etienne
    return _accented(joined)


def _whole_line_name(words: list[str]) -> bool:
    """A line that holds nothing but the name ("COMMUNAUTE DE COMMUNES LOCHES SUD TOURAINE")."""
    return len(words) <= 4 and not any(w.upper() in _HEADING_WORDS or len(w) == 1 for w in words)


def _title(word: str) -> str:
    return "-".join(part.lower() if part.lower() in _LINKS else part[:1] + part[1:].lower() for part in word.split("-"))


def _accented(name: str) -> str:
    for plain, accented in (("Metropole", "Métropole"), ("METROPOLE", "Métropole"), ("Departement", "Département"),
                            ("Region", "Région"), ("Communaute", "Communauté")):
        name = re.sub(rf"\b{plain}\b", accented, name)
    return name


def _starts_with_vowel(place: str) -> bool:
    return place[:1].upper() in "AEIOUYÀÂÉÈÊËÎÏÔÛÙH" and not place.startswith(("Hau", "Hé", "Ho", "Hu"))
