"""Every euro amount of a deliberation, with its role and beneficiary.

In: a `Deliberation` with sections and title. Out: `Amount`s: from sentences (role read
from the clause around the amount) and from table rows (role read from the column
header and the row label). Roles: grant, cost, cofinancing, previous, guarantee, total,
other. Pure. An amount read on an OCRed page carries that page's confidence (0–100;
below 80 is low).

A grant (or guarantee) is counted once, where it is decided: a sentence of the dispositif
first, else a table row (an annex), else the exposé. A table row repeating a dispositif
grant (same value and beneficiary), or an exposé sentence announcing a decided one (same
value, same or no beneficiary), gets role "other"; summing the amounts of role "grant"
is then safe. A grant stated only in the exposé stays a grant.
"""
import dataclasses
import re

from registre.ingest.tables import is_numeric, table_rows
from registre.records import Amount, AmountRole, Deliberation, Section, SectionKind
from registre.text.fold import fold
from registre.text.french import find_amounts, parse_number

_SKIPPED_SECTIONS = ("attendance", "furniture", "signature")
_DECIDED = ("grant", "guarantee")  # roles counted once, where the dispositif decides them
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀ-Ý«\"(-])|\n\s*\n|\n(?=\s*[-•*–]\s)|(?<=:)\s*\n")
# Checked in order on the folded clause: the first that matches gives the role.
_CLAUSE_ROLES: tuple[tuple[AmountRole, str], ...] = (
    ("guarantee", r"garanti"),
    ("previous", r"pour memoire|precedemment|l'an dernier|l'annee derniere|deja (?:ete )?(?:verse|attribue|accorde)"
                 r"|avait (?:ete )?(?:attribue|accorde|verse|vote)|au titre de l'annee (?:precedente|passee)"),
    ("cofinancing", r"co-?financ|sollicit|aupres de|feder|fonds europ|recette|percevoir|participation de l'etat"
                    r"|financement de l'etat|subvention de l'etat|de la region|du departement"),
    ("cost", r"\bcout|budget (?:total|global|previsionnel)|montant total de l'operation|depense totale|estime"),
    ("total", r"\btotal|\bglobal|enveloppe|\bdont\b|\d+ (?:projets|actions|dossiers|associations)\b|repartis?"),
    ("other", r"superieures? a|inferieures? a|au-dela de|plafon|maximum|minimum|seuil"),
    ("grant", r"subvention|attribu|accord|allou|octroi|verse|financement|soutien|participation|contribution"
              r"|\baide|valide|approuve|a hauteur de|pour un montant"),
)
_GRANT_HEADER = r"contribution|subvention|accord|attribu|aide|participation|propos|vot|\bpv\b|allou|montant"
_COFINANCING_HEADER = r"\betat\b|region|departement|feder|europe|caf\b|autres? financ|co-?financ"
_COST_HEADER = r"cout|budget|depense|prix"
_COUNT_HEADER = r"nombre d"
_BENEFICIARY = re.compile(
    r"(?:au profit de|en faveur de|[àa]|aux?|pour|de)\s+(?:l'|la |le |les )?"
    r"(?P<kind>association|action|structure|club|fondation|soci[ée]t[ée]|coop[ée]rative|CCAS|commune de|ville de)\s+"
    r"«?\s*(?P<name>[^,;:()«»\n]+?)\s*»?(?=\s+(?:pour|[àa] hauteur|d'un montant|au titre|dans le cadre|qui|afin)\b"
    r"|\s+(?:une?|la|le)\s+(?:subvention|aide|participation|somme|dotation|montant|contribution)\b"
    r"|\s+(?:de\s+)?\d|\s+-\s|[,;:()\n]|$)",
    re.IGNORECASE,
)


def find_deliberation_amounts(delib: Deliberation) -> tuple[Amount, ...]:
    rows = table_rows(delib.text)
    row_spans = [(row.start, row.end) for row in rows]
    title_beneficiary = _beneficiary(delib.title or "")
    sentences: list[Amount] = []
    for section in delib.sections:
        if section.kind in _SKIPPED_SECTIONS:
            continue
        sentences += _sentence_amounts(delib, section, row_spans, title_beneficiary)
    found = _mark_restatements(sentences, _row_amounts(delib, rows))
    return tuple(sorted(found, key=lambda amount: amount.start))


def _mark_restatements(sentences: list[Amount], in_rows: list[Amount]) -> list[Amount]:
    """Sentences and rows with the restatements among them turned to role "other"."""
    decided = [a for a in sentences if a.role in _DECIDED and a.section != "expose"]
    rows = _demote(in_rows, decided, named=True)
    decided += [a for a in rows if a.role in _DECIDED]
    expose = [a for a in sentences if a.section == "expose"]
    others = [a for a in sentences if a.section != "expose"]
    return others + _demote(expose, decided, named=False) + rows


