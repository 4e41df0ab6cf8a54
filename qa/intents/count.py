"""Counts: séance counts (en exercice, présents, pouvoirs, votants, absents) and votes (pour,
contre, abstentions) per item, the number of deliberations of a séance, and numbers the text
states ("combien de projets ont été recensés", a table's "Nombre d'actions").

In: a `Context`. Out: a `Draft` whose count is cited from the words ingest read it from (per
item: a member who left before a vote changes that item's count); a count taken from a list of
names gives the names; the number of deliberations is counted from the records themselves.
"""
import re
from collections import Counter
from decimal import Decimal

from registre.qa.cite import cite_field, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Fact, Figure
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.money_asked import asks_sum
from registre.qa.part_vote import vote_asked
from registre.qa.question import Question
from registre.qa.text_counts import stated_count
from registre.qa.verify import integers
from registre.qa.wording import content, stems
from registre.records import Citation, Deliberation
from registre.text.french import format_date

_ASKS = re.compile(r"\bcombien\s+(?:de\s+|d')(?!argent\b|euros?\b|credits?\b|subventions?\b|fonds\b|financements?\b|"
                   r"aides?\b)|\bnombre\s+(?:de\s+|d')|"
                   r"\bcombien\b.*\b(?:personnes|presents?|votants?|pouvoirs?|abstenu(?:e|s|es)?|absents?)\b|"
                   r"\bcombien\s+(?:d'elus\s+|de conseillers\s+)?(?:ont|se sont)\s+(?:vote|abstenu)")
_VOTE = (("contre", r"\bcontre\b"), ("abstention", r"\babstention|\babstenu"),
         ("pour", r"\b(?:voix|votes?|vote|votee?s?)\s+pour\b|\bpour\s*:"))
_FIELDS = (
    ("membres_en_exercice", r"\ben exercice\b"),
    ("votants", r"\bvotants?\b|\bvoix\b|\bsuffrages\b"),
    ("pouvoirs", r"\bpouvoirs?\b|\bprocurations?\b|\brepresentes?\b"),
    ("absents", r"\babsents?\b|\bexcuses?\b"),
    ("presents", r"\bpresents?\b|\bpresence\b|\bsiegeaient\b"),
)
_DELIBERATIONS = re.compile(r"\b(?:combien|nombre)\s+(?:de|d')\s*(?:deliberations|delibs|decisions|points)\b")
_WORDS = {"membres_en_exercice": "membres en exercice", "presents": "présents", "pouvoirs": "pouvoirs",
          "votants": "votants", "absents": "absents", "pour": "voix pour", "contre": "voix contre",
          "abstention": "abstentions"}
CUES = stems("""combien nombre membres membre titulaires conseillers conseiller municipaux elus elu presents present
physiquement absents excuses pouvoirs procurations votants voix vote votes votee vote pour contre abstentions
abstention exercice seance lors donnes recueilli ont etaient ete""")


def detect(question: Question) -> bool:
    return bool(_ASKS.search(question.folded)) and not asks_sum(question.folded)


def field_asked(folded: str) -> str | None:
    for name, pattern in _VOTE:
        if re.search(pattern, folded) and re.search(r"\bvot|\bvoix\b|\babsten|\bcontre\b", folded):
            return name
    return next((name for name, pattern in _FIELDS if re.search(pattern, folded)), None)


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    if _DELIBERATIONS.search(q.folded):
        return _deliberations(ctx)
    field = field_asked(q.folded)
    if field is None:
        found = stated_count(q, ctx.ranked(k=5))
        return Draft(answer_of(ctx, "count", found.text, [found.cited]), facts=(found.fact,)) if found else None
    readings: list[tuple[Candidate, int, Citation]] = []
    for c in _items(ctx):
        value, cited = _reading(c.record, field, q.topic)
        if value is not None and cited is not None:
            readings.append((c, value, cited))
    if not readings:
        ctx.notes.append(f"les délibérations trouvées n'indiquent pas le nombre de {_WORDS[field]}")
        return None
    common = Counter(value for _, value, _ in readings).most_common(1)[0][0]
    said = _Said()
    first = next(r for r in readings if r[1] == common)
    said.add(ctx, field, *first, lead=True)
    for reading in readings:
        if reading[1] != common:
            said.add(ctx, field, *reading, lead=False)
    if said.refused:
        return None
    return Draft(answer_of(ctx, "count", "".join(said.text) + ".", said.citations), facts=tuple(said.facts),
                 figures=tuple(said.figures), period=q.period)


