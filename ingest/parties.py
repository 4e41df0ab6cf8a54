"""Who an amount is for: the party a sentence, a table row, a list entry or a title names.

In: text as printed (case kept: names are told from common words by their capitals), or a
table row with its header. Out: `Party` spans ("à l'association Numérikéo", "au VMBF",
"à la commune de Montval-les-Vignes", "souscrit par Morence Habitat"; a bare "l'association"
or "lui" is an anaphora, `bare`), the party of a title ("SOUTIEN A L'ASSOCIATION NUMERIKEO",
"Insertion - AGIRE - convention annuelle 2025") and of a row (the bénéficiaire or porteur
column; in an "action / porteur" cell the porteur, in "action PORTEUR EN CAPITALES" the
capitals). Pure.
"""
import re
from typing import NamedTuple

from registre.ingest.beneficiaries import is_acronym

_HEAD = (r"(?:association|agence|action|structure|club|fondation|soci[ée]t[ée]|entreprise|coop[ée]rative|commune|ville"
         r"|CCAS|office|chantier d'insertion|coll[èe]ge|centre|comit[ée]|compagnie|r[ée]gie|maison|f[ée]d[ée]ration"
         r"|syndicat|[ée]tablissement|[ée]cole|MJC|amicale|union|festival|foyer|EHPAD|bailleur|organisme|op[ée]rateur)")
_PREP = (r"(?i:\b(?:à|a|au|en faveur d[eu]|au profit d[eu]|avec|pour|(?:souscrits?|contract[ée]e?s?) par)\s+"
         r"|\bde l['’]\s?(?=action|association)|\bdu (?=chantier|festival|club))")
_ARTICLE = r"(?i:l['’]\s?|la\s+|le\s+|les\s+)?"
_WORD = r"[A-ZÀ-Ý0-9][\w'’\-&.]*+"
_CONNECTOR = r"(?:de|du|des|d['’]|la|le|les|l['’]|et|&|sur|en|aux|à)(?=[\s'’])"
_CAPITALISED = rf"[A-ZÀ-Ý][\w'’\-&.]*(?:(?:\s+{_CONNECTOR})*\s*(?<=[\s'’]){_WORD})*"
# What follows a party: a lower-case word that no name goes on with, a grant noun, punctuation.
_STOP = (r"(?=\s+(?:pour|à hauteur|a hauteur|d'un montant|au titre|dans le cadre|qui|afin|dont|en vue|selon|une?"
         r"|son|sa|ses|sur|soit|ayant|concernant|dans|situ[ée]e?|relati\w*)\b"
         r"|\s+(?:la|le|les|des|l')\s*(?:subventions?|aides?|dotations?|sommes?|montants?|participations?"
         r"|contributions?|cr[ée]dits?|frais|maîtrise|garantie|convention)\b"
         r"|\s*[,;:()«».]|\s+[-–]\s|\s*\d|\s*$)")
# A SIRET or RNA number printed after the name: "(SIRET 123 456 789 00012)", ", RNA W421234567".
_NUMBER = r"(?:\s*[(,]\s*(?:n°\s*)?(?:SIRE[TN]|RNA)\s*(?:n°|:)?\s*:?\s*[\dW][\d ]{7,20}\d\)?)"
_PARTY = re.compile(
    rf"(?:{_PREP}(?P<article>{_ARTICLE})|(?:^|(?<=[.;:]\s))\s*(?P<subject>L['’]\s?|La\s+|Le\s+)(?=(?i:{_HEAD})\b|[A-Z]{{2}}))"
    rf"(?P<name>(?:(?i:{_HEAD})(?:\s+(?i:organisatrice|gestionnaire|porteuse))?\b.*?"
    rf"|(?!(?i:M[ée]tropole|D[ée]partement|R[ée]gion|[ÉE]tat|Conseil|Bureau|Pr[ée]sident|Maire|Assembl))"
    rf"{_CAPITALISED}(?:\s*\([^()\n]{{2,120}}\))?){_NUMBER}?{_STOP})"
)
# A body's name never holds these: "à Val-Morence Métropole", "à Morence" name a place or the giver.
_NOT_A_PARTY = re.compile(r"\b(?:M[ée]tropole|D[ée]partement|R[ée]gion|Conseil|Bureau)\b")
_ANAPHORA = re.compile(r"\b(?:lui|leur)\s+(?:attribuer|accorder|verser|apporter|allouer|octroyer)|\b(?:cette|cet|ce)\s+"
                       r"(?:association|structure|action|club|organisme)\b", re.IGNORECASE)
