"""Amounts: "combien pour X en 2022", "quel montant pour la garantie de …", "tarif du repas adulte".

In: a `Context`. Out: a `Draft` whose total is the ledger's net of the grant decisions the
question names (each cited with its quote; an amendment, reduction or cancellation said as
such), with per-year sums and averages as derived figures when asked; or, when the question
asks for another kind of amount (a guarantee, a contract, a tariff, a purchase, a fee, an
envelope, a programme's total), the one amount the records state for it. A decision matched
only in part is a lead, never summed.
"""
import re
from collections import defaultdict
from decimal import Decimal

from registre.index.gazetteer import Gazetteer
from registre.index.ledger import Net
from registre.qa.cite import citation, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Figure, Grant
from registre.qa.grants import Named, beneficiary_words, grant_nets, label, named
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.match import same, words
from registre.qa.money_asked import cue_words, kinds_asked
from registre.qa.question import Question
from registre.qa.stated import Stated, kind_words, sole, stated, words_printed
from registre.qa.wording import content, runs, stems, typed, verbs_of
from registre.records import Citation
from registre.text.fold import fold
from registre.text.french import format_amount

# Words that ask for money or say it was given: they never name who received it.
CUES = stems("""
combien montant montants somme sommes total totale totaux global globale tout en tout au total ensemble
subvention subventions aide aides dotation dotations financement financements finance credit credits argent
euro euros eur accorde accordee accordes accorder attribue attribuee attribues attribuer attribution verse versee
verses verser donne donnee donner recu recue recevoir percu percevoir touche obtenu vote votee voter alloue
allouee octroye valide validee mis mise mettre met association structure action porteur quel quelle an annee
annees moyenne moyen par chaque hauteur part fixe fixee fixes fixees approuve approuvee approuves approuvees accepte
acceptee decide decidee adopte adoptee arrete arretee prevu prevue
du due dus dues doit doivent reclame reclamer reclamee reclamees demande demandee demander
""")
_MONEY = re.compile(r"\bcombien\b|\bpart\s+(?:de|du|des|d')|\bquelle part\b|\bdevis\b|\bmontants?\b|\bsommes?\b|"
                    r"\bsubvention|\bfinancement|\bdotation|\btarifs?\b|"
                    r"\bprix\b|\bgaranti|\benveloppe|\bredevance|\bcredits?\b|\bcout(?:s|e|ent)?\b|\bbudgets?\b|"
                    r"\beuros?\b|€|\bsubvension|\baides?\b|\bversee?s?\b|\bpercue?s?\b|\btouchee?s?\b")
# Words that ask what was granted; a question without them ("quelle somme pour le livre perdu")
# may be about any amount a deliberation states.
_GRANTED = re.compile(r"\bsubvention|\bsubvension|\baides?\b|\bdotation|\bfinanc|\baccord|\battribu|\bvers[eé]|\bdonn|"
                      r"\brecu|\breçu|\bpercu|\btouch|\balloue|\boctroy|\bcombien\b|\bsoutien|\ben faveur|\bcredits?\b")
_PER_YEAR = re.compile(r"par an\b|par annee|chaque annee|annee par annee|annuel")
_AVERAGE = re.compile(r"\bmoyen")


def detect(question: Question) -> bool:
    return bool(_MONEY.search(question.folded))


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    # A year that names a thing ("la redevance 2020") is searched for, not required of a label.
    asked = content(q.topic, CUES) - ({str(q.period.soft_year)} if q.period.soft_year else set())
    kinds, preferred = kinds_asked(q.folded)
    if kinds is not None:
        asked -= cue_words(q.folded)
    if kinds is None:
        draft = _granted(ctx, asked)
        if draft is not None or ctx.notes:
            return draft
        kinds = ({"total", "recap", "envelope"} if _GRANTED.search(q.folded) else None) if asked else set()
        preferred = {"total"}
    candidates = ctx.ranked(k=6)
    named = acronyms(q.topic, ctx.library.gazetteer())
    found = stated(asked, candidates, kinds, preferred, verbs=verbs_of(q.topic),
                   qualifiers=words(q.period.soft_words), printed=named) if kinds != set() else None
    if found is None and kinds and kinds_asked(q.folded)[0]:
        # The deliberation asked about, far ahead, may state only one amount of the kind its words
        # call for (never for a grant asked: a table's total is no one beneficiary's grant).
        first = ctx.ahead(candidates, asked)
        found = sole(first, kinds, preferred) if first is not None else None
    if found is not None and not named <= words_printed(found.amount.quote):
        ctx.notes.append("la phrase du montant ne nomme pas ce que la question désigne par son sigle")
        found = None
    return _stated(ctx, found) if found is not None else None


