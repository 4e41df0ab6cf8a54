"""Lists: the deliberations of a séance, those granting to someone (index.ledger), those a
person signed or was secrétaire of, those deciding a kind of amount (loan guarantees), those
that speak of something.

In: a `Context`. Out: a `Draft` listing the deliberations, one citation each (its title as
ingest read it; for grants, the decisions' own quotes, each beneficiary named).
"""
import re
from decimal import Decimal

from registre.index.ledger import decisions
from registre.qa.cite import citation, cite_field, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Figure
from registre.qa.grants import named
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.match import same, words
from registre.qa.money_asked import kinds_asked
from registre.qa.passages import mentioned
from registre.qa.question import Question
from registre.qa.stated import kind_of
from registre.qa.wording import content, stems
from registre.records import Citation

_ASKS = re.compile(r"^(?:liste|lister|listez|donnez? la liste)\b|\bliste des\b|\bquel(?:le)?s\s+(?:deliberations?|"
                   r"decisions?|actes?|associations|beneficiaires|organismes|structures)\b|"
                   r"\btoutes les (?:deliberations|decisions)\b")
# "les délibs du 11/10/2018 ?": deliberations named and nothing asked of them (no verb) are a list.
_NAMED = re.compile(r"^(?:les |toutes les )?(?:delibs?|deliberations|decisions|actes)\s+(?:du|de|des|prises|votees)\b")
_VERB = re.compile(r"-t-|\b(?:ont|sont|est|a|ete|etaient|avaient)\b|\b\w+-(?:elles|ils)\b")
_GRANTS = re.compile(r"\bsubvention|\battribu|\ben faveur\b|\bbeneficie|\bfinanc|\baccord|\bsoutien|\baide")
_ROLES = (("president", r"\bsign|\bpresid"), ("secretaire", r"\bsecretaire"), ("rapporteur", r"\brapport"))
_BENEFICIARIES = re.compile(r"\bquel(?:le)?s\s+(?:associations|beneficiaires|organismes|structures)\b")
CUES = stems("""liste lister listez delib delibs toutes tous quelles quels deliberations deliberation decisions decision actes
associations beneficiaires organismes structures attribuent attribue subvention subventions faveur beneficie ont
accordees accordes concernent concerne mentionnent mentionne parlent sont datent signees signe ou etait""")


def detect(question: Question) -> bool:
    f = question.folded
    return bool(_ASKS.search(f)) or bool(_NAMED.search(f)) and not _VERB.search(f)


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    asked = content(q.topic, CUES)
    people = q.named("person")
    role = next((name for name, pattern in _ROLES if re.search(pattern, q.folded)), None)
    if people and role:
        ids = {i for m in people for k in m.known if k.role == role for i in k.ids}
        return _listed(ctx, [c for c in ctx.records(ids) if ctx.scope.allows(c.id)])
    kinds, _ = kinds_asked(q.folded)
    if kinds:
        found = [c for c in _pool(ctx) if any(kind_of(a) in kinds and kind_of(a) not in ("total", "recap")
                                              for a in c.record.amounts) and _names(c, asked)]
        return _listed(ctx, found)
    if _GRANTS.search(q.folded):
        return _granting(ctx, asked)
    if not asked:
        return _listed(ctx, ctx.in_scope() or [])
    # "mentionnent le dispositif LOIRE (Loire Objectif …)": a parenthesis explains, it is not asked.
    said = content(re.sub(r"\([^)]*\)", " ", q.topic), CUES) or asked
    return _listed(ctx, [c for c in _pool(ctx) if mentioned(c.record, said)])


def _pool(ctx: Context) -> list[Candidate]:
    scoped = ctx.in_scope()
    return scoped if scoped is not None else ctx.ranked(k=30, cues=CUES)


def _names(c: Candidate, asked: frozenset[str]) -> bool:
    """The deliberation's title or its amounts' quotes hold every word asked."""
    held = words(c.record.title) | words(" ".join(a.quote for a in c.record.amounts))
    return all(any(same(w, u) for u in held) for w in asked)


def _granting(ctx: Context, asked: frozenset[str]) -> Draft | None:
    """The deliberations whose grant decisions took effect, for what is asked."""
    pool = _pool(ctx)
    if ctx.question.named("beneficiary") and ctx.scope.ids() is None:
        ids = {i for m in ctx.question.named("beneficiary") for i in m.ids}
        pool = ctx.records(ids | {c.id for c in pool})
    chosen = [n for n in named(asked, pool) if n.full] if asked else \
        [n for c in pool for n in _all(c)]
    effective = [n for n in chosen if any(d.effective and d.amount is n.amount for d in decisions(n.candidate.record))]
    if not effective:
        return None
    each = bool(_BENEFICIARIES.search(ctx.question.folded))
    citations: list[Citation] = []
    seen: set[int] = set()
    for n in sorted(effective, key=lambda n: (n.candidate.record.date, n.candidate.id, n.amount.start)):
        if each or n.candidate.id not in seen:
            citations.append(citation(n.candidate.record, n.amount.quote, n.amount.page))
            seen.add(n.candidate.id)
    if each:
        names = list(dict.fromkeys(n.amount.beneficiary or "" for n in effective if n.amount.beneficiary))
        text = f"{len(names)} bénéficiaires : {', '.join(names)} ({'; '.join(dict.fromkeys(describe(c) for c in citations))})."
        figure = Figure("count", Decimal(len(names)), tuple(range(len(names))))
        return Draft(answer_of(ctx, "list", text, citations), figures=(figure,))
    else:
        text = f"{len(seen)} délibérations : " + " ; ".join(f"{describe(c)} – {c.title or ''}" for c in citations) + "."
    return Draft(answer_of(ctx, "list", text, citations), figures=(_counted(citations),))


def _all(c: Candidate):
    from registre.qa.grants import Named

    return [Named(c, a, 1.0) for a in c.record.amounts if a.is_decision]


def _listed(ctx: Context, found: list[Candidate]) -> Draft | None:
    citations = [cited for c in found if (cited := _title(c)) is not None]
    if not citations:
        return None
    text = f"{len(citations)} délibérations : " + " ; ".join(f"{describe(c)} – {c.title or ''}" for c in citations) + "."
    return Draft(answer_of(ctx, "list", text, citations), figures=(_counted(citations),))


def _counted(citations: list[Citation]) -> Figure:
    """How many deliberations a list names: one per citation's deliberation."""
    keys = list(dict.fromkeys(c.deliberation or c.source for c in citations))
    return Figure("count", Decimal(len(keys)), tuple(range(len(keys))))


def _title(c: Candidate) -> Citation | None:
    cited = cite_field(c.record, "title")
    if cited is None:
        return None
    if cited.deliberation is None and c.record.number:
        return citation(c.record, cited.quote, cited.page)
    return cited


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    return nothing_for(ctx, "réponde à cette demande")


INTENT = Intent("list", detect, answer, abstention)