_GENERIC_SEGMENT = re.compile(
    r"subvention|convention|ann[ée]e|[ée]dition|saison|soutien|maintien|programm|construction|aide|attribution"
    r"|march[ée]|garantie|budget|tranche|plan\b|contrat|dotation|partenariat|^\s*\d{4}\s*$|insertion par|tarif"
    r"|projet|mise [àa]|d[ée]l[ée]gation|approbation|modification|d[ée]signation|r[ée]habilitation|logements?"
    r"|travaux|r[ée]novation|acquisition|cr[ée]ation|fonctionnement|[ée]quipement|permanences?|\blot\b", re.IGNORECASE)
_ADJECTIVE = r"[a-zà-ÿ]+(?:aire|ale?|aux|ique|ive?|if|ienne?|elle?|aine?|oise?|i[eè]re?|eur|rice)s?"
_BENEFICIARY_COLUMN = re.compile(r"b[ée]n[ée]ficiaire|porteur|structure|association|organisme|club|[ée]tablissement"
                                 r"|coll[èe]ge|attributaire|\bnom\b|tiers|op[ée]rateur|partenaire", re.IGNORECASE)


class Party(NamedTuple):
    """A party named in a text: its name as printed, its span, and whether it is only a
    generic head or pronoun standing for a party named elsewhere ("l'association", "lui")."""

    name: str
    start: int
    end: int
    bare: bool


def parties(text: str) -> list[Party]:
    """Every party `text` names after "à", "au", "en faveur de", "avec", "souscrit par"…
    ("aux collèges publics", a plural, names none), and every anaphora."""
    text = re.sub(r"\n\s*\n", lambda m: "." + " " * (len(m[0]) - 1), text)  # a blank line ends a name
    text = text.replace("\n", " ")  # a name may wrap; offsets stay those of `text`
    out = []
    for m in _PARTY.finditer(text):
        number = re.search(_NUMBER + "$", m["name"])
        name = _trim(" ".join(m["name"][:number.start() if number else None].split()).strip(" .-–'’"))
        name = f"{name}{number[0]}" if number else name
        if _plural(text, m.start()) or len(name) < 2 or len(name) > 160:
            continue
        if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
            continue  # inside brackets: an expansion or a note, not the party
        headed = re.match(rf"(?i:{_HEAD})\b", name)
        if not headed and (_NOT_A_PARTY.search(name) or (
                not m["article"] and not m["subject"] and " " not in name and not is_acronym(name))):
            continue  # the giver, or a place: "créée en 2017 à Morence"
        if not headed and re.match(r"(?i:pour)\s", m[0]) and name.isupper() and not is_acronym(name):
            continue  # "TARIFS POUR RENTREE SCOLAIRE": what for, not whom
        bare = bool(re.fullmatch(rf"(?i:{_HEAD})(?:\s+(?i:organisatrice|gestionnaire|porteuse))?(?:\s+(?:du|de la|des))?",
                                 name)) and not is_acronym(name)  # "au CCAS" names it
        out.append(Party(name, m.start("name"), m.start("name") + len(m["name"].rstrip()), bare))
    out += [Party(m[0], m.start(), m.end(), True) for m in _ANAPHORA.finditer(text)]
    return sorted(out, key=lambda party: party.start)


def title_party(title: str) -> str | None:
    """The party a title names: after "à", "avec"… ("SOUTIEN A L'ASSOCIATION NUMERIKEO"),
    else the dash-separated part that names a body ("INCLUSION NUMERIQUE - NUMERIKEO -
    SUBVENTION COMPLEMENTAIRE", "Insertion - AGIRE - convention annuelle 2025")."""
    text = " ".join((title or "").split())
    named = [p.name for p in parties(text) if not p.bare]
    headed = [name for name in named if re.match(rf"(?i:{_HEAD})\b", name)]
    segments = [s.strip() for s in re.split(r"\s+[-–]\s+", text)][1:]
    segments = [s for s in segments if not _GENERIC_SEGMENT.search(s) and _names_a_body(s, text.isupper())]
    return next(iter(headed + segments + named), None)


