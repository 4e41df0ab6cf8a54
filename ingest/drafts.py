"""The amounts of a deliberation as first read, before it is settled which of them decide.

In: a `Deliberation` (sections, title, text). Out: an `Item` (what the whole deliberation
tells: the party and year its title names, where its dispositif starts, whether the
dispositif decides a table or list) and `Draft`s: each amount of a sentence, bullet, list
entry ("- Comité des fêtes : 1 200 €", its name the party) or table cell (its column header
giving the kind, its bénéficiaire or porteur cell the party), with the kind its clause says
(ingest.kinds) and the party printed beside it. A list entry without a word of its own takes
the kind of the sentence that introduces the list ("Rappel des demandes 2019 :"). Pure.
"""
import dataclasses
import re
from decimal import Decimal

from registre.ingest import clauses
from registre.ingest.beneficiaries import names_of
from registre.ingest.grant_year import item_year
from registre.ingest.kinds import Clause, clause_kind, column_kind, title_family
from registre.ingest.parties import Party, parties, row_party, title_party
from registre.ingest.tables import table_rows
from registre.records import AmountKind, Deliberation, SectionKind
from registre.text.fold import fold
from registre.text.french import parse_number

_SKIPPED_SECTIONS = ("attendance", "furniture", "signature")
_REFERS = re.compile(r"annexe|tableau|ci-dessus|ci-dessous|ci-apres|suivant|figurant|detaille|repartition|liste"
                     r"|telles? que (?:propos|present|indiqu|defini)|programmation|ci-joint")


@dataclasses.dataclass(frozen=True)
class Item:
    """What the whole deliberation tells about each of its amounts."""

    heading: int
    title: str
    family: str | None  # what the title names: "grant" for "Subvention …"
    party: str | None  # who the title names
    year: int | None  # the year its grants are for
    dispositif: int | None  # offset where its dispositif starts
    refers: bool  # its dispositif decides a table or list ("figurant au tableau ci-dessus")
    replaces: bool  # its dispositif "annule et remplace" an earlier deliberation
    named: tuple[Party, ...]  # every party it names, for anaphora

    @classmethod
    def of(cls, delib: Deliberation) -> "Item":
        title = " ".join((delib.title or "").split())
        dispositif = [s for s in delib.sections if s.kind == "dispositif"]
        decides = fold(" ".join(s.text for s in dispositif))
        named = tuple(p._replace(start=p.start + s.start, end=p.end + s.start) for s in delib.sections
                      if s.kind not in _SKIPPED_SECTIONS and s.end > delib.heading
                      for p in parties(s.text) if p.start + s.start >= delib.heading)
        return cls(delib.heading, title, title_family(fold(title)), title_party(title),
                   item_year(fold(title), delib.date), dispositif[0].start if dispositif else None,
                   bool(_REFERS.search(decides)), "annule et remplace" in decides, named)


@dataclasses.dataclass(frozen=True)
class Draft:
    value: Decimal
    kind: AmountKind
    party: str | None
    start: int
    end: int
    quote: str
    section: SectionKind
    origin: str  # "sentence", "entry" (of a list) or "row"
    context: str  # the sentence or row, folded, for the year
    replaces: Decimal | None = None
    anaphora: bool = False  # the party is "l'association", "lui": the one named before
    printed: bool = False  # the party is named in the sentence or row itself


def read_drafts(delib: Deliberation, item: Item) -> list[Draft]:
    """Every amount of `delib`: those of table cells, then those of sentences and lists."""
    in_rows = _row_drafts(delib, table_rows(delib.text), item)
    return in_rows + _sentence_drafts(delib, item, [(d.start, d.end) for d in in_rows])


@dataclasses.dataclass
class _Lead:
    """The sentence that introduces a list ("Les propositions sont les suivantes :"), what it
    says the entries are, and whether the list under way follows it (after ":" or on the next
    line: a blank line and no colon part them)."""

    kind: AmountKind | None = None
    end: int = 0
    text: str = ""
    under_way: bool = False

    def entry(self, sentence: clauses.Sentence, section_text: str) -> AmountKind | None:
        if not self.under_way:
            gap = section_text[self.end:sentence.start]
            self.kind = self.kind if gap.rstrip().endswith(":") or "\n\n" not in gap else None
            self.under_way = True
        return self.kind

    def read(self, sentence: clauses.Sentence, kind: AmountKind | None) -> None:
        self.kind, self.end = kind, sentence.start + len(sentence.text.rstrip())
        self.text, self.under_way = sentence.text, False


