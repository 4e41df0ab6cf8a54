"""Beneficiary names: the canonical key that matches the ways one body is printed.

In: a name as printed ("l'association AGIRE (Association pour la Gestion des Initiatives de
Retour à l'Emploi)", "CIE CARNAGE", "Les Jardins d'Émeraude"). Out: `beneficiary_key` (case,
accents, apostrophes, hyphens and spacing folded; leading article and generic head such as
"l'association" dropped where the name goes on after it; "Cie" read "Compagnie"; a
parenthesised note such as "(football)" left out), `Names` (the key, the keys of an acronym and
its printed expansion, a SIRET or RNA number printed with the name), `display_name` (the
printed name without its article and generic head). Pure; every package may call it, and
questions are matched with the same key.
"""
import re
import unicodedata
from typing import NamedTuple

# Words that say what kind of body follows rather than name it ("l'association Numérikéo").
_GENERIC_HEADS = re.compile(
    r"^(?:(?:l'|la |le |les )?(?:association|asso\.?|ass\.?|agence|structure|action|entreprise|soci[ée]t[ée]|"
    r"chantier d'insertion))(?:\s+(?:organisatrice|gestionnaire|porteuse))?"
    r"(?:\s+(?:du|de la|de l'|des|d'))?\s+(?=\S)",
    re.IGNORECASE,
)
# Heads that are part of a name when capitalised ("Rugby Club Val de Saône"), generic when
# printed in lower case before one ("au club Union Sportive Martinoise").
_LOWER_HEADS = re.compile(r"^(?:(?:l'|la |le |les ))?(?:club|compagnie|fondation|f[ée]d[ée]ration|comit[ée]|amicale"
                          r"|collectif|cie)\s+(?=[A-ZÀ-Ý«])")
_ARTICLE = re.compile(r"^(?:l'|la |le |les )\s*", re.IGNORECASE)
# Words a name does not go on with after a generic head: "Association pour la Gestion…" is a name.
_FUNCTION_WORDS = {"pour", "de", "du", "des", "d", "en", "a", "à", "au", "aux", "et", "sur", "par", "avec"}
_TOKEN_ALIASES = {"cie": "compagnie", "st": "saint", "ste": "sainte"}
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&'’.\-]{1,11}$")
_SIRET = re.compile(r"\bSIRE[TN]\s*(?:n°|:)?\s*:?\s*((?:\d\s?){13}\d|(?:\d\s?){8}\d)\b", re.IGNORECASE)
_RNA = re.compile(r"\b(?:RNA\s*(?:n°|:)?\s*:?\s*)?(W\d{9})\b")


class Names(NamedTuple):
    """How one beneficiary is known: its key, the keys of its other printed names, its number."""

    key: str
    aliases: tuple[str, ...]
    identifier: str | None


def beneficiary_key(name: str) -> str:
    """The canonical key of a printed name: "l'association Jardins d'Emeraude" and
    "LES JARDINS D'ÉMERAUDE" both give "jardins d emeraude"."""
    return names_of(name).key


def names_of(name: str) -> Names:
    """The key of `name`, the keys of an acronym and its expansion printed together
    ("AGIRE (Association pour …)", "VAL-MORENCE BASKET FEMININ (VMBF)": the acronym is the
    key, the expansion an alias), and a SIRET or RNA number printed with it."""
    text = _normalise(name)
    identifier = _identifier(text)
    text = _strip_head(" ".join(_without_identifier(text).split()))
    acronym, expansion = _acronym_pair(text)
    if acronym and expansion:
        return Names(_fold_name(acronym), (_fold_name(expansion),), identifier)
    return Names(_fold_name(_PARENTHESIS.sub(" ", text)), (), identifier)


def display_name(name: str) -> str:
    """The printed name without leading article and generic head, first letter raised:
    "l'association Numérikéo" → "Numérikéo", "la commune de Montval" → "Commune de Montval"."""
    text = " ".join(_without_identifier(_normalise(name)).split()).strip(" .,;:-–")
    text = _strip_head(text, keep_capital_article=True)
    return text[:1].upper() + text[1:] if text else text


def is_acronym(word: str) -> bool:
    return bool(_ACRONYM.match(word)) and any(c.isalpha() for c in word) and word.upper() == word


def _acronym_pair(text: str) -> tuple[str | None, str | None]:
    """("AGIRE", "Association pour …") for "AGIRE (Association pour …)" or the other order."""
    found = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", text)
    if not found:
        return None, None
    outside, inside = found[1].strip(), found[2].strip()
    if is_acronym(outside) and len(inside.split()) >= 2:
        return outside, inside
    if is_acronym(inside) and len(outside.split()) >= 2:
        return inside, outside
    return None, None


def _identifier(text: str) -> str | None:
    siret = _SIRET.search(text)
    if siret:
        return re.sub(r"\s", "", siret[1])
    rna = _RNA.search(text)
    return rna[1] if rna else None


def _without_identifier(text: str) -> str:
    text = _RNA.sub(" ", _SIRET.sub(" ", text))
    text = re.sub(r"\(\s*\)", " ", text)
    return re.sub(r"[,;:(]?\s*(?:n°\s*)?(?:SIRE[TN]|RNA)\s*(?:n°|:)?\s*\)?\s*$", "", text, flags=re.IGNORECASE)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[’ʼ‘`´]", "'", text)
    return re.sub(r"[«»\"“”]", " ", text)


def _strip_head(text: str, keep_capital_article: bool = False) -> str:
    """`text` without its leading article and generic head, when a name follows them; with
    `keep_capital_article`, an article that begins the name ("Les Jardins", "La Diane") stays."""
    text = re.sub(r"^(?:à|a|au|aux|pour|avec)\s+", "", text)  # "au club X" as a sentence prints it
    rest = _LOWER_HEADS.sub("", _GENERIC_HEADS.sub("", text, count=1), count=1)
    first = re.split(r"[\s']", rest.strip(), maxsplit=1)[0].lower() if rest.strip() else ""
    if rest != text and rest.strip() and first not in _FUNCTION_WORDS:
        text = rest
    if keep_capital_article and re.match(r"(?:L'|La |Le |Les )", text):
        return text
    return _ARTICLE.sub("", text, count=1)


def _fold_name(text: str) -> str:
    text = _strip_head(" ".join(_normalise(text).split()))
    decomposed = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.replace("&", " et ").replace("œ", "oe").replace("æ", "ae")
    tokens = [_TOKEN_ALIASES.get(token, token) for token in re.split(r"[^a-z0-9]+", text) if token]
    while tokens and tokens[0] in ("l", "la", "le", "les", "d", "de", "du", "des", "au", "aux", "a"):
        tokens = tokens[1:]  # an article or preposition left over from the sentence
    return " ".join(tokens)