def acronyms(topic: str, gazetteer: Gazetteer) -> frozenset[str]:
    """The acronyms typed in a question ("le montant de la DETR"), folded, but those the index
    knows as the name of a body, an instance or a beneficiary ("le CCAS", "l'ACCDM"): they name
    the amount asked, so the sentence stating it must print them (a neighbouring one may name
    another)."""
    typed = [m[0] for m in re.finditer(r"\b[A-Z]{3,}\b", topic)]
    return frozenset(fold(a) for a in typed if not gazetteer.mentions(a))


def _stated(ctx: Context, found: Stated) -> Draft:
    q = ctx.question
    a, record = found.amount, found.candidate.record
    cited = citation(record, _quote(a.quote), a.page, a.value)
    text = f"{format_amount(a.value)} : {kind_words(a.kind)} ({describe(cited)}) : « {cited.quote} »."
    return Draft(answer_of(ctx, "amount", text, [cited], a.value), figures=(Figure("stated", a.value, (0,)),),
                 period=q.period)


def _granted(ctx: Context, asked: frozenset[str]) -> Draft | None:
    q = ctx.question
    whole = q.period.whole_years
    pool = _pool(ctx, dated=not whole)
    named_by = asked
    if asked:
        chosen, named_by = _of_beneficiaries(ctx, asked, pool)
        if not chosen:
            named_by = asked
            found = named(asked, pool)
            chosen = [n for n in found if n.full]
            ctx.leads += [n.candidate for n in found if not n.full]
    elif q.numbers or q.period.day or (ctx.scope.names is not None and q.period.given):
        chosen = named(frozenset(), pool) or _all_decisions(pool)  # every grant of the séance or item asked
    else:
        return None
    if not chosen:
        return None
    titles = frozenset().union(*(words(n.candidate.record.title) for n in chosen))
    beyond = [w for w in asked if not any(same(w, u) for u in titles)]
    if asked and not any(same(w, u) for n in chosen for u in beneficiary_words(n.amount) for w in beyond):
        # No beneficiary's name holds the words asked beyond the deliberations' titles: the
        # question names a programme or a part of it ("les crédits de fonctionnement de la
        # première tranche"), whose stated total answers it when one holds every word asked.
        total = stated(asked, ctx.records({n.candidate.id for n in chosen}), {"total", "recap"}, {"total"}, strict=True)
        if total is not None:
            return _stated(ctx, total)
    nets = [net for net in grant_nets(chosen, q.period) if any(s.decision.effective for s in net.steps)]
    if not nets:
        ctx.leads += [n.candidate for n in chosen]
        reasons = {s.decision.why_not for net in grant_nets(chosen, q.period) for s in net.steps if s.decision.why_not}
        if reasons or not q.period.given:
            ctx.notes.append("aucune décision qui ait pris effet" + (f" : {', '.join(sorted(reasons))}" if reasons else ""))
        else:
            years = sorted({year for n in chosen if (year := n.amount.year or (
                n.candidate.record.date.year if n.candidate.record.date else None))})
            ctx.notes.append("décisions trouvées pour d'autres années : " + ", ".join(map(str, years)))
        return None
    return _draft(ctx, nets, named_by)


def _pool(ctx: Context, dated: bool) -> list[Candidate]:
    """The deliberations that may grant what is asked: those carrying the beneficiaries named,
    those the topic fits, and the whole scope when it is small."""
    ids: set[int] = set()
    for m in ctx.question.named("beneficiary"):
        ids |= {i for i in m.ids if ctx.scope.allows(i, dated)}
    ranked = ctx.ranked(dated=dated, k=15)
    scoped = ctx.scope.ids(dated)
    if scoped is not None and len(scoped) <= 40:
        ids |= scoped
    return ctx.records(ids | {c.id for c in ranked})


def _of_beneficiaries(ctx: Context, asked: frozenset[str],
                      pool: list[Candidate]) -> tuple[list[Named], frozenset[str]]:
    """The decisions for the beneficiaries the question names by their ledger key or alias, and
    the words that name them; when the question says more ("l'expo … de l'AGASEF"), those of
    the decisions whose words hold it all, named by all the words asked."""
    mentions = ctx.question.named("beneficiary")
    keys = {m.key for m in mentions}
    of_key = [Named(c, a, 1.0) for c in pool for a in c.record.amounts
              if a.is_decision and keys & {a.beneficiary_key, *a.beneficiary_aliases}]
    said = content(" ".join(m.text for m in mentions), CUES)
    rest = asked - said
    if not of_key or not rest:
        return of_key, said
    holding = [n for n in of_key if all(any(same(w, u) for u in label(n.candidate.record, n.amount)) for w in rest)]
    return (holding, asked) if holding else (of_key, said)