def row_party(cells: tuple[str, ...], header: tuple[str, ...] | None) -> str | None:
    """The party of a table row: its bénéficiaire/porteur cell, else its first cell."""
    index = next((i for i, h in enumerate(header or ()) if _BENEFICIARY_COLUMN.search(h)), None)
    if index is None or index >= len(cells):
        return cells[0] if cells and cells[0] else None
    cell, head = cells[index], (header or ())[index].lower()
    if " / " in cell:
        action_first = head.find("porteur") > head.find("action") or not head.startswith("porteur")
        before, after = cell.split(" / ", 1)
        return (after if action_first and head.find("action") >= 0 else before).strip() or cell
    if "porteur" in head and "action" in head:
        return _glued_porteur(cell)
    return cell or None


def _glued_porteur(cell: str) -> str:
    """The porteur printed after the action in one cell: from the last capitalised word that
    follows a lower-case one ("… politiques publiques SOS VIOLENCES CONJUGALES 42", "… tabagique
    Ligue contre le cancer"); the whole cell when none does."""
    capitals = re.search(r"(?:\s(?:[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9'’&.\-]*|DE|DES|DU|D'|L'|LA|LE|ET|de|du|des))+$", cell)
    if capitals and re.search(r"[A-ZÀ-Ý]{2}", capitals[0]) and re.search(r"[a-zà-ÿ]", cell[:capitals.start()]) \
            and len(capitals[0].strip()) >= 4:  # "100 Chances 100 Emplois SEM": SEM names no porteur
        return re.sub(r"^(?:\s*(?:de|du|des)\b)+", "", capitals[0]).strip()
    words = cell.split()
    for i in range(len(words) - 1, 0, -1):
        if re.match(r"[A-ZÀ-Ý]", words[i]) and re.match(r"[a-zà-ÿ]", words[i - 1]) \
                and not re.fullmatch(r"de|du|des|d['’]\w*|la|le|les|l['’]\w*|et", words[i - 1]):
            return " ".join(words[i:])
    return cell


def _trim(name: str) -> str:
    """A head and what names the body after it: adjectives and complements ("comité des
    fêtes", "coopérative scolaire de l'école de Rivière-sur-Dore", "office de tourisme
    métropolitain Val-Morence"), then a capitalised name with its small words; not the
    sentence that goes on ("association s'élève à", "action sera mise en œuvre par …")."""
    head = re.match(rf"(?i:{_HEAD})\b", name)
    if not head:
        return name
    kept: list[str] = []
    named = False
    for word in name[head.end():].split():
        after_of = bool(kept) and re.fullmatch(r"de|du|des|d['’]", kept[-1])
        if re.match(r"(?:[dlDL]['’])?[A-ZÀ-Ý0-9]", word):
            named = True
        elif named and re.fullmatch(r"de|du|des|d['’]\w*|la|le|les|l['’]\w*|et|sur|en", word):
            pass
        elif named or not (re.fullmatch(r"de|du|des|d['’]\w*|l['’]\w*", word) or after_of
                           or re.fullmatch(_ADJECTIVE, word)):
            break
        kept.append(word)
    while kept and re.fullmatch(r"de|du|des|d['’]|la|le|les|l['’]|et|sur|en", kept[-1]):
        kept.pop()
    return " ".join([name[:head.end()], *kept])


def _plural(text: str, at: int) -> bool:
    return bool(re.match(r"\s*aux\s", text[at:at + 6], re.IGNORECASE))


def _names_a_body(segment: str, all_caps: bool) -> bool:
    words = segment.split()
    if all_caps:
        return True
    if len(words) == 1:
        return words[0][:1].isupper() and (is_acronym(words[0]) or words[0][1:].islower() or "-" in words[0])
    return any(w[:1].isupper() for w in words[1:])
