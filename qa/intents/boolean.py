"""Yes/no questions: was an item adopted, unanimously, withdrawn; was a person present; did a
decision grant money to someone; was an opinion favourable; was an option chosen.

In: a `Context`. Out: a `Draft` beginning "Oui" or "Non", cited from the vote or the list
ingest read (per item), from the decision's grants (index.ledger), or from the passage of the
text that states the vote or the choice asked about.
"""
import re

from registre.index.ledger import decisions
from registre.qa.cite import citation, cite_field, cite_name, cite_span, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Fact
from registre.qa.grants import label
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.match import same, words
from registre.qa.part_vote import vote_asked
from registre.qa.passages import best_passage, passage
from registre.qa.question import Question
from registre.qa.wording import content, stems, verbs_of
from registre.records import Citation, Deliberation

_INTERROGATIVE = re.compile(r"\b(?:qui|quel|quelle|quels|quelles|combien|quand|comment|pourquoi|quoi|lequel|laquelle|"
                            r"ou)\b")
_INVERTED = re.compile(r"^(?:est-ce que|est ce que|y a-t-il)|-t-(?:il|elle)s?\b|\b\w+-(?:il|elle)s?\b(?! y)|"
                       r"\b(?:etait|etaient|est|a|ont|sont)[ -](?:il|elle)s?\b")
# No inversion but a yes/no all the same: "la DM n°1 … a été approuvée ?", "votée à l'unanimité ou pas ?".
_DECIDED_ASKED = re.compile(r"\b(?:a|ont|est|sont|a ete|ont ete|ete)\s+(?:approuv|adopt|vot|accept|rejet|valid|retenu|"
                            r"maintenu|accord|refus|retir|reconduit|renouvel)\w*(?:\s+a l'unanimite)?\s*[?.!]*$")
_EITHER = re.compile(r",?\s+ou (?:pas|non)\s*[?.!]*$")  # its "ou" is no "où"
# Everyone voted for: "à l'unanimité", "tout le bureau a voté pour", "tous les élus ont voté pour".
_UNANIMITY = re.compile(r"\bunanim|\btou(?:t|te|s|tes)\s+(?:(?:le|la|les)\s+)?(?:\w+\s+)?(?:a|ont)\s+vote\s+pour\b|"
                        r"\bpersonne (?:n'a vote contre|ne s'est abstenu)")
_PRESENCE = re.compile(r"\bpresente?s?\b|\babsente?s?\b|\bparticip|\bassist|\bsiege")
_GRANT = re.compile(r"\bsubvention|\bverse|\baccorde|\battribue|\bfinanc|\bmontant")
_TALLY = re.compile(r"(\d+)\s*(?:voix\s+)?pour\b[^.\n]{0,40}?(\d+)\s*(?:voix\s+)?contre|"
                    r"(\d+)\s*(?:voix\s+)?contre[^.\n]{0,40}?(\d+)\s*(?:votes?\s+|voix\s+)?pour\b", re.I)
# What a vote answers: whether something was decided. "a-t-elle un coût ?" asks about its
# content, which the vote does not say.
_ABOUT_DECISION = re.compile(r"\b(?:adopt|approuv|vot|accept|rejet|refus|valid|retenu|retir|unanim|enterin|decid|"
                             r"accord|autoris|maintenu|reconduit|renouvel|pass[ee]|ok\b|delibere)")
_CHOICE = re.compile(r"\bchoisi|\bopte|\bretenu|\bprefere|\bdecide d")
_DECISION_SENTENCE = re.compile(r"\bd[ée]cision de\b|\bd[ée]cide\b|\bretenu|\bchoisi|\bopt[ée]", re.I)
CUES = stems("""est-ce que a-t-il a-t-elle ete etait adopte adoptee adoptes adoptees vote votee votes votees approuve
approuvee unanimite l'unanimite rejete rejetee retire retiree accepte acceptee present presente absent absente
participe assiste siege emis avis favorable defavorable choisi opte retenu seance lors oui non
elus elu elues conseillers conseiller membres votants pas""")  # who votes names no item