def _all_decisions(pool: list[Candidate]) -> list[Named]:
    return [Named(c, a, 1.0) for c in pool for a in c.record.amounts if a.is_decision]


def _draft(ctx: Context, nets: list[Net], asked: frozenset[str]) -> Draft:
    q = ctx.question
    citations: list[Citation] = []
    grants: list[Grant] = []
    parts: list[str] = []
    for net in nets:
        steps = [s for s in net.steps if s.decision.effective]
        said = []
        for step in steps:
            record, a = step.decision.deliberation, step.decision.amount
            citations.append(citation(record, _quote(a.quote), a.page, a.value))
            key = a.beneficiary_key if a.beneficiary_key and "#" not in a.beneficiary_key else None
            grants.append(Grant(len(citations) - 1, key, a.kind, a.role, step.decision.year, a.value,
                                step.after - step.before, a.replaces, True))
            said.append(_step_words(step.decision.amount.kind, a.value, a.replaces, citations[-1]))
        parts.append(", ".join(said))
    total = sum((net.value for net in nets), Decimal(0))
    figures = [Figure("net", total, tuple(range(len(grants))))]
    head = f"{format_amount(total)}{q.period.words()}"
    if len(grants) == 1:
        text = f"{head} : {describe(citations[0])}."
    else:
        text = f"{head} au total : {', '.join(parts[:-1])} et {parts[-1]}." if len(parts) > 1 else f"{head} : {parts[0]}."
    text += _splits(q, grants, figures, total)
    leads = _not_counted(nets)
    if leads:
        text += " Sans effet, non compté : " + "; ".join(f"n° {n} ({why})" for n, why in leads) + "."
    return Draft(answer_of(ctx, "amount", text, citations, total), grants=tuple(grants), figures=tuple(figures),
                 asked=runs(q.topic, asked) if asked else (), period=q.period,
                 leads=tuple(n for n, _ in leads))


def _step_words(kind, value: Decimal, replaces: Decimal | None, cited: Citation) -> str:
    where = describe(cited)
    if kind == "amendment":
        before = f"de {format_amount(replaces)} " if replaces is not None else ""
        return f"portés {before}à {format_amount(value)} ({where})"
    if kind == "reduction":
        return f"réduits de {format_amount(value)} ({where})"
    if kind == "cancellation":
        return f"annulés pour {format_amount(value)} ({where})"
    if kind == "complement":
        return f"{format_amount(value)} de complément ({where})"
    return f"{format_amount(value)} ({where})"


def _splits(q: Question, grants: list[Grant], figures: list[Figure], total: Decimal) -> str:
    """Per-year sums and the average, when asked, as figures carried with their inputs."""
    text = ""
    years: dict[int | None, list[int]] = defaultdict(list)
    for index, grant in enumerate(grants):
        years[grant.year].append(index)
    if _PER_YEAR.search(q.folded) and len(years) > 1:
        said = []
        for year, inputs in sorted(years.items(), key=lambda item: item[0] or 0):
            value = sum((grants[i].change for i in inputs), Decimal(0))
            figures.append(Figure("year", value, tuple(inputs), str(year)))
            said.append(f"{year} : {format_amount(value)}")
        text += " Par an : " + " ; ".join(said) + "."
    if _AVERAGE.search(q.folded) and grants:
        per_year = bool(_PER_YEAR.search(q.folded) or re.search(r"\ban\b|\bannee", q.folded))
        count = len(years) if per_year else len(grants)
        value = (total / count).quantize(Decimal("0.01"))
        figures.append(Figure("average", value, tuple(range(len(grants))), "an" if per_year else "délibération"))
        text += f" En moyenne : {format_amount(value)} par {'an' if per_year else 'décision'} ({count})."
    return text


def _not_counted(nets: list[Net]) -> list[tuple[str, str]]:
    return [(s.decision.deliberation.number or s.decision.deliberation.source, s.decision.why_not or "")
            for net in nets for s in net.steps if not s.decision.effective]


def _quote(sentence: str) -> str:
    return re.sub(r"^[-•*–\s]+|[\s;,]+$", "", sentence)


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    asked = typed(q.topic, content(q.topic, CUES)) or q.topic
    why = f" ({'; '.join(ctx.notes)})" if ctx.notes else ""
    return nothing_for(ctx, f"accorde ou indique un montant pour « {asked} »").rstrip(".") + why + "."


INTENT = Intent("amount", detect, answer, abstention)
