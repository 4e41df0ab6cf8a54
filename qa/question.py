"""Read a French question against the index's own names (lower case, no accents, typos welcome).

In: the question text and the index's `Gazetteer` (with `known_word`, the proper names its text
prints). Out: a `Question`: the known names found in it (longest first, never overlapping but
for a beneficiary named after a collectivité: collectivité, kind of body, instance, person,
beneficiary, source; a kind of body or an instance's initials the collectivité named has not
are no filter), the deliberation numbers typed, the period, a collectivité it names that the
index prints for no record but knows otherwise (`place`), a name it gives that the index does
not know at all (`unknown`), and the topic: the words left once filters, numbers and dates are
taken out, the registers' abbreviations spelled out. Pure.
"""
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from registre.index.gazetteer import Gazetteer, Mention
from registre.index.name_forms import LINKS, tokens
from registre.ingest.numbering import TOKEN, clean
from registre.qa.period import Period, read_period
from registre.text.fold import fold
from registre.text.french import DATE_DIGITS

MAX_QUESTION = 2000
# The kinds of names that filter deliberations rather than name what is asked about.
FILTER_KINDS = ("collectivite", "body", "instance")
_PRIORITY = {"collectivite": 0, "instance": 1, "person": 2, "beneficiary": 3, "body": 4, "source": 5}
_CIVILITY = r"(?:m|mr|mme|mlle|monsieur|madame|mademoiselle)"
# "à la commune de X", "pour la métropole": the body named there receives, it does not decide.
_RECEIVES = re.compile(r"(?:\bpour\s+(?:la\s+|le\s+|les\s+|l')?|\b(?:a|sur|dans|avec|vers)\s+(?:la\s+|le\s+|les\s+|l')|"
                       r"\b(?:au|aux)\s+)$")
# A collectivité named by its kind of body: "conseil municipal de X", "le maire de X", "le CM de X".
_NAMED_BODY = re.compile(
    r"\b(?:conseil municipal|conseil communautaire|conseil departemental|conseil regional|commune|ville|mairie|"
    r"maire|metropole|departement|region|ccas|communaute de communes|agglomeration|cm|cc)\s+"
    r"(?:de la |de l'|du |des |de |d')(?P<name>[a-z0-9][\w'-]*)")
_NOT_A_NAME = re.compile(r"\d+|seance|sa|son|ses|cette|ce|la|le|les|l|un|une|votre|notre|leur|chaque|tout|tous")
_NUMBER = re.compile(rf"(?<![\w/.-])(?:N\s*°\s*|NO\.?\s+|NUM[EÉ]RO\s+)?(?P<number>{TOKEN})(?![\w/])")


@dataclass(frozen=True, slots=True)
class Place:
    """A collectivité a question names that the index prints for no deliberation, but knows
    otherwise (in a file's name, in the text): the deliberations it may be, and how."""

    text: str
    ids: frozenset[int]
    how: str


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    folded: str
    period: Period
    mentions: tuple[Mention, ...] = ()
    numbers: tuple[str, ...] = ()  # deliberation numbers typed, as the index prints them
    unknown_numbers: tuple[str, ...] = ()  # numbers typed after "n°" that no deliberation carries
    place: Place | None = None
    unknown: str | None = None  # French: a name given that the index does not know
    topic: str = ""

    def named(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    @property
    def filters(self) -> list[Mention]:
        return self.named(*FILTER_KINDS)


def normalise(text: str) -> str:
    """One line, ligatures spelled out, so that folding keeps every offset."""
    text = unicodedata.normalize("NFC", text.strip()[:MAX_QUESTION])
    for ligature, spelled in (("œ", "oe"), ("Œ", "Oe"), ("æ", "ae"), ("Æ", "Ae"), ("ﬁ", "fi"), ("ﬂ", "fl")):
        text = text.replace(ligature, spelled)
    text = re.sub(r"\s+", " ", text)
    return text if len(fold(text)) == len(text) else fold(text)


def read_question(text: str, gazetteer: Gazetteer, known_word: Callable[[str], bool]) -> Question:
    text = normalise(text)
    folded = fold(text)
    numbers, unknown_numbers, number_spans = _numbers(text, gazetteer)
    found = [m for m in gazetteer.mentions(text) if not _overlaps((m.start, m.end), number_spans)]
    mentions = _longest([m for m in found if _plausible(m, text, folded)])
    period = read_period(text, number_spans + [(m.start, m.end) for m in mentions])
    files = [m for m in found if m.kind == "source" and _plausible(m, text, folded)]
    place, unknown = _place(folded, mentions, files, gazetteer, known_word)
    unknown = unknown or _unknown_person(text, folded, mentions, known_word)
    mentions, spelled = _uncontradicted(mentions, place, folded)
    filters = [(m.start, m.end) for m in mentions if m.kind in (*FILTER_KINDS, "source") and _decides(m, folded)]
    blanked = _blank(text, number_spans + list(period.spans) + filters)
    for m in sorted(spelled, key=lambda m: -m.start):  # initials that filter nothing stand for their name
        blanked = blanked[:m.start] + m.names[0] + blanked[m.end:]
    kept = tuple(m for m in mentions if m.kind not in ("body", "collectivite") or _decides(m, folded))
    return Question(text, folded, period, kept, tuple(numbers), tuple(unknown_numbers), place, unknown,
                    spell_out(" ".join(blanked.split())))


# The registers' abbreviations, spelled out in the topic so that it holds the words records print.
_ABBREVIATIONS = {"bp": "budget primitif", "bs": "budget supplémentaire", "dm": "décision modificative",
                  "delib": "délibération", "delibs": "délibérations", "dispo": "disposition", "asso": "association",
                  "assos": "associations", "subv": "subvention", "subvs": "subventions",
                  "fjt": "foyer des jeunes travailleurs"}
_ABBREVIATED = re.compile(rf"\b(?:{'|'.join(_ABBREVIATIONS)})\b", re.I)


def spell_out(topic: str) -> str:
    return _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[fold(m[0]).lower()], topic)