def _demote(candidates: list[Amount], decided: list[Amount], named: bool) -> list[Amount]:
    """Each candidate restating a decided amount (each matched once) gets role "other".
    With `named`, both must name the same beneficiary; else an unnamed one matches too."""
    free = list(decided)
    out = []
    for amount in candidates:
        match = None
        if amount.role in _DECIDED:
            match = next((d for d in free if _restates(amount, d, named)), None)
        if match is not None:
            free.remove(match)
            amount = dataclasses.replace(amount, role="other")
        out.append(amount)
    return out


def _restates(amount: Amount, decided: Amount, named: bool) -> bool:
    if (amount.value, amount.role) != (decided.value, decided.role):
        return False
    names = (amount.beneficiary, decided.beneficiary)
    if None in names:
        return not named
    return fold(names[0] or "") == fold(names[1] or "")


def _sentence_amounts(delib: Deliberation, section: Section, row_spans, title_beneficiary):
    out = []
    for value, (start, end) in find_amounts(section.text):
        at = section.start + start
        if any(row_start <= at < row_end for row_start, row_end in row_spans):
            continue
        sentence, sentence_start = _sentence_around(section.text, start)
        clause = fold(sentence[: start - sentence_start + (end - start)])
        role = _clause_role(clause, sentence)
        beneficiary = _beneficiary(sentence) or (title_beneficiary if role == "grant" else None)
        out.append(Amount(value, role, beneficiary, _squash(sentence), delib.page_at(at),
                          section.kind, at, section.start + end, _confidence(delib, at)))
    return out


def _sentence_around(text: str, at: int) -> tuple[str, int]:
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    start = max(b for b in bounds if b <= at)
    end = min(b for b in bounds if b > at)
    return text[start:end], start


def _clause_role(clause: str, sentence: str) -> AmountRole:
    """Role from the words before the amount (and a little after it for 'dont')."""
    tail = fold(sentence)
    for role, pattern in _CLAUSE_ROLES:
        if re.search(pattern, clause) or (role == "total" and re.search(r"€\s*dont\b|euros\s*dont\b", tail)):
            return role
    return "other"


def _row_amounts(delib: Deliberation, rows) -> list[Amount]:
    out = []
    for row in rows:
        header = tuple(fold(h) for h in (row.header or ()))
        aggregate = any(re.search(_COUNT_HEADER, h) for h in header)
        for index, (cell, at) in enumerate(_cells_with_offsets(delib.text, row)):
            column = header[index] if index < len(header) else ""
            if index == 0 or not is_numeric(cell) or not _is_money_column(column, cell):
                continue
            value = parse_number(re.sub(r"[€a-zA-Z%\s]+$", "", cell.strip()))
            if value is None:
                continue
            out.append(Amount(value, _row_role(row.label, column, aggregate), row.label or None,
                              _squash(row.described()), delib.page_at(row.start),
                              _section_kind(delib, row.start), at, at + len(cell),
                              _confidence(delib, at)))
    return out


def _cells_with_offsets(text: str, row) -> list[tuple[str, int]]:
    out, at = [], row.start
    for raw in text[row.start:row.end].rstrip("\n\f").split("\t"):
        out.append((raw.strip(), at + len(raw) - len(raw.lstrip())))
        at += len(raw) + 1
    return out


def _is_money_column(column: str, cell: str) -> bool:
    if "%" in cell or re.search(_COUNT_HEADER, column):
        return False
    return "€" in cell or "euro" in cell.lower() or bool(re.search(
        rf"{_GRANT_HEADER}|{_COST_HEADER}|{_COFINANCING_HEADER}|€|euro|financ|total", column))


def _row_role(label: str, column: str, aggregate: bool) -> AmountRole:
    if aggregate or not label.strip() or re.match(r"\s*(?:sous-)?total", label, re.IGNORECASE):
        return "total"
    if re.search(_COST_HEADER, column):
        return "cost"
    if re.search(_COFINANCING_HEADER, column):
        return "cofinancing"
    if re.search(_GRANT_HEADER, column):
        return "grant"
    return "other"


def _confidence(delib: Deliberation, offset: int) -> float | None:
    """The OCR confidence (0–100) of the page an amount was read on; None for a text page."""
    index = delib.page_at(offset) - delib.first_page
    return delib.page_confidences[index] if index < len(delib.page_confidences) else None


def _section_kind(delib: Deliberation, offset: int) -> SectionKind:
    for section in delib.sections:
        if section.start <= offset < section.end:
            return section.kind
    return "other"


def _beneficiary(text: str) -> str | None:
    found = _BENEFICIARY.search(text)
    if not found:
        return None
    name = found["name"].strip(" .-–'")
    return name if 1 < len(name) < 120 else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
