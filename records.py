"""Typed records passed between ingest, index and qa.

In: nothing (this module depends on no other). Out: frozen dataclasses.
Money is Decimal, sequences are tuples; change a record with dataclasses.replace.
"""
import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

SectionKind = Literal[
    "header", "attendance", "expose", "dispositif", "vote", "signature", "annex",
    "furniture", "other",
]
AmountRole = Literal["grant", "cost", "cofinancing", "previous", "guarantee", "total", "other"]
# What an amount is. Decisions: a grant decided ("initial"), one that adds to an earlier grant
# ("complement"), sets a new total ("amendment"), takes off part of one ("reduction") or all of
# it ("cancellation"). Statements that decide nothing: the same decision stated again elsewhere
# in the deliberation ("restatement"), a sum of decisions ("recap"), an amount asked for
# ("request"), an earlier year or decision recalled ("previous"), the cost of an action or the
# price of a contract ("cost"), a beneficiary's or the collectivité's budget ("budget"), another
# body's share ("cofinancing"), a loan and the part of it guaranteed ("loan", "guarantee"), an
# envelope for a scheme ("envelope"), a total of several amounts ("total"), a unit price or fee
# ("tariff"), a purchase or sale price or a rent ("price"), money received ("revenue").
AmountKind = Literal[
    "initial", "complement", "amendment", "reduction", "cancellation",
    "restatement", "recap", "request", "previous", "cost", "budget", "cofinancing", "loan",
    "guarantee", "envelope", "total", "tariff", "price", "revenue", "other",
]
DECISION_KINDS: frozenset[str] = frozenset({"initial", "complement", "amendment", "reduction", "cancellation"})
_KIND_ROLES: dict[str, AmountRole] = {
    **{kind: "grant" for kind in DECISION_KINDS},
    "previous": "previous", "cost": "cost", "cofinancing": "cofinancing", "guarantee": "guarantee",
    "recap": "total", "envelope": "total", "total": "total",
}
VoteResult = Literal["adopted", "rejected", "withdrawn"]
# Where one file's ingestion can fail, in order.
IngestStage = Literal["read", "parse", "chunk", "embed", "write"]
# The named steps of the single writer, in the order a file reaches them: its texts embedded
# (embedding cache committed), its rows written (transaction still open), committed, and the
# FAISS file saved. A hook may be called at each (the crash test kills the process there).
WriteStep = Literal["embedded", "written", "committed", "saved"]
# Why two deliberations are one: the same words with the same number, date, instance and
# collectivité ("content"), or the same printed number, date and collectivité, all known ("number").
MergeEvidence = Literal["content", "number"]
# The kinds of question the answer chain knows (one module each in qa/intents/): a sum of money,
# a count, a name read in the text, the holder of an office at a séance or a date, a date, a
# yes/no, the deliberation a question points to, a list of deliberations, and anything else.
IntentName = Literal["amount", "count", "person", "office", "date", "boolean", "lookup", "list", "open"]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a source file; tables are rendered in `text` as tab-separated rows."""

    number: int
    text: str
    ocr_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A source file as read: its pages, in order, and what was noticed reading it
    (`warnings`, French reasons such as "octets nuls supprimés")."""

    source: str
    path: str
    sha256: str
    kind: str
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\f".join(page.text for page in self.pages)

    @property
    def page_offsets(self) -> tuple[int, ...]:
        """Offset in `text` where each page starts."""
        offsets, at = [], 0
        for page in self.pages:
            offsets.append(at)
            at += len(page.text) + 1
        return tuple(offsets)


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file as an index knows it: the path it was read at, its name, its bytes' SHA-256."""

    path: str
    source: str
    sha256: str


@dataclass(frozen=True, slots=True)
class FileIssue:
    """What happened to one file in an ingestion: why it failed or was skipped, or what was
    noticed reading it (`reason`, in French). The CLI and the app word the line.

    A failure says at which `stage`; one that no rule foresaw (a bug) keeps its `traceback`
    for the developers' log."""

    source: str
    reason: str
    stage: IngestStage = "read"
    traceback: str | None = None


