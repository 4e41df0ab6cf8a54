"""Parse a French question as people type it (lower case, no accents, typos).

In: the question text. Out: a `Question`: intent (amount, count, person, date, boolean,
lookup, list, open), period (year, date range or exact date), a deliberation number,
the role or count asked, instance words, aggregation asked ("par an", "en moyenne"),
and the entity: what is left once question words, dates and generic words are removed.
Pure; matching the entity against the index is the reader's job.
"""
import datetime as dt
import re
from dataclasses import dataclass

from registre.text.fold import fold
from registre.text.french import DATE_WORDS, MONTHS, find_dates

Intent = str  # amount | count | person | date | boolean | lookup | list | open

_NUMBER = re.compile(r"\b(?:[A-Za-z]{1,5}[-_]?)?\d{2,4}[./_-]\d{2,6}(?:[-_]\d+)?\b|\bn[°o]\s*(\d+/\d{4})\b")
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d-(?:19|20)\d\d$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# A year is a period only after words like "en"; "programmation 2019" names a thing.
_PERIOD_YEAR = re.compile(r"(?:\ben|\bpour|durant|pendant|au cours de|annee|exercice|depuis|avant|apres|datent de|datant de|"
                          r"a partir de|entre|et|semestre|trimestre|janvier|fevrier|mars|avril|mai|juin|"
                          r"juillet|aout|septembre|octobre|novembre|decembre)\s+(19[5-9]\d|20\d\d)\b")
_ROLES = (("president", r"presid"), ("secretaire", r"secretaire"), ("rapporteur", r"rapporteu"),
          ("signataire", r"\bsign"), ("mandataire", r"pouvoir|procuration"))
_INTERROGATIVE = r"\b(?:qui|quel|quelle|quels|quelles|combien|quand|comment|pourquoi|quoi|lequel|laquelle)\b"
_COUNT_FIELDS = (
    ("membres_en_exercice", r"membres?\s+en\s+exercice|en\s+exercice"),
    ("presents", r"presents?\b"),
    ("pouvoirs", r"pouvoirs?|procurations?"),
    ("votants", r"\bvoix\b|votants?"),
    ("absents", r"absents?\b|excuses\b"),
)
_INSTANCES = r"bureau(?:\s+metropolitain|\s+communautaire)?|conseil\s+\w+|commission\s+permanente|seance"
_MONEY = r"montant|somme|subvention|\baide\b|financement|euros?|€|accorde|attribue|verse|recu|percu|touche|argent|budget"
# Words that carry no entity: question words, verbs of granting, generic nouns.
_FILLER = set("""
combien quel quelle quels quelles qui quoi quand comment est-ce que qu ce cette ces c
le la les l un une des de du d a au aux en pour par sur dans avec et ou y il elle ils elles on
est sont etait etaient ete a-t-elle a-t-il t ont avait avaient sera fut
montant montants somme sommes total totale au-total subvention subventions aide aides financement
accorde accordee accordes accordees attribue attribuee attribues verse versee verses recu recue
percu percue touche obtenu vote votee votes votees alloue allouee octroye donne donnee
argent euros euro eur par-an an annee annees moyenne moyen
delibeation deliberation deliberations decision decisions acte actes registre
valide validee valides financement finance financee mis mise met ensemble tous toutes tout eu
decide decidee decidees datent datant date dates participe participee premier premiere dernier derniere
liste lister ou etait etaient
seance bureau metropolitain metropolitaine conseil municipal communautaire
departemental regional commission permanente syndical comite
parle porte concerne concernent concernant objet dit
met mettent mis mise oeuvre œuvre realise realisee porteur operateur structure quelle association
annee mois jour depuis avant apres entre premier second semestre trimestre
""".split())


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    intent: Intent
    entity: str
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    day: dt.date | None = None
    number: str | None = None
    role: str | None = None
    count_field: str | None = None
    count_noun: str | None = None
    instance: str | None = None
    per_year: bool = False
    average: bool = False
    order: str | None = None  # "first" or "last" when the question asks for it


def parse_question(text: str) -> Question:
    folded = fold(text).replace("’", "'")
    number = _number(text)
    day, date_from, date_to, year = _period(text, folded, number)
    intent = _intent(folded)
    role = next((name for name, pattern in _ROLES if re.search(pattern, folded)), None)
    count_field, count_noun = _count_target(folded) if intent == "count" else (None, None)
    instance = next((m for m in re.findall(_INSTANCES, folded) if m != "seance"), None)
    return Question(
        text=text, intent=intent, entity=_entity(text, number), year=year, date_from=date_from,
        date_to=date_to, day=day, number=number, role=role, count_field=count_field,
        count_noun=count_noun, instance=instance,
        per_year=bool(re.search(r"par an\b|par annee|chaque annee|annee par annee", folded)),
        average=bool(re.search(r"en moyenne|moyenne", folded)),
        order="first" if re.search(r"\bpremiere?\b", folded) else "last" if re.search(r"\bderniere?\b", folded) else None,
    )