def _uncontradicted(mentions: list[Mention], place: Place | None,
                       folded: str) -> tuple[list[Mention], list[Mention]]:
    """A kind of body ("CCAS") or an instance typed by its initials ("CA") filters only when
    nothing else in the question contradicts it: when the collectivité named holds no such
    body or instance ("la dissolution du CCAS" or "le CA du collège" at a commune), they name
    what the deliberation is about and stay in the topic, initials standing for the
    instance's name. Out: the mentions kept, and the initials to spell out."""
    named = [m.ids for m in mentions if m.kind == "collectivite" and _decides(m, folded)]
    named += [place.ids] if place else []
    kept, spelled = [], []
    for m in mentions:
        initials = m.kind == "instance" and all(k.role == "initials" for k in m.known)
        contradicted = any(not (ids & m.ids) for ids in named)
        if initials and contradicted:
            spelled.append(m)
        elif not (m.kind == "body" and contradicted):
            kept.append(m)
    return kept, spelled


def _numbers(text: str, gazetteer: Gazetteer) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Numbers typed that deliberations carry (as printed), those typed after "n°" that none
    carries, and the spans of both."""
    known, unknown, spans = [], [], []
    upper = text.upper()
    for m in _NUMBER.finditer(upper):
        token = clean(m["number"])
        if not re.search(r"\d", token) or not re.search(r"[./_-]", token) or DATE_DIGITS.fullmatch(token) \
                or re.fullmatch(r"(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d", token):
            continue
        bare = re.sub(r"^[A-Z]+ (?=\d)", "", token)
        found = gazetteer.number(token) or gazetteer.number(bare)
        if found:
            known.append(found[0].name)
            spans.append(m.span())
        elif m[0] != m["number"] or re.fullmatch(r"[A-Z]+[-_./]?\d{2,4}[-_./]\d+|\d{4}[._]\d{3,6}", token):
            unknown.append(token)
            spans.append(m.span())
    return list(dict.fromkeys(known)), unknown, spans


def _plausible(m: Mention, text: str, folded: str) -> bool:
    """A surname alone is a person only when typed with a capital or after a civility; a
    person's other names need two words; short initials only in capitals."""
    if m.kind == "person" and " " not in m.key:
        before = folded[:m.start]
        return m.text[:1].isupper() or bool(re.search(rf"\b{_CIVILITY}\.?\s+$", before))
    if m.kind == "source":
        return len(m.key) >= 4
    if m.kind == "collectivite" and all(k.role == "short" for k in m.known):
        return m.text[:1].isupper()  # "Preuilly" is the commune, "la rivière" a river
    if m.kind == "instance" and all(k.role == "initials" for k in m.known) and len(m.key) <= 3:
        return m.text.isupper()  # "le CA" is an instance, "ça coûte" is not
    return True