@dataclass(frozen=True, slots=True)
class Merge:
    """A deliberation of a file found to be one already indexed from another place: stored,
    not indexed twice. `position` is its rank in its file (from 0), `label` names it
    (French), `kept` is the file of the one indexed."""

    position: int
    label: str
    kept: str
    evidence: MergeEvidence


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What an index did with one document: its deliberations indexed (merged ones left
    out), the chunks added, and the deliberations merged into ones already indexed."""

    deliberations: int
    chunks: int
    merged: tuple[Merge, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    start: int
    end: int
    text: str
    page: int


def role_of(kind: AmountKind) -> AmountRole:
    """The contract's coarse role of an amount of this kind: the one place that maps them.

    A decision is a "grant" whatever the vote (a withdrawn or rejected item's grant too:
    whether it took effect is the vote's business); a restatement, a request, a budget, a loan,
    a tariff, a price or a revenue is "other"."""
    return _KIND_ROLES.get(kind, "other")


@dataclass(frozen=True, slots=True)
class Amount:
    """A euro amount found in a deliberation, with what it is for.

    `role` is `role_of(kind)` (records read back from an index written before kinds existed
    have `kind` None). `beneficiary` is the name as printed (article and generic head such as
    "l'association" left out); `beneficiary_key` its canonical key
    (`ingest.beneficiaries.beneficiary_key`) and `beneficiary_aliases` the keys of the other
    names it is printed under in the same deliberation (an acronym and its expansion);
    `beneficiary_id` a SIRET (14 digits) or RNA number ("W" and 9 digits) printed next to the
    name. `year` is the year a grant is for (for a recalled amount, the year it was for; for
    other statements, the year printed with it, else the séance's). An amendment's `replaces`
    is the amount it replaces when printed ("de 8 000 € à 10 000 €").
    """

    value: Decimal
    role: AmountRole
    beneficiary: str | None
    quote: str
    page: int
    section: SectionKind
    start: int
    end: int
    confidence: float | None = None
    kind: AmountKind | None = None
    beneficiary_key: str | None = None
    beneficiary_aliases: tuple[str, ...] = ()
    beneficiary_id: str | None = None
    year: int | None = None
    replaces: Decimal | None = None

    def __post_init__(self):
        if self.kind is not None and self.role != role_of(self.kind):
            raise ValueError(f"an amount of kind {self.kind!r} has role {role_of(self.kind)!r}, not {self.role!r}")

    @property
    def is_decision(self) -> bool:
        """A grant decided, amended, reduced or cancelled here (not a statement of one); for a
        record written before kinds existed, an amount of role "grant"."""
        return self.kind in DECISION_KINDS if self.kind is not None else self.role == "grant"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value was read: its page, its span and the words that state it.

    `start` and `end` are offsets in the deliberation's text; a fact printed once in the
    séance preamble, before the deliberation, has offsets below its `heading`, negative
    when the preamble lies before the deliberation's own text."""

    page: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Vote:
    result: VoteResult | None = None
    unanimous: bool | None = None
    pour: int | None = None
    contre: int | None = None
    abstention: int | None = None


# The flag of a séance's "Questions diverses" kept as a part of its own: a record to search and
# cite, not a deliberation (counted, exported as one) nor a decision.
OTHER_BUSINESS = "questions diverses"


@dataclass(frozen=True, slots=True)
class PartVote:
    """One of the votes of an item that holds several, one per part (an agenda point "Adhésion
    aux associations" votes each association in turn): what the part is about, as its first
    line reads, its vote, and where the vote is printed."""

    subject: str
    vote: Vote
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Deliberation:
    """One deliberation (or decision): its text, sections, metadata and amounts.

    `start` is its offset in the document text; `heading` the offset in `text` where its
    own heading begins (what comes before is the preamble of its séance); `page_offsets[i]`
    is the offset in `text` where page `first_page + i` starts, and `page_confidences[i]`
    that page's OCR confidence (None for a text page; empty when no page was OCRed).
    `evidence` tells, per field name, where its value was read. `vote` is the item's first
    vote; `part_votes` all of them when it holds several, one per part. `matiere` is its ACTES
    classification code ("7.5"): printed on the document (then with evidence "matiere"), else
    classified from its title and dispositif (ingest.matiere).
    """

    source: str
    text: str
    start: int
    first_page: int
    page_offsets: tuple[int, ...]
    sections: tuple[Section, ...] = ()
    amounts: tuple[Amount, ...] = ()
    number: str | None = None
    date: dt.date | None = None
    instance: str | None = None
    collectivite: str | None = None
    title: str | None = None
    president: str | None = None
    secretaire: str | None = None
    rapporteur: str | None = None
    membres_en_exercice: int | None = None
    presents: int | None = None
    pouvoirs: int | None = None
    votants: int | None = None
    absents: int | None = None
    vote: Vote = field(default_factory=Vote)
    part_votes: tuple[PartVote, ...] = ()
    convocation_date: dt.date | None = None
    prefecture_date: dt.date | None = None
    affichage_date: dt.date | None = None
    actes_id: str | None = None
    siren: str | None = None
    present_members: tuple[str, ...] = ()
    absent_members: tuple[str, ...] = ()
    proxies: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()
    page_confidences: tuple[float | None, ...] = ()
    heading: int = 0
    evidence: tuple[tuple[str, Evidence], ...] = ()
    matiere: str | None = None

    @property
    def is_deliberation(self) -> bool:
        """False for a séance's questions diverses, recorded but never voted as one act."""
        return OTHER_BUSINESS not in self.flags

    def evidence_for(self, name: str) -> Evidence | None:
        return next((found for field_name, found in self.evidence if field_name == name), None)

    def page_at(self, offset: int) -> int:
        return self.first_page + max(0, bisect_right(self.page_offsets, offset) - 1)

    @property
    def last_page(self) -> int:
        return self.page_at(max(0, len(self.text) - 1))

    @property
    def key(self) -> str:
        """Stable identity: the printed number, else the source and date."""
        return self.number or f"{self.source}#{self.date or ''}#{self.start}"


@dataclass(frozen=True, slots=True)
class TableRow:
    """A table row of a deliberation, with the column headers it falls under.

    `group` is the heading printed above its table ("Priorité n°3 : …"), if any.
    """

    start: int
    end: int
    cells: tuple[str, ...]
    header: tuple[str, ...] | None
    group: str | None

    @property
    def label(self) -> str:
        return self.cells[0] if self.cells else ""

    def described(self) -> str:
        """"Header : value" pairs, so a row reads on its own."""
        if not self.header:
            return " | ".join(self.cells)
        return " | ".join(f"{h} : {c}" if h else c for h, c in zip(self.header, self.cells) if c)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A searchable piece of a deliberation: a section, part of one, or a table row.

    `header` ("Délibération 2022.00159 du 14 avril 2022 – TITRE") is prepended to `text`
    for embedding and full-text indexing, so a row is findable by its deliberation's subject.
    """

    section: SectionKind
    text: str
    header: str
    page: int
    start: int
    end: int

    @property
    def indexed_text(self) -> str:
        return f"{self.header}\n{self.text}"


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk found by a search, with the deliberation it belongs to."""

    chunk_id: int
    deliberation_id: int
    score: float
    section: str
    text: str
    page: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One deliberation in a ranked search (the `search --json` result shape)."""

    deliberation_id: int
    deliberation: str | None
    date: dt.date | None
    title: str | None
    instance: str | None
    collectivite: str | None
    source: str
    page: int
    score: float
    snippet: str
    hits: tuple[Hit, ...] = ()

    def to_dict(self) -> dict:
        return {
            "deliberation": self.deliberation, "date": self.date.isoformat() if self.date else None,
            "title": self.title, "instance": self.instance, "collectivite": self.collectivite,
            "source": self.source, "page": self.page, "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """A deliberation cited by an answer, with the verbatim sentence that supports it."""

    deliberation: str | None
    date: dt.date | None
    title: str | None
    instance: str | None
    collectivite: str | None
    source: str
    page: int
    quote: str
    amount: Decimal | None = None
    ocr_confidence: float | None = None  # 0–100 when the quote's page was read by OCR

    def to_dict(self) -> dict:
        out: dict[str, object] = {
            "deliberation": self.deliberation, "date": self.date.isoformat() if self.date else None,
            "title": self.title, "instance": self.instance, "collectivite": self.collectivite,
            "source": self.source, "page": self.page, "quote": self.quote,
        }
        if self.amount is not None:
            out["amount"] = {"value": float(self.amount), "currency": "EUR"}
        if self.ocr_confidence is not None:  # only for OCRed pages: text-layer citations keep the contract's keys
            out["ocr_confidence"] = round(self.ocr_confidence, 1)
        return out


@dataclass(frozen=True, slots=True)
class Trace:
    """How an answer was reached (`ask --explain`, the app's "Pourquoi cette réponse ?"): the
    question as read, the filters the index's own names gave, the candidates weighed with
    their scores, the draft answer, and what verification said of it. Text is French."""

    intent: IntentName
    reading: tuple[tuple[str, str], ...] = ()  # (what, as read): période, sujet, rôle…
    filters: tuple[tuple[str, str], ...] = ()  # (kind, the name the index knows and how it matched)
    candidates: tuple[tuple[str, float], ...] = ()  # (deliberation described, score), best first
    draft: str | None = None
    verdict: str = ""  # "vérifiée", or why the draft was refused, or why there was none

    def to_dict(self) -> dict:
        return {
            "intent": self.intent,
            "reading": {name: value for name, value in self.reading},
            "filters": [{"kind": kind, "value": value} for kind, value in self.filters],
            "candidates": [{"deliberation": label, "score": round(score, 4)} for label, score in self.candidates],
            "draft": self.draft,
            "verdict": self.verdict,
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """What `ask` returns: the French answer, its citations, or an abstention with leads;
    `trace` tells how it was reached."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    total: Decimal | None = None
    intent: IntentName = "open"
    leads: tuple[Citation, ...] = ()
    trace: Trace | None = None

    def to_dict(self) -> dict:
        out = {"question": self.question, "answer": self.answer, "abstained": self.abstained}
        if self.total is not None:
            out["total"] = {"value": float(self.total), "currency": "EUR"}
        out["citations"] = [c.to_dict() for c in self.citations]
        out["intent"] = self.intent
        out["leads"] = [c.to_dict() for c in self.leads]
        if self.trace is not None:
            out["trace"] = self.trace.to_dict()
        return out
