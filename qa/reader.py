"""Read answers other than sums from the records: people, counts, dates, yes/no, lookups.

In: a parsed `Question` and candidate deliberations (best first). Out: an `Answer`
whose every fact is quoted verbatim from a deliberation, or None when the records do
not hold it (the chain then abstains). Pure.
"""
import re

from registre.ingest.french import fold, format_date, parse_number
from registre.qa.cite import citation, describe, line_with
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, words
from registre.qa.question import Question
from registre.records import Answer, Deliberation

_ROLE_LABELS = {
    "president": (r"Pr[ée]sident(?:e)?\s+de\s+s[ée]ance|^\s*Pr[ée]sident(?:e)?\s*:|sous la pr[ée]sidence", "présidait la séance"),
    "secretaire": (r"Secr[ée]taire(?:\s+de\s+s[ée]ance|\s+[ée]lue?)?\s*:", "était secrétaire de séance"),
    "rapporteur": (r"Rapporteure?\s*:", "était rapporteur"),
}
_COUNT_LABELS = {
    "membres_en_exercice": r"en\s+exercice\s*:?\s*\d+",
    "presents": r"pr[ée]sents?\s*:\s*\d+",
    "pouvoirs": r"(?:pouvoirs?|procurations?)\s*:\s*\d+",
    "votants": r"(?:votants?|voix)\s*:\s*\d+",
}
_OPERATOR = re.compile(
    r"(?:op[ée]rateur\s+est|mise?\s+en\s+(?:œ|oe)uvre\s+par|port[ée]e?\s+par|r[ée]alis[ée]e?\s+par|"
    r"men[ée]e?\s+par)\s+(?:l'association\s+|la\s+soci[ée]t[ée]\s+)?(?P<name>[A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*)*)")


def read(question: Question, candidates: list[Candidate]) -> Answer | None:
    if not candidates:
        return None
    reader = {"person": _person, "count": _count, "date": _date, "boolean": _boolean,
              "lookup": _lookup, "list": _list}.get(question.intent, _open)
    return reader(question, candidates)


def _answer(question: Question, text: str, cites) -> Answer:
    return Answer(question.text, text, False, tuple(cites), None, question.intent)


def _person(question: Question, candidates: list[Candidate]) -> Answer | None:
    if question.role:
        label, verb = _ROLE_LABELS[question.role]
        for candidate in candidates:
            name = getattr(candidate.record, question.role)
            found = line_with(candidate.record, label)
            if name and found and fold(name) in fold(found[0]):
                cited = citation(candidate.record, found[0], found[1])
                when = f" du {format_date(cited.date)}" if cited.date else ""
                return _answer(question, f"{name} {verb}{when} ({describe(cited)}).", [cited])
        return None
    return _operator(question, candidates)


def _operator(question: Question, candidates: list[Candidate]) -> Answer | None:
    cites, names = [], []
    for candidate in _about_entity(question, candidates):
        found = _OPERATOR.search(candidate.record.text)
        if found:
            sentence = _sentence(candidate.record.text, found.start())
            cites.append(citation(candidate.record, sentence, candidate.record.page_at(found.start())))
            names.append(found["name"])
    if not cites:
        return None
    return _answer(question, f"{names[0]} ({', '.join(describe(c) for c in cites)}).", cites)


def _count(question: Question, candidates: list[Candidate]) -> Answer | None:
    for candidate in candidates[:3]:
        record = candidate.record
        if question.count_field == "absents" and record.absent_members:
            found = line_with(record, r"absents?")
            if found:
                cited = citation(record, found[0] + " " + ", ".join(record.absent_members), found[1])
                return _answer(question, f"{len(record.absent_members)} membres absents excusés ({describe(cited)}).", [cited])
        elif question.count_field:
            value = getattr(record, question.count_field)
            found = line_with(record, _COUNT_LABELS[question.count_field])
            if value is not None and found:
                cited = citation(record, found[0], found[1])
                return _answer(question, f"{value} ({describe(cited)} : « {cited.quote} »).", [cited])
        elif question.count_noun:
            found = re.search(rf"(\d{{1,3}}(?:[ .]\d{{3}})+|\d+)\s+{re.escape(question.count_noun[:-1])}\w*",
                              record.text, re.IGNORECASE)
            if found:
                value = parse_number(found[1])
                sentence = _sentence(record.text, found.start())
                cited = citation(record, sentence, record.page_at(found.start()))
                return _answer(question, f"{found[1]} {question.count_noun} ({describe(cited)}).", [cited])
    return None


