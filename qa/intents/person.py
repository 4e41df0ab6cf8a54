"""Names read in the text: "à qui X a donné pouvoir", "quelle association met en œuvre l'action
X", "qui a été nommé référent incendie", "qui a été élu 3ème adjoint", "quel prestataire remplace …".

In: a `Context`. Out: a `Draft` naming the proxy holder (from the list ingest read), the porteur
of an action (a table row "action / porteur", or the sentence that says who runs it), the one
elected (the name with most votes in the item's "Nom : N votes" lines), or the name in the
passage that best holds the question's words, each cited with its words.
"""
import re

from registre.ingest.tables import table_rows
from registre.qa.cite import cite_name, cite_span, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Fact
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, same, words
from registre.qa.passages import best_passage, own, passage
from registre.qa.question import Question
from registre.qa.wording import content, stems
from registre.records import Citation, Deliberation
from registre.text.fold import fold

# "…, c'est qui ?": a question that ends on "qui" asks who, wherever it begins.
_ASKS = re.compile(r"^qui\b|\bqui\s*[?!.]*$|\b(?:a|de|par|pour|avec) qui\b|\bqui\s+(?:est|etait|a|sera|porte|remplace|met)\b|"
                   r"\bquel(?:le)?\s+(?:association|structure|operateur|porteur|organisme|prestataire|entreprise|"
                   r"societe|personne|elue?|titulaire|beneficiaire|president|secretaire|rapporteur|conseill\w*|adjoint\w*|"
                   r"membre|agent)\b")
_PORTEUR = re.compile(r"\bport|\bmet(?:tent)? en (?:oeuvre|œuvre)|\boperateur|\bmise en oeuvre|\brealise")
_ELECTED = re.compile(r"\belue?s?\b|\belection\b")
_VOTES_FOR = re.compile(r"^[\s\-•*]*(?P<name>[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,2})\s*:\s*(?P<votes>\d+)\s+(?:votes?|voix)",
                        re.M)
# A name the index does not know yet, with its surname in capitals: "Romain HORY",
# "KOSOWSKI Dominique", "Anne-Marie MUNINGER".
_NAME = re.compile(r"\b(?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?\s+[A-ZÀ-Ý]{2,}(?:[ -][A-ZÀ-Ý]{2,})?"
                   r"|[A-ZÀ-Ý]{2,}(?:[ -][A-ZÀ-Ý]{2,})?\s+[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\b")
_OPERATOR = re.compile(
    r"(?:op[ée]rateur\s+est|mise?\s+en\s+(?:œ|oe)uvre\s+par|port[ée]e?\s+par|r[ée]alis[ée]e?\s+par|"
    r"men[ée]e?\s+par|conduite?\s+par|pilot[ée]e?\s+par)\s+(?:l'association\s+|la\s+soci[ée]t[ée]\s+|l'|la\s+|le\s+)?"
    r"(?P<name>[A-ZÀ-Ý][\w'’&-]*(?:\s+[A-ZÀ-Ý0-9][\w'’&-]*){0,4})")
MATCH_FLOOR = 0.75
TEXT_FLOOR = 0.5  # a name's passage holds half the question's words (weighted), one in its own sentence
CUES = stems("""qui quel quelle est etait a ete sera porte met mise oeuvre en operateur structure association porteur
organisme prestataire entreprise societe personne elu elue titulaire beneficiaire nomme nommee designe designee
lors""")


def detect(question: Question) -> bool:
    return bool(_ASKS.search(question.folded))


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    asked = content(q.topic, CUES)
    if re.search(r"\bpouvoir|\bprocuration", q.folded) and q.named("person"):
        return _proxy(ctx)
    candidates = ctx.ranked(k=5, cues=CUES)
    if not candidates:
        return None
    if _PORTEUR.search(q.folded):
        found = _operator(ctx, asked, candidates) or _row_holder(ctx, asked, candidates)
        if found:
            return found
    if _ELECTED.search(q.folded):
        found = _elected(ctx, candidates[0])
        if found:
            return found
    return _named_in_text(ctx, asked, candidates[:3])


def _proxy(ctx: Context) -> Draft | None:
    wanted = set(ctx.question.named("person")[0].key.split())
    for c in ctx.in_scope() or ctx.ranked(k=3):
        for giver, holder in c.record.proxies:
            if wanted <= set(words_of(giver)):
                cited = cite_name(c.record, "proxies", giver)
                if cited is None or fold(holder.split()[-1]) not in fold(cited.quote):
                    continue
                text = f"{giver} a donné pouvoir à {holder} ({describe(cited)} : « {cited.quote} »)."
                return Draft(answer_of(ctx, "person", text, [cited]), facts=(Fact("name", holder, 0),))
    return None


def words_of(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(re.sub(r"^(?:M\.?|Mme|Mlle|Monsieur|Madame)\s+", "", name)))