class _Said:
    """The parts of a count's answer: each reading with its citations, facts and figures."""

    def __init__(self) -> None:
        self.text: list[str] = []
        self.citations: list[Citation] = []
        self.facts: list[Fact] = []
        self.figures: list[Figure] = []
        self.refused = False

    def add(self, ctx: Context, field: str, c: Candidate, value: int, cited: Citation, lead: bool) -> None:
        what = f"{value} {_WORDS[field]}" if lead else f" ; {value}"
        where = describe(cited) if lead else f"pour la {describe(cited)}"
        if _departed(value, cited):  # a member left before this item's vote: the séance's count, less them
            base = _seance_count(ctx, c.record, field)
            if base is None or base[0] - value != 1:
                self.refused = True
                return
            self.citations += [base[1], cited]
            at = len(self.citations) - 2
            self.facts.append(Fact("count", str(base[0]), at))
            self.figures.append(Figure("less", Decimal(value), (at, at + 1), str(base[0])))
            self.text.append(f"{what} ({where} : {base[0]} à la séance, « {base[1].quote} », moins un départ, "
                             f"« {cited.quote} »)")
            return
        self.citations.append(cited)
        at = len(self.citations) - 1
        names = _names_counted(c.record, field, value)
        if names:  # no line prints the count: it is counted in the list, each name cited
            self.facts += [Fact("name", name, at) for name in names]
            self.figures.append(Figure("count", Decimal(value), tuple(range(len(names))), "noms"))
            self.text.append(f"{what} ({where} : « {cited.quote} ») : {', '.join(names)}")
            return
        self.facts.append(Fact("count", str(value), at))
        self.text.append(f"{what} ({where} : « {cited.quote} »)" if lead else f"{what} {where}")


_DEPARTURE = re.compile(r"quitte|sort de la salle|se retire|ne prend pas part|ne participe pas", re.I)


def _departed(value: int, cited: Citation) -> bool:
    return value not in integers(cited.quote) and bool(_DEPARTURE.search(cited.quote))


def _seance_count(ctx: Context, record: Deliberation, field: str) -> tuple[int, Citation] | None:
    """The count its séance's preamble prints, read from another item of the same séance."""
    for i in ctx.library.find(day=record.date) if record.date else []:
        other = ctx.record(i)
        value, cited = _reading(other, field)
        if other.source == record.source and value is not None and cited is not None and value in integers(cited.quote):
            return value, cited
    return None


def _items(ctx: Context) -> list[Candidate]:
    """The items asked: the one the topic names within the séance, else all of the séance."""
    q = ctx.question
    topic = content(q.topic, CUES)
    scoped = ctx.in_scope()
    if scoped is not None and not topic:
        return scoped
    ranked = ctx.fitting(CUES)
    return ranked[:1] if ranked else []


def _reading(record: Deliberation, field: str, topic: str = "") -> tuple[int | None, Citation | None]:
    if field in ("pour", "contre", "abstention"):
        vote, cited = vote_asked(record, topic, CUES)  # the part of the item asked, if it holds several
        value = getattr(vote, field)
        if value is None and field == "pour" and vote.unanimous and record.votants:
            return record.votants, cite_field(record, "votants")  # unanimous: every vote cast was for
        return value, cited
    if field == "absents" and record.absents is None and record.absent_members:
        return len(record.absent_members), cite_field(record, "absent_members")  # counted in the list
    return getattr(record, field), cite_field(record, field)


def _names_counted(record: Deliberation, field: str, value: int) -> list[str]:
    """The names a count was taken from, when no line prints the count itself."""
    listed = {"presents": record.present_members, "pouvoirs": tuple(g for g, _ in record.proxies),
              "absents": record.absent_members}.get(field, ())
    counted = any(f.endswith("comptés dans la liste") for f in record.flags) or \
        (field == "absents" and record.absents is None)
    return list(listed) if listed and len(listed) == value and counted else []


def _deliberations(ctx: Context) -> Draft | None:
    """How many deliberations a séance took: counted from the records of that séance (its
    questions diverses are no deliberation)."""
    scoped = [c for c in ctx.in_scope() or () if c.record.is_deliberation]
    if not scoped:
        return None
    first = scoped[0].record
    cited = cite_field(first, "date")
    if cited is None:
        return None
    numbers = [c.record.number for c in scoped if c.record.number]
    count = len(scoped)
    when = f"séance du {format_date(first.date)}" if first.date else "séance"
    text = f"{count} délibérations ({when}, {first.instance or ''} ; {describe(cited)})"
    if numbers:
        text += " : n° " + ", ".join(numbers)
    figure = Figure("count", Decimal(count), tuple(range(count)), "délibérations")
    return Draft(answer_of(ctx, "count", text + ".", [cited]), figures=(figure,), leads=tuple(numbers))


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    why = f" ({'; '.join(ctx.notes)})" if ctx.notes else ""
    return nothing_for(ctx, "donne ce nombre").rstrip(".") + why + "."


INTENT = Intent("count", detect, answer, abstention)