def _longest(found: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    ranked = sorted(found, key=lambda m: (-(m.end - m.start), not m.exact, _PRIORITY.get(m.kind, 9), m.start))
    for m in ranked:
        if not any(m.start < c.end and c.start < m.end for c in chosen):
            chosen.append(m)
        elif any(c.start == m.start and c.end == m.end and c.key == m.key and c.kind != m.kind for c in chosen):
            chosen.append(m)  # the same words name two kinds of things ("saint etienne metropole")
        elif all(_astride(m, c) for c in chosen if m.start < c.end and c.start < m.end):
            chosen.append(m)  # "l'AS Rivière-sur-Dore de la commune": a club named after the collectivité
    return sorted(chosen, key=lambda m: m.start)


def _astride(a: Mention, b: Mention) -> bool:
    """A beneficiary and a collectivité overlapping in part, neither holding the other: both named."""
    partial = not (a.start <= b.start and b.end <= a.end) and not (b.start <= a.start and a.end <= b.end)
    return partial and {a.kind, b.kind} == {"beneficiary", "collectivite"}


def _decides(m: Mention, folded: str) -> bool:
    """A collectivité or kind of body named as the one that deliberates, not as a recipient."""
    return m.kind not in ("collectivite", "body") or not _RECEIVES.search(folded[:m.start])


def _place(folded: str, mentions: list[Mention], files: list[Mention], gazetteer: Gazetteer,
           known_word: Callable[[str], bool]) -> tuple[Place | None, str | None]:
    """A collectivité named by its kind of body ("conseil municipal de Couthenans") but printed on
    no deliberation: the records that print none and may be it (the file's name holds it, else
    those of the same kind of body), or, when nothing in the index knows it, the name unknown.
    A collectivité some deliberations print also covers, as a place, the records that print none
    but whose files bear its name (the PVs of a commune that print only "Conseil municipal")."""
    named = [m for m in mentions if m.kind == "collectivite" and _decides(m, folded)]
    if named:  # the records that print no collectivité but whose files bear the name count too
        within = [c for c in files if any(n.start <= c.start and c.end <= n.end for n in named)]
        if within:
            return Place(" ".join(c.text for c in within), frozenset().union(*(c.ids for c in within)),
                         "nom du fichier des délibérations qui n'impriment pas de collectivité"), None
        return None, None
    for m in _NAMED_BODY.finditer(folded):
        receives = not m[0].startswith(("conseil", "maire", "cm ", "cc ")) and _RECEIVES.search(folded[:m.start()])
        if receives or _NOT_A_NAME.fullmatch(m["name"]) or \
                any(c.start <= m.start("name") < c.end for c in mentions if c.kind != "source"):
            continue
        name = _name_at(folded, m.start("name"))
        words = [w for w in tokens(name) if w not in LINKS]
        sources = [c for c in mentions if c.kind == "source" and c.start <= m.start("name") < c.end]
        if sources:
            return Place(name, frozenset().union(*(c.ids for c in sources)), "nom du fichier"), None
        if words and all(known_word(w) for w in words if len(w) >= 4):
            kind = _body_word(m[0])
            ids = frozenset().union(*(k.ids for k in gazetteer.of_kind("body").get(kind, ()))) if kind else frozenset()
            unnamed = ids - frozenset().union(*(k.ids for known in gazetteer.of_kind("collectivite").values()
                                                   for k in known))
            if unnamed:
                return Place(name, unnamed, f"délibérations d'un(e) {kind} dont le nom n'est pas imprimé"), None
        return None, f"la collectivité « {name} »"
    if files:  # "le plan communal de sauvegarde de Couthenans": a place only its files name (even
        # where a collectivité of that name is the recipient: "le temple cédé à la commune de Couthenans")
        return Place(" ".join(c.text for c in files), frozenset().union(*(c.ids for c in files)),
                     "nom du fichier"), None
    return None, None


def _name_at(folded: str, at: int) -> str:
    """The place name typed from `at`: hyphenated words, or words joined by "sur", "sous", "en",
    "les", "le", "la" ("riviere sur dore"), up to a date, a number or a question word."""
    m = re.match(r"[a-z0-9][\w'-]*(?:\s+(?:sur|sous|les|lez|le|la)\s+[a-z][\w'-]*)*", folded[at:])
    return m[0].strip(" -'") if m else ""


def _body_word(text: str) -> str | None:
    for word, kind in (("municipal", "commune"), ("commune", "commune"), ("ville", "commune"), ("mairie", "commune"),
                       ("maire", "commune"), ("communautaire", "communaute"), ("communaute", "communaute"),
                       ("agglomeration", "communaute"), ("departement", "departement"), ("region", "region"),
                       ("metropole", "metropole"), ("ccas", "ccas"), ("cm", "commune"), ("cc", "communaute")):
        if word in text:
            return kind
    return None


def _unknown_person(text: str, folded: str, mentions: list[Mention], known_word: Callable[[str], bool]) -> str | None:
    """"M. Dupont", "Mme Jeanne Martin": a person named that no record and no text knows."""
    for m in re.finditer(rf"\b{_CIVILITY}\.?\s+(?P<name>[a-z][\w'-]+(?:\s+[a-z][\w'-]+)?)", folded):
        if any(c.start <= m.start("name") < c.end for c in mentions):
            continue
        capitalised = re.match(r"(?:[A-ZÀ-Ý][\w'-]*\s*)*", text[m.start("name"):m.end("name")])
        typed = " ".join(capitalised[0].split()) if capitalised else ""
        words = [w for w in tokens(typed) if len(w) >= 3]
        if words and not any(known_word(w) for w in words) and typed[:1].isupper():
            return f"la personne « {typed} »"
    return None


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