def _operator(ctx: Context, asked: frozenset[str], candidates: list[Candidate]) -> Draft | None:
    cites, names, facts = [], [], []
    for c in candidates:
        found = _OPERATOR.search(c.record.text.replace("’", "'"))
        if not found:
            continue
        first, last = passage(c.record, found.start(), found.end())
        label = words(c.record.text[first:last]) | words(c.record.title)
        if EntityMatcher(asked, []).score(label) >= MATCH_FLOOR:
            cites.append(cite_span(c.record, first, last))
            names.append(found["name"].strip())
            facts.append(Fact("name", names[-1], len(cites) - 1))
    if not cites:
        return None
    text = f"{names[0]} ({', '.join(describe(c) for c in cites)})."
    return Draft(answer_of(ctx, "person", text, cites), facts=(facts[0],))


def _row_holder(ctx: Context, asked: frozenset[str], candidates: list[Candidate]) -> Draft | None:
    """An annex row « action / PORTEUR »: the part of its first cell that the question lacks."""
    rows = [(c, row) for c in candidates for row in table_rows(c.record.text) if " / " in row.label]
    if not rows:
        return None
    labels = [words(row.described()) for _, row in rows]
    matcher = EntityMatcher(asked, labels)
    scored = sorted(((matcher.score(label), i) for i, label in enumerate(labels)), key=lambda x: -x[0])
    score, index = scored[0]
    if score < MATCH_FLOOR or (len(scored) > 1 and scored[1][0] == score):
        return None
    c, row = rows[index]
    parts = [part.strip() for part in row.label.split(" / ")]
    holder = min(parts, key=lambda part: len(words(part) & asked))
    cited = cite_span(c.record, row.start, row.end)
    cited = Citation(cited.deliberation, cited.date, cited.title, cited.instance, cited.collectivite, cited.source,
                     cited.page, row.described(), None, cited.ocr_confidence)
    return Draft(answer_of(ctx, "person", f"{holder} ({describe(cited)}).", [cited]), facts=(Fact("name", holder, 0),))


def _elected(ctx: Context, candidate: Candidate) -> Draft | None:
    """"- Anne-Marie : 11 votes": the name with most votes in the item asked about."""
    record = candidate.record
    found = [(int(m["votes"]), m) for m in _VOTES_FOR.finditer(record.text, record.heading)
             if fold(m["name"]) not in ("blanc", "blancs", "nul", "nuls", "pour", "contre")]
    if not found:
        return None
    votes, best = max(found, key=lambda item: item[0])
    if sum(1 for v, _ in found if v == votes) > 1:
        return None
    first, last = passage(record, best.start("name"), best.end())
    cited = cite_span(record, first, last)
    name = best["name"].strip()
    text = f"{name}, avec {votes} voix ({describe(cited)} : « {cited.quote} »)."
    return Draft(answer_of(ctx, "person", text, [cited]), facts=(Fact("name", name, 0),))


def names_in(ctx: Context, record: Deliberation) -> list[tuple[str, int, int]]:
    """People named in a deliberation's text: those the index knows (two words or more), else
    words shaped as a name ("Romain HORY"), first word not a title or an article."""
    known = [(record.text[m.start:m.end], m.start, m.end) for m in ctx.library.gazetteer().mentions(record.text)
             if m.kind == "person" and " " in m.key]
    shaped = [(m[0], m.start(), m.end()) for m in _NAME.finditer(record.text)
              if fold(m[0].split()[0]) not in _NOT_NAMES and fold(m[0].split()[-1]) not in _NOT_NAMES
              and not any(start < m.end() and m.start() < end for _, start, end in known)]
    return sorted(known + shaped, key=lambda found: found[1])


_NOT_NAMES = frozenset(fold(w) for w in """le la les un une des du de au aux monsieur madame mme maire conseil conseillers
municipal municipale adjoint adjointe président présidente secrétaire article titulaire suppléant responsable
commune mairie ville département région métropole bureau commission séance délibération vote voix pour contre""".split())


def _named_in_text(ctx: Context, asked: frozenset[str], candidates: list[Candidate]) -> Draft | None:
    """The name in the passage that best holds the question's words; the name's own sentence
    (with the label of its list item) must hold one of them ("David Tripogney sera le
    correspondant incendie"), so that a name printed near them only by chance (the secrétaire of
    a séance about a designation) is never taken for the one asked."""
    found = []
    for c in candidates:
        for name, start, end in names_in(ctx, c.record):
            first, last = passage(c.record, start, end)
            own_start, own_end = own(c.record, start, end)
            held = words(c.record.text[own_start:own_end])
            if any(any(same(w, u) for u in held) for w in asked):
                found.append(((c, name, first, last), c.record, first, last, start, end))
    best = best_passage(asked, found)
    if best is None or best[1] < TEXT_FLOOR:
        return None
    (c, name, first, last), _ = best
    cited = cite_span(c.record, first, last)
    name = " ".join(name.split())
    text = f"{name} ({describe(cited)} : « {cited.quote} »)."
    return Draft(answer_of(ctx, "person", text, [cited]), facts=(Fact("name", name, 0),))


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    return nothing_for(ctx, "nomme la personne ou l'organisme demandé")


INTENT = Intent("person", detect, answer, abstention)