def _date(question: Question, candidates: list[Candidate]) -> Answer | None:
    record = _about_entity(question, candidates)[:1]
    if not record:
        return None
    delib = record[0].record
    if "convoc" in fold(question.text) and delib.convocation_date:
        found = line_with(delib, r"convoqu|Date de convocation")
        what = "La convocation date du"
        day = delib.convocation_date
    else:
        found = line_with(delib, r"S[ÉE]ANCE|Commission permanente du|D[ÉE]LIB[ÉE]RATION\s+DU|R[ÉE]UNION")
        what = "Votée le"
        day = delib.date
    if not day or not found:
        return None
    cited = citation(delib, found[0], found[1])
    return _answer(question, f"{what} {format_date(day)} ({describe(cited)}).", [cited])


def _boolean(question: Question, candidates: list[Candidate]) -> Answer | None:
    q = fold(question.text)
    delib = candidates[0].record
    if re.search(r"unanimit|adopt|rejet|retir", q):
        found = line_with(delib, r"adopt|unanimit|rejet|retir|Pour\s*:")
        if not found or delib.vote.result is None:
            return None
        cited = citation(delib, found[0], found[1])
        if "unanimit" in q:
            yes = bool(delib.vote.unanimous)
        elif "rejet" in q:
            yes = delib.vote.result == "rejected"
        elif "retir" in q:
            yes = delib.vote.result == "withdrawn"
        else:
            yes = delib.vote.result == "adopted"
        return _answer(question, f"{'Oui' if yes else 'Non'} : « {cited.quote} » ({describe(cited)}).", [cited])
    if re.search(r"present|absent", q):
        return _presence(question, delib)
    return None


def _presence(question: Question, delib: Deliberation) -> Answer | None:
    wanted = words(question.entity) - words("présent présente absent excusé")
    if not wanted:
        return None
    givers = tuple(giver for giver, _ in delib.proxies)
    for group, yes in ((delib.present_members, True), (delib.absent_members, False), (givers, False)):
        for name in group:
            if wanted <= words(name):
                found = line_with(delib, re.escape(name))
                if found:
                    cited = citation(delib, found[0], found[1])
                    state = "présent(e)" if yes else "absent(e) ou représenté(e)"
                    return _answer(question, f"{'Oui' if yes else 'Non'} : {name} était {state} ({describe(cited)}).", [cited])
    return None


def _lookup(question: Question, candidates: list[Candidate]) -> Answer | None:
    delib = _about_entity(question, candidates)[:1]
    if not delib or not delib[0].record.title:
        return None
    record = delib[0].record
    found = line_with(record, re.escape(record.title[:40]).replace(r"\ ", r"\s+")) or (record.title, record.first_page)
    cited = citation(record, found[0], found[1])
    what = f" ({record.instance})" if record.instance else ""
    return _answer(question, f"La {describe(cited)}{what} porte sur : {record.title}.", [cited])


def _list(question: Question, candidates: list[Candidate]) -> Answer | None:
    chosen = _about_entity(question, candidates)
    if not chosen:
        return None
    cites = [citation(c.record, c.record.title or "", c.record.first_page) for c in chosen]
    lines = "; ".join(f"{describe(c)} – {c.title}" for c in cites)
    return _answer(question, f"Délibérations concernées : {lines}.", cites)


def _open(question: Question, candidates: list[Candidate]) -> Answer | None:
    wanted = words(question.entity or question.text)
    best = None
    for candidate in candidates[:3]:
        for match in re.finditer(r"[^.;\n]{20,400}[.;]?", candidate.record.text):
            overlap = len(wanted & words(match[0])) / max(len(wanted), 1)
            if best is None or overlap > best[0]:
                best = (overlap, candidate, match)
    if best is None or best[0] < 0.6:
        return None
    _, candidate, match = best
    cited = citation(candidate.record, match[0], candidate.record.page_at(match.start()))
    return _answer(question, f"« {cited.quote} » ({describe(cited)}).", [cited])


def _about_entity(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates that name the entity (all of them when the question names a number)."""
    if question.number or not question.entity.strip():
        return candidates
    labels = [words(c.record.title) | words(c.record.text) for c in candidates]
    matcher = EntityMatcher(question.entity, labels)
    scores = [matcher.score(label) for label in labels]
    best = max(scores)
    return [c for c, s in zip(candidates, scores) if s >= 0.75 and s >= 0.85 * best]


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n\n", 0, at) + 2, 0)
    end_candidates = [i for i in (text.find(". ", at), text.find("\n\n", at)) if i >= 0]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return text[start:end]
