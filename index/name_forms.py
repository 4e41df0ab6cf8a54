"""The forms a name goes by: how a collectivité, an instance, a person or a deliberation number
may be typed, and what kind of body deliberates.

In: names as printed. Out: folded keys (`tokens`, `key`, `loose_number`), a collectivité's forms
(full, proper, with its kind of body, initials) and short forms (the leading word of a compound
commune name), an instance's (full, initials, head word), a person's, and the kinds of body a
deliberation is of. Pure; the gazetteer (index.gazetteer) is built from them.
"""
import re
from functools import lru_cache

from registre.ingest.numbering import number_key
from registre.text.fold import fold

# Words a printed name and a typed one may hold or leave out without changing what they name.
LINKS = frozenset("d de du des la le les l a au aux et en".split())
TOKEN = re.compile(r"[a-z0-9]+")
_BODIES = (
    ("commune", r"\b(?:commune|ville|mairie)\b|conseil municipal"),
    ("metropole", r"\bmetropole\b|metropolitain"),
    ("departement", r"\bdepartement\b|departemental"),
    ("region", r"\bregion\b|regional"),
    ("ccas", r"\bc ?c ?a ?s\b|centre communal d action sociale"),
    ("communaute", r"communaute (?:de communes|d agglomeration|urbaine)|\bagglomeration\b|communautaire"),
    ("syndicat", r"\bsyndicat\b|syndical"),
)
# A commission permanente deliberates for a département or a région; which one, only the
# collectivité's name tells.
PERMANENT = re.compile(r"commission permanente")
ASSEMBLY = re.compile(r"conseil (?:departemental|regional)|assemblee departementale")
_KIND_WORDS = re.compile(
    r"^(?:commune|ville|mairie|metropole|departement|region|ccas|c c a s|centre communal d action sociale|"
    r"communaute de communes|communaute d agglomeration|communaute urbaine|syndicat(?: mixte| intercommunal)?)"
    r"(?: (?:de la|de l|du|des|de|d))? |(?: metropole)$")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


def key(text: str) -> str:
    return " ".join(tokens(text))


def loose_number(text: str) -> str:
    """One form for the printings of a number: groups of letters and digits, leading zeros
    dropped, joined by "-" ("2022.00159" and "2022-159" give "2022-159")."""
    groups = re.findall(r"[A-Z]+|\d+", number_key(text))
    return "-".join(g.lstrip("0") or "0" if g.isdigit() else g for g in groups)


@lru_cache(maxsize=4096)
def collectivite_forms(name: str) -> list[str]:
    """The keys a collectivité goes by: its full name, its own name without the kind of body,
    the kind before or after it, and its initials ("Val-Morence Métropole": "val morence
    metropole", "val morence", "metropole val morence", "vmm")."""
    full = key(name)
    proper = _KIND_WORDS.sub("", full).strip() or full
    forms = [full, proper]
    for body, _ in _BODIES:
        if re.search(_BODY_PATTERNS[body], full) and proper != full:
            forms += [f"{body} {proper}", f"{proper} {body}"]
    capitals = [w for w in re.findall(r"[\w']+", name.replace("-", " ")) if w[:1].isupper()]
    initials = "".join(w[0] for w in capitals).lower()
    if len(initials) >= 3:
        forms.append(fold(initials))
    return list(dict.fromkeys(forms))


_BODY_PATTERNS = dict(_BODIES)
# A compound commune name goes by its leading word ("Preuilly" for Preuilly-sur-Claise) unless
# that word is a generic one many names begin with.
_COMPOUND = re.compile(r"^(?P<lead>[a-z]{5,}) (?:sur|sous|en|les|lez|le|la|de|du|d) [a-z]")
_GENERIC_LEAD = frozenset("saint sainte saints grand grande petit petite vieux neuve nouvelle haute haut basse bas "
                          "notre".split())


@lru_cache(maxsize=4096)
def short_forms(name: str) -> list[str]:
    """The leading word of a compound collectivité name, as a short form of it (read as one only
    when typed with a capital, `qa.question`)."""
    proper = _KIND_WORDS.sub("", key(name)).strip()
    m = _COMPOUND.match(proper)
    return [m["lead"]] if m and m["lead"] not in _GENERIC_LEAD else []


@lru_cache(maxsize=4096)
def bodies(collectivite: str | None, instance: str | None) -> list[str]:
    """The kinds of body a deliberation is of: from its collectivité's name, else its instance."""
    for source in (collectivite, instance):
        if not source:
            continue
        folded = key(source)
        found = [body for body, pattern in _BODIES if re.search(pattern, folded)]
        if found:
            return found[:1]
        if PERMANENT.search(folded) and source == instance:
            return ["departement", "region"]
    return []


@lru_cache(maxsize=4096)
def instance_forms(instance: str) -> list[tuple[str, str | None]]:
    full = key(instance)
    words = full.split()
    forms: list[tuple[str, str | None]] = [(full, None)]
    significant = [w for w in words if w not in LINKS]
    if len(significant) >= 2:
        forms.append(("".join(w[0] for w in significant), "initials"))
        forms.append((significant[0], "head"))
    return forms


def person_forms(name: str) -> list[str]:
    """A person's keys: the name as printed, surname first, and the surname alone (the words
    printed in capitals, else the last one)."""
    words = tokens(re.sub(r"^(?:M\.?|Mme|Mlle|Monsieur|Madame|Mr)\s+", "", name.strip()))
    if not words:
        return []
    capitals = [fold(w) for w in re.findall(r"[\w'-]+", name) if len(w) > 1 and w.isupper()]
    surname = " ".join(t for c in capitals for t in TOKEN.findall(c)) or words[-1]
    given = [w for w in words if w not in surname.split()]
    forms = [" ".join(words), " ".join(surname.split() + given), surname]
    return list(dict.fromkeys(f for f in forms if f))