def _intent(q: str) -> Intent:
    if re.search(r"^(?:est-ce que|est ce que|y a-t-il)|-t-(?:il|elle)\b|\b\w+-(?:il|elle)s?\b(?! y)|"
                 r"\b(?:etait|etaient|est|a|ont)[ -](?:il|elle)s?\b", q) and not re.search(_INTERROGATIVE, q):
        return "boolean"
    if re.search(r"\bquand\b|quelle date", q):
        return "date"
    if re.search(r"combien\s+(?:de\s+|d')(?!argent|euros?|credits?|fonds)", q) or re.search(r"\bnombre\s+d", q):
        return "count"
    if re.search(r"\bcombien\b", q) or re.search(_MONEY, q) and re.search(r"\bquel|\bquelle|\bcombien", q):
        return "amount"
    if re.search(r"\bquand\b|quelle date|a quelle date|\bdate\b", q):
        return "date"
    if re.search(r"quelles?\s+(?:deliberations?|decisions?|actes?|documents?)|^lister?\b|^liste\b", q):
        return "list"
    if re.search(r"^qui\b|\b(?:a|de|par|pour|avec) qui\b|\bqui\s+(?:etait|a\s+preside|presid)|quel(?:le)?\s+(?:association|structure|operateur|"
                 r"porteur|president|secretaire|rapporteur|organisme|prestataire)", q):
        return "person"
    if re.search(r"de quoi|quel est l'objet|objet de|que (?:dit|decide)|sur quoi|resume|a propos|"
                 r"qu'est-ce qu|qu'a decide|ce qui a ete decide|decide", q):
        return "lookup"
    if re.search(r"\bmontant|\bsubvention", q):
        return "amount"
    return "open"


def _number(text: str) -> str | None:
    for found in _NUMBER.finditer(text):
        token = found[1] or found[0]
        if not re.fullmatch(r"\d{4}", token) and not DATE_WORDS.search(token) and not _YEAR_RANGE.match(token):
            return token.upper() if re.search(r"[a-z]", token) and "-" in token else token
    return None


def _period(text: str, q: str, number: str | None):
    """(exact day, from, to, year) written in the question."""
    days = find_dates(text)
    if days:
        return days[0][0], None, None, None
    scrubbed = q.replace(number.lower(), " ") if number else q
    years = [int(y) for y in _PERIOD_YEAR.findall(scrubbed)]
    if not years:
        return None, None, None, None
    first = years[0]
    if re.search(rf"(?:depuis|a partir de|apres)\s+{first}", scrubbed):
        return None, dt.date(first, 1, 1), None, None
    if re.search(rf"avant\s+{first}", scrubbed):
        return None, None, dt.date(first - 1, 12, 31), None
    if len(years) >= 2 and re.search(rf"entre\s+{years[0]}\s+et\s+{years[1]}", scrubbed):
        return None, dt.date(years[0], 1, 1), dt.date(years[1], 12, 31), None
    half = re.search(rf"(premier|1er|second|deuxieme|2e)\s+semestre\s+{first}", scrubbed)
    if half:
        first_half = half[1] in ("premier", "1er")
        return None, dt.date(first, 1 if first_half else 7, 1), dt.date(first, 6 if first_half else 12, 30 if first_half else 31), None
    month = re.search(rf"\b({'|'.join(MONTHS)})\s+{first}", scrubbed)
    if month:
        start = dt.date(first, MONTHS[month[1]], 1)
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return None, start, end, None
    return None, None, None, first


def _count_target(q: str) -> tuple[str | None, str | None]:
    for name, pattern in _COUNT_FIELDS:
        if re.search(pattern, q):
            return name, None
    noun = re.search(r"(?:combien|nombre)\s+(?:de|d')\s*([a-z]+)", q)
    return None, noun[1] if noun else None


def _entity(text: str, number: str | None) -> str:
    cleaned = text
    if number:
        cleaned = cleaned.replace(number, " ")
    for _, span in find_dates(cleaned)[::-1]:
        cleaned = cleaned[: span[0]] + " " + cleaned[span[1]:]
    cleaned = re.sub(_PERIOD_YEAR.pattern, " ", fold(cleaned)) if _PERIOD_YEAR.search(fold(cleaned)) else cleaned
    cleaned = re.sub(r"\b(?:l|d|qu|n|s|j|c)['’]", " ", cleaned, flags=re.IGNORECASE)
    cleaned = re.sub(r"-t-(?:il|elle)s?\b|-(?:il|elle)s?\b", " ", cleaned)
    words = [w for w in re.findall(r"[\w-]+", cleaned)
             if fold(w) not in _FILLER and fold(w).rstrip("s") not in _FILLER and not fold(w).startswith("combien")]
    return " ".join(words)