def detect(question: Question) -> bool:
    f = question.folded
    either = _EITHER.search(f)
    f = f[:either.start()] if either else f
    return bool(either or _INVERTED.search(f) or _DECIDED_ASKED.search(f)) and not _INTERROGATIVE.search(f)


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    people = q.named("person")
    if _PRESENCE.search(q.folded) and people:
        return _presence(ctx, people[0].key, people[0].names[0])
    candidate = _candidate(ctx)
    if candidate is None:
        return None
    record = candidate.record
    asked = content(q.topic, CUES)
    if re.search(r"\bavis\b", q.folded):
        return _opinion(ctx, record)
    if _CHOICE.search(q.folded):
        found = _choice(ctx, record, asked)
        if found:
            return found
    if len(_TALLY.findall(record.text)) >= 2:
        found = _tally(ctx, record, asked)
        if found:
            return found
    if _GRANT.search(q.folded) and not re.search(r"\bunanim|\badopt|\bvot|\brejet|\bretir", q.folded):
        return _granted(ctx, record, asked)
    if not _ABOUT_DECISION.search(q.folded):
        ctx.notes.append("la question ne porte pas sur une décision : le vote n'y répond pas")
        return None
    return _vote(ctx, record)


def _candidate(ctx: Context) -> Candidate | None:
    # "a-t-il choisi la publication électronique": the option asked is what the answer weighs,
    # the words before it say which deliberation.
    chosen = _CHOICE.search(ctx.question.topic.lower())
    about = ctx.question.topic[:chosen.start()] if chosen else None
    ranked = ctx.fitting(CUES, about=about)
    if ranked:
        return ranked[0]
    scoped = ctx.in_scope()
    return scoped[0] if scoped and len(scoped) == 1 else None


def _said(ctx: Context, yes: bool, cited: Citation, why: str = "") -> Draft:
    text = f"{'Oui' if yes else 'Non'}{' : ' + why if why else ''} ({describe(cited)} : « {cited.quote} »)."
    return Draft(answer_of(ctx, "boolean", text, [cited]))


def _vote(ctx: Context, record: Deliberation) -> Draft | None:
    f = ctx.question.folded
    vote, cited = vote_asked(record, ctx.question.topic, CUES)
    if vote.result is None or cited is None:
        ctx.notes.append("le vote n'est pas imprimé")
        return None
    if _UNANIMITY.search(f):
        unanimous = vote.unanimous if vote.unanimous is not None else (vote.contre == 0 and not vote.abstention)
        return _said(ctx, bool(unanimous) and vote.result == "adopted", cited)
    if re.search(r"\brejet", f):
        return _said(ctx, vote.result == "rejected", cited)
    if re.search(r"\bretir", f):
        return _said(ctx, vote.result == "withdrawn", cited)
    why = {"withdrawn": "point retiré de l'ordre du jour", "rejected": "rejeté"}.get(vote.result, "")
    return _said(ctx, vote.result == "adopted", cited, why)


def _presence(ctx: Context, key: str, name: str) -> Draft | None:
    wanted = set(key.split())
    for c in ctx.in_scope() or ctx.ranked(k=3):
        givers = tuple(giver for giver, _ in c.record.proxies)
        for listed, yes, field in ((c.record.present_members, True, "present_members"),
                                   (c.record.absent_members, False, "absent_members"), (givers, False, "proxies")):
            for member in listed:
                if wanted <= set(words_of(member)):
                    cited = cite_name(c.record, field, member)
                    if cited is None:
                        continue
                    state = "présent(e)" if yes else "absent(e)" + (" (a donné pouvoir)" if field == "proxies" else "")
                    draft = _said(ctx, yes, cited, f"{member} était {state}")
                    return Draft(draft.answer, facts=(Fact("name", member, 0),))
    ctx.notes.append(f"{name} ne figure dans aucune liste de présence trouvée")
    return None


