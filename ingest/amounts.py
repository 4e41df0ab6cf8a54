"""Every euro amount of a deliberation: what it is, for whom and for which year.

In: a `Deliberation` with sections and title. Out: `Amount`s read from sentences, list
entries ("- Comité des fêtes : 1 200 €") and table rows, each with its `kind` (ingest.kinds:
from the clause around it or its column header), `role` (`records.role_of`), beneficiary
(ingest.parties; an anaphora such as "l'association" resolved to the party named before it,
else the title's) with its key (ingest.beneficiaries) and the year it is for
(ingest.grant_year). Pure. An amount read on an OCRed page carries that page's confidence.

A grant is counted once, where it is decided: a sentence of the dispositif first, else the
rows of a table or the entries of a list that the deliberation decides (an annex after the
dispositif, or one the dispositif refers to: "figurant au tableau ci-dessus", "telles que
proposées ci-dessus"), else the exposé. The same grant stated again elsewhere (the exposé's
proposal, an annex row repeating the dispositif) is a "restatement", so that summing the
decisions never counts a grant twice. A table of grants that nothing decides, or an amount of
the séance preamble (an agenda line), decides nothing ("other").
"""
import dataclasses
from collections import Counter

from registre.ingest.beneficiaries import display_name, names_of
from registre.ingest.drafts import Draft, Item, read_drafts
from registre.ingest.grant_year import recalled_year, year_for
from registre.records import DECISION_KINDS, Amount, Deliberation, role_of
from registre.text.fold import fold

_DECIDED = DECISION_KINDS | {"guarantee"}  # counted once, where the deliberation decides them
_OWN_PARTY = {"cost", "budget", "previous", "loan", "guarantee", "request", "recap"} | DECISION_KINDS
_NAMED = _OWN_PARTY | {"restatement", "price", "envelope"}  # kinds whose sentence names whom they are for


def find_deliberation_amounts(delib: Deliberation) -> tuple[Amount, ...]:
    item = Item.of(delib)
    drafts = read_drafts(delib, item)
    drafts = _restated(_placed(_with_parties(drafts, item), item))
    drafts = _granted_request(drafts, item)
    if item.dispositif is None and delib.vote.result is None:
        drafts = _undecided(drafts)
    aliases = _aliases(drafts, item)
    return tuple(_amount(delib, d, item, aliases) for d in sorted(drafts, key=lambda d: d.start))


def _with_parties(drafts: list[Draft], item: Item) -> list[Draft]:
    """An anaphora ("l'association", "lui") resolved to the party named last before it, else
    the title's; a decision naming nobody gets the title's party; a cost, budget, loan or
    earlier amount naming nobody gets the item's party (the one its dispositif names, else
    its title's)."""
    out = []
    for d in drafts:
        party = d.party
        if d.anaphora:
            party = _antecedent(d, item)
        elif party is None and d.kind in DECISION_KINDS and d.origin == "sentence":
            party = item.party
        out.append(dataclasses.replace(d, party=party))
    out = [dataclasses.replace(d, party=None) if d.origin == "sentence" and d.kind not in _NAMED else d for d in out]
    named = Counter(d.party for d in out if d.party and d.section == "dispositif" and d.origin == "sentence")
    main = named.most_common(1)[0][0] if named else item.party
    return [dataclasses.replace(d, party=main) if d.party is None and d.kind in _OWN_PARTY and d.origin == "sentence"
            else d for d in out]


def _antecedent(draft: Draft, item: Item) -> str | None:
    """What "l'association", "cette action", "lui" stands for: the last party named before it
    with the same head ("l'association Numérikéo"), else the title's, else the last named."""
    bare = next((p for p in item.named if p.bare and p.start <= draft.start < p.end + 200), None)
    head = fold(bare.name).split()[-1] if bare else ""
    before = [p for p in item.named if not p.bare and p.start < draft.start]
    same = [p for p in before if head and fold(p.name).startswith(head)]
    if same:
        return same[-1].name
    return item.party or (before[-1].name if before else None)


def _placed(drafts: list[Draft], item: Item) -> list[Draft]:
    """Decisions where the deliberation does not decide them turned to "other": in the séance
    preamble (an agenda line), in a table or list that nothing decides, a grant word with nobody
    to receive it in an item whose object is not a grant (a budget line, a motion)."""
    out = []
    for d in drafts:
        kind = d.kind
        if kind in _DECIDED:
            if 0 < d.start < item.heading or (kind in DECISION_KINDS and d.party is None and item.family != "grant"):
                kind = "other"
            elif d.origin != "sentence" and item.dispositif is not None and d.start < item.dispositif \
                    and not item.refers:
                kind = "other"
            elif kind == "initial" and item.replaces and d.section == "dispositif":
                kind = "amendment"  # "annule et remplace la délibération …": the new figure
        out.append(dataclasses.replace(d, kind=kind))
    return out