def _sentence_drafts(delib: Deliberation, item: Item, taken: list[tuple[int, int]]) -> list[Draft]:
    """Amounts of sentences, bullets and list entries (not those of table cells in `taken`)."""
    out = []
    for section in (s for s in delib.sections if s.kind not in _SKIPPED_SECTIONS):
        lead = _Lead()
        for sentence in clauses.sentences(section.text):
            found = clauses.found_in(sentence)
            listed = clauses.is_listed(sentence)
            inherited = lead.entry(sentence, section.text) if listed else None
            kinds_here: list[AmountKind] = []
            for f in found:
                kind = clause_kind(f.clause, item.family, item.year, inherited)
                if f.follows and kinds_here:
                    kind = kinds_here[-1]  # "1 000 € par foyer (1 500 € pour …)": same kind
                kinds_here.append(kind)
                if any(start <= section.start + f.start < end for start, end in taken):
                    continue
                draft = _sentence_draft(section, sentence, f, kind, kinds_here, found)
                if inherited and kind == inherited:  # the lead-in tells the year ("Rappel des demandes 2019 :")
                    draft = dataclasses.replace(draft, context=fold(f"{lead.text} {sentence.text}"))
                out.append(draft)
            if not listed:
                lead.read(sentence, _lead_kind(sentence, kinds_here, item))
    return out


def _sentence_draft(section, sentence, f, kind, kinds_here, found) -> Draft:
    replaces = None
    if kind == "amendment" and len(kinds_here) > 1 and kinds_here[-2] == "previous":
        replaces = found[len(kinds_here) - 2].value  # "porte … de 8 000 € à 10 000 €"
    party, anaphora, origin = None, False, "sentence"
    if f.entry:
        party, origin = _entry_party(f.entry), "entry"
    elif near := parties(sentence.text):
        nearest = min(near, key=lambda p: abs(p.start - (f.start - sentence.start)))
        party, anaphora = (None, True) if nearest.bare else (nearest.name, False)
    return Draft(f.value, kind, party, section.start + f.start, section.start + f.end, _squash(sentence.text),
                  section.kind, origin, fold(sentence.text), replaces, anaphora, party is not None)


def _lead_kind(sentence, kinds_here: list[AmountKind], item: Item) -> AmountKind | None:
    """What a sentence introducing a list says its entries are: the kind of its last amount,
    or of an amount that would end it ("Rappel des demandes 2019 :", "les tarifs suivants :")."""
    if kinds_here:
        return kinds_here[-1]
    text = fold(sentence.text)
    return clause_kind(Clause(text, text, ""), item.family, item.year)


def _row_drafts(delib: Deliberation, rows, item: Item) -> list[Draft]:
    out = []
    for row in rows:
        header = tuple(fold(h) for h in (row.header or ()))
        aggregate = any(re.search(r"nombre d", h) for h in header)
        party = row_party(row.cells, row.header)
        for index, (cell, at) in enumerate(_cells_with_offsets(delib.text, row)):
            column = header[index] if index < len(header) else ""
            if index == 0 or not re.match(r"^\s*(?:\d[\d .,'’]*\d|\d)\s*(?:€|euros?)?\s*$", cell, re.IGNORECASE):
                continue
            kind = column_kind(column, row.label, cell, item.year)
            value = parse_number(re.sub(r"[€a-zA-Z%\s]+$", "", cell.strip()))
            if kind is None or value is None:
                continue
            kind = "total" if aggregate else kind
            out.append(Draft(value, kind, _covered(row.label) if kind == "total" else party, at, at + len(cell),
                              _squash(row.described()), _section_kind(delib, row.start), "row",
                              fold(f"{row.group or ''} {' '.join(row.header or ())}"), printed=party is not None))
    return out


def _covered(label: str) -> str | None:
    """What a total row covers ("PILIER 1/Renforcer …", "TOTAL PRIORITE 3"); None for a bare "TOTAL"."""
    return None if not label or re.fullmatch(r"(?i)\s*(?:sous-)?tota(?:l|ux)\s*", label) else label


def _entry_party(name: str) -> str:
    """A list entry's name without a bracketed note ("AS Rivière-sur-Dore (football)")
    unless the brackets hold an acronym's expansion."""
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name).strip()
    return name if names_of(name).aliases else bare or name


def _cells_with_offsets(text: str, row) -> list[tuple[str, int]]:
    out, at = [], row.start
    for raw in text[row.start:row.end].rstrip("\n\f").split("\t"):
        out.append((raw.strip(), at + len(raw) - len(raw.lstrip())))
        at += len(raw) + 1
    return out


def _section_kind(delib: Deliberation, offset: int) -> SectionKind:
    for section in delib.sections:
        if section.start <= offset < section.end:
            return section.kind
    return "other"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