def words_of(name: str) -> list[str]:
    from registre.index.name_forms import tokens

    return tokens(re.sub(r"^(?:M\.?|Mme|Mlle|Monsieur|Madame)\s+", "", name))


def _granted(ctx: Context, record: Deliberation, asked: frozenset[str]) -> Draft | None:
    """Does this deliberation grant money to what is asked? Read from its ledger decisions. The
    record was chosen for holding every word asked, so words its decisions' labels lack ("a-t-elle
    été maintenue malgré l'annulation") do not make a "Non": a sole beneficiary granted is the
    one asked about, unless the question names another the ledger knows; several, and none
    named, cannot be told apart. Only a deliberation that grants nothing at all says "Non"."""
    granting = [d for d in decisions(record) if d.effective and d.amount.kind not in _TAKES_BACK]
    keys = {m.key for m in ctx.question.named("beneficiary")}  # named as the ledger knows them
    asked = asked - verbs_of(ctx.question.topic)  # "a-t-il touché": the decision says it otherwise
    found = [d for d in granting if keys & {d.amount.beneficiary_key, *d.amount.beneficiary_aliases}] or \
        [d for d in granting if all(any(same(w, u) for u in label(record, d.amount)) for w in asked)]
    if not found and not keys and len({d.amount.beneficiary_key for d in granting}) == 1:
        found = granting  # no beneficiary named that the ledger knows: the sole one is the one asked
    if found:
        a = found[0].amount
        return _said(ctx, True, citation(record, a.quote, a.page))
    if any(d.effective for d in decisions(record)):
        ctx.notes.append("la délibération accorde à d'autres bénéficiaires que celui demandé, ou à plusieurs")
        return None
    refused = cite_field(record, "title") or cite_field(record, "vote")
    if refused is None:
        return None
    return _said(ctx, False, refused, "aucune subvention n'y est accordée")


_TAKES_BACK = frozenset({"reduction", "cancellation"})  # a decision that takes a grant back grants nothing


def _opinion(ctx: Context, record: Deliberation) -> Draft | None:
    m = list(re.finditer(r"avis\s+(d[ée]favorable|favorable)", record.text, re.I))
    if not m:
        return None
    last = m[-1]  # the decision comes after the exposé
    first, end = passage(record, last.start(), last.end())
    cited = cite_span(record, first, end)
    favourable = not last[1].lower().startswith(("d", "D"))
    asked_favourable = not re.search(r"defavorable", ctx.question.folded)
    return _said(ctx, favourable == asked_favourable, cited)


def _choice(ctx: Context, record: Deliberation, asked: frozenset[str]) -> Draft | None:
    """"a-t-il choisi la publication électronique": the decision sentence holds the option or not."""
    specific = frozenset(w for w in asked if not any(same(w, u) for u in words(record.title)))
    for m in _DECISION_SENTENCE.finditer(record.text, record.heading):
        first, end = passage(record, m.start(), m.end())
        decided = words(record.text[first:end])
        cited = cite_span(record, first, end)
        yes = bool(specific) and all(any(same(w, u) for u in decided) for w in specific)
        return _said(ctx, yes, cited)
    return None


def _tally(ctx: Context, record: Deliberation, asked: frozenset[str]) -> Draft | None:
    """A record holding several votes: the tally whose passage holds the words asked."""
    found = []
    for m in _TALLY.finditer(record.text):
        first, end = passage(record, m.start(), m.end())
        found.append((m, record, first, end, m.start(), m.end()))
    best = best_passage(asked, found)
    if best is None or best[1] < 0.6:
        return None
    m = best[0]
    pour, contre = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
    first, end = passage(record, m.start(), m.end())
    return _said(ctx, pour > contre, cite_span(record, first, end))


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    why = f" ({'; '.join(ctx.notes)})" if ctx.notes else ""
    return nothing_for(ctx, "permette de répondre par oui ou par non").rstrip(".") + why + "."


INTENT = Intent("boolean", detect, answer, abstention)