def _undecided(drafts: list[Draft]) -> list[Draft]:
    """A text with neither a decision nor a vote (a note, a letter, a truncated extract)
    decides nothing, whatever its words say about a grant."""
    return [dataclasses.replace(d, kind="other") if d.kind in DECISION_KINDS else d for d in drafts]


def _restated(drafts: list[Draft]) -> list[Draft]:
    """Rows and entries repeating a dispositif decision, then sentences outside the
    dispositif repeating any decision, turned to "restatement"."""
    decided = [d for d in drafts if d.kind in _DECIDED and d.section == "dispositif" and d.origin == "sentence"]
    listed = _demote([d for d in drafts if d.origin != "sentence"], decided, named=True)
    decided += [d for d in listed if d.kind in _DECIDED]
    elsewhere = [d for d in drafts if d.origin == "sentence" and d.section != "dispositif"]
    kept = [d for d in drafts if d.origin == "sentence" and d.section == "dispositif"]
    return kept + listed + _demote(elsewhere, decided, named=False)


def _demote(candidates: list[Draft], decided: list[Draft], named: bool) -> list[Draft]:
    free = list(decided)
    out = []
    for draft in candidates:
        match = None
        if draft.kind in _DECIDED:
            match = next((d for d in free if _restates(draft, d, named)), None)
        if match is not None:
            free.remove(match)
            draft = dataclasses.replace(draft, kind="restatement")
        out.append(draft)
    return out


def _restates(draft: Draft, decided: Draft, named: bool) -> bool:
    if draft.value != decided.value or role_of(draft.kind) != role_of(decided.kind):
        return False
    if draft.party is None or decided.party is None or not (named or draft.printed):
        return not named
    return _same_party(draft.party, decided.party)


def _granted_request(drafts: list[Draft], item: Item) -> list[Draft]:
    """An item whose object is a grant, that has no dispositif and states no decision but one
    amount asked ("L'ASL a fait une demande de subvention de 500 €", then the vote), decides
    that amount."""
    requests = [d for d in drafts if d.kind == "request"]
    if item.family != "grant" or item.dispositif is not None or any(d.kind in _DECIDED for d in drafts) \
            or len({d.value for d in requests}) != 1:
        return drafts
    first = requests[0]
    return [dataclasses.replace(d, kind="initial" if d is first else "restatement") if d.kind == "request" else d
            for d in drafts]


def _aliases(drafts: list[Draft], item: Item) -> dict[str, set[str]]:
    """Per key, the keys of the other names of the same party printed in the deliberation."""
    out: dict[str, set[str]] = {}
    names = [d.party for d in drafts if d.party] + [p.name for p in item.named if not p.bare]
    for name in names + ([item.party] if item.party else []):
        known = names_of(name)
        for key in (known.key, *known.aliases):
            out.setdefault(key, set()).update({known.key, *known.aliases} - {key})
    return out


def _amount(delib: Deliberation, d: Draft, item: Item, aliases: dict[str, set[str]]) -> Amount:
    names = names_of(d.party) if d.party and d.kind != "total" else None  # a total covers a programme, no body
    if d.kind == "previous":
        year = recalled_year(d.quote, d.context, item.year)
    else:
        year = year_for(d.context) or item.year
    return Amount(
        d.value, role_of(d.kind), display_name(d.party) if d.party else None, d.quote, delib.page_at(d.start),
        d.section, d.start, d.end, _confidence(delib, d.start), kind=d.kind,
        beneficiary_key=names.key if names else None,
        beneficiary_aliases=tuple(sorted(aliases.get(names.key, set()) | set(names.aliases))) if names else (),
        beneficiary_id=names.identifier if names else None, year=year, replaces=d.replaces,
    )


def _same_party(a: str, b: str) -> bool:
    ka, kb = names_of(a), names_of(b)
    if ka.key == kb.key or ka.key in kb.aliases or kb.key in ka.aliases:
        return True
    ta, tb = set(ka.key.split()), set(kb.key.split())
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def _confidence(delib: Deliberation, offset: int) -> float | None:
    """The OCR confidence (0–100) of the page an amount was read on; None for a text page."""
    index = delib.page_at(offset) - delib.first_page
    return delib.page_confidences[index] if index < len(delib.page_confidences) else None


