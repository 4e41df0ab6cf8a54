"""Read answers other than sums from the records: counts, dates, yes/no, lookups, lists.

In: a parsed `Question` and candidate deliberations (best first). Out: an `Answer`
whose every fact is quoted verbatim from a deliberation, or None when the records do
not hold it (the chain then abstains). People questions are in `qa.people`. Pure.
"""
import datetime as dt
import re

from registre.ingest.tables import table_rows
from registre.qa.cite import citation, describe, line_with
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, words
from registre.qa.people import answer_person, presence
from registre.qa.question import Question
from registre.records import Answer
from registre.text.fold import fold
from registre.text.french import find_dates, format_date

_COUNT_LABELS = {
    "membres_en_exercice": r"en\s+exercice\s*:?\s*\d+",
    "presents": r"pr[ée]sents?\s*:\s*\d+",
    "pouvoirs": r"(?:pouvoirs?|procurations?)\s*:\s*\d+",
    "votants": r"(?:votants?|voix)\s*:\s*\d+",
}
_VOTE_VERBS = r"vot|adopt|approuv|decid|delibere|valid|accord|attribu"
_SENTENCE = re.compile(r"[^.;\n]+(?:\n(?!\s*\n)[^.;\n]+)*[.;]?")
MATCH_FLOOR = 0.75
COUNT_FLOOR = 0.6  # a count sentence names its thing less fully than a grant names its beneficiary


def read(question: Question, candidates: list[Candidate]) -> Answer | None:
    if not candidates:
        return None
    if question.intent == "person":
        return answer_person(question, candidates, about_entity)
    reader = {"count": _count, "date": _date, "boolean": _boolean, "lookup": _lookup,
              "list": _list}.get(question.intent, _open)
    return reader(question, candidates)


def _answer(question: Question, text: str, cites) -> Answer:
    return Answer(question.text, text, False, tuple(cites), None, question.intent)


def _count(question: Question, candidates: list[Candidate]) -> Answer | None:
    if question.count_field in _COUNT_LABELS:
        for candidate in candidates[:3]:
            value = getattr(candidate.record, question.count_field)
            found = line_with(candidate.record, _COUNT_LABELS[question.count_field])
            if value is not None and found:
                cited = citation(candidate.record, found[0], found[1])
                return _answer(question, f"{value} ({describe(cited)} : « {cited.quote} »).", [cited])
        return None
    if question.count_noun:
        return _table_count(question, candidates) or _sentence_count(question, candidates)
    return None


def _sentence_count(question: Question, candidates: list[Candidate]) -> Answer | None:
    """"9 600 agents": the number before the noun asked, in the sentence closest to the question."""
    noun = question.count_noun or ""  # set: _count asks only then
    stem = re.escape(noun.rstrip("s")[:-1] if len(noun) > 4 else noun)
    found = []
    for candidate in candidates[:5]:
        for sentence in _SENTENCE.finditer(candidate.record.text):
            for m in re.finditer(rf"(\d{{1,3}}(?:[ .]\d{{3}})+|\d+)\s+{stem}\w*", sentence[0], re.IGNORECASE):
                found.append((candidate, sentence, m))
    if not found:
        return None
    labels = [words(s[0]) | words(c.record.title) for c, s, _ in found]
    matcher = EntityMatcher(_without(question.entity, question.count_noun), labels)
    score, index = max((matcher.score(label), i) for i, label in enumerate(labels))
    if score < COUNT_FLOOR:
        return None
    candidate, sentence, m = found[index]
    cited = citation(candidate.record, sentence[0], candidate.record.page_at(sentence.start()))
    return _answer(question, f"{m[1]} {question.count_noun} ({describe(cited)} : « {cited.quote} »).", [cited])


def _table_count(question: Question, candidates: list[Candidate]) -> Answer | None:
    """A table with a « Nombre d'actions » column: the row the question names."""
    noun = (question.count_noun or "").rstrip("s")[:5]  # set: _count asks only then
    found = []
    for candidate in candidates[:5]:
        for row in table_rows(candidate.record.text):
            for index, head in enumerate(row.header or ()):
                if re.search(rf"nombre\s+d.{{0,3}}{noun}", fold(head)) and index < len(row.cells) and row.cells[index]:
                    found.append((candidate, row, row.cells[index]))
    if not found:
        return None
    labels = [words(row.label) | words(c.record.title) for c, row, _ in found]
    matcher = EntityMatcher(_without(question.entity, question.count_noun), labels)
    score, index = max((matcher.score(label), i) for i, label in enumerate(labels))
    if score < MATCH_FLOOR:
        return None
    candidate, row, value = found[index]
    cited = citation(candidate.record, row.described(), candidate.record.page_at(row.start))
    return _answer(question, f"{value} {question.count_noun} ({describe(cited)} : « {cited.quote} »).", [cited])


def _date(question: Question, candidates: list[Candidate]) -> Answer | None:
    chosen = about_entity(question, candidates)
    if not chosen:
        return None
    if question.order:
        chosen = sorted((c for c in chosen if c.record.date), key=lambda c: c.record.date or dt.date.min,
                        reverse=question.order == "last") or chosen
    delib = chosen[0].record
    q = fold(question.text)
    day: dt.date | None
    if re.search(r"convo[cq]", q):
        if not delib.convocation_date:
            return None
        found = line_with(delib, r"convoqu|Date de convocation")
        text, day = "La convocation date du", delib.convocation_date
    elif not re.search(_VOTE_VERBS, q) and (event := _event_date(question, chosen[0])):
        return event
    else:
        found = line_with(delib, r"S[ÉE]ANCE|Commission permanente du|D[ÉE]LIB[ÉE]RATION\s+DU|R[ÉE]UNION")
        text, day = "Votée le", delib.date
    if not day or not found:
        return None
    cited = citation(delib, found[0], found[1])
    return _answer(question, f"{text} {format_date(day)} ({describe(cited)}).", [cited])


def _event_date(question: Question, candidate: Candidate) -> Answer | None:
    """A date written in the sentence that best matches the question ("lancé le 13 novembre 2018")."""
    sentences = [s for s in _SENTENCE.finditer(candidate.record.text) if find_dates(s[0])]
    if not sentences:
        return None
    labels = [words(s[0]) | words(candidate.record.title) for s in sentences]
    matcher = EntityMatcher(question.entity, labels)
    score, index = max((matcher.score(label), i) for i, label in enumerate(labels))
    if score < MATCH_FLOOR:
        return None
    sentence = sentences[index]
    day = find_dates(sentence[0])[0][0]
    cited = citation(candidate.record, sentence[0], candidate.record.page_at(sentence.start()))
    return _answer(question, f"Le {format_date(day)} : « {cited.quote} » ({describe(cited)}).", [cited])


def _boolean(question: Question, candidates: list[Candidate]) -> Answer | None:
    q = fold(question.text)
    delib = candidates[0].record
    if re.search(r"present|absent|particip|assist|siege", q):
        return presence(question, delib)
    if re.search(r"subvention|verse|accord|attribu|financ|montant", q):
        return _granted(question, candidates[0])
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
    return None


def _granted(question: Question, candidate: Candidate) -> Answer | None:
    """Does this deliberation grant money to the entity? Read from its decision."""
    record = candidate.record
    decision = next((s for s in record.sections if s.kind == "dispositif"), None)
    if decision is None:
        return None
    grants = [a for a in record.amounts if a.role == "grant"]
    matcher = EntityMatcher(question.entity, [words(a.beneficiary) | words(a.quote) for a in grants])
    granted = [a for a in grants if matcher.score(words(a.beneficiary) | words(a.quote)) >= MATCH_FLOOR]
    if granted:
        cited = citation(record, granted[0].quote, granted[0].page, granted[0].value)
        return _answer(question, f"Oui : « {cited.quote} » ({describe(cited)}).", [cited])
    cited = citation(record, decision.text, decision.page)
    return _answer(question, f"Non : la décision ne prévoit aucun montant accordé ({describe(cited)}).", [cited])


def _lookup(question: Question, candidates: list[Candidate]) -> Answer | None:
    chosen = about_entity(question, candidates)[:1]
    if not chosen or not chosen[0].record.title:
        return None
    record = chosen[0].record
    cited = citation(record, record.title or "", record.first_page)
    decision = next((s for s in record.sections if s.kind == "dispositif"), None)
    text = f"La {describe(cited)}" + (f" ({record.instance})" if record.instance else "") + f" porte sur : {record.title}."
    cites = [cited]
    if decision is not None:
        decided = citation(record, decision.text[:600], decision.page)
        cites.append(decided)
        text += f" Décision : « {decided.quote} »"
    return Answer(question.text, text, False, (cites[0], *cites[1:]), None, question.intent)


def _list(question: Question, candidates: list[Candidate]) -> Answer | None:
    if question.role in ("president", "secretaire", "rapporteur"):
        wanted = words(question.entity) - words("secrétaire président rapporteur séance")
        chosen = [c for c in candidates if wanted and wanted <= words(getattr(c.record, question.role))]
    else:
        chosen = about_entity(question, candidates)
    if not chosen:
        return None
    cites = [citation(c.record, c.record.title or "", c.record.first_page) for c in chosen]
    lines = " ; ".join(f"{describe(c)} – {c.title}" for c in cites)
    return _answer(question, f"Délibérations concernées : {lines}.", cites)


def _open(question: Question, candidates: list[Candidate]) -> Answer | None:
    wanted = words(question.entity or question.text)
    best = None
    for candidate in candidates[:3]:
        for match in _SENTENCE.finditer(candidate.record.text):
            overlap = len(wanted & words(match[0])) / max(len(wanted), 1)
            if best is None or overlap > best[0]:
                best = (overlap, candidate, match)
    if best is None or best[0] < 0.6:
        return None
    _, candidate, match = best
    cited = citation(candidate.record, match[0], candidate.record.page_at(match.start()))
    return _answer(question, f"« {cited.quote} » ({describe(cited)}).", [cited])


def _without(entity: str, noun: str | None) -> str:
    """The entity without the noun being counted: "agents" is what is counted, not a name."""
    if not noun:
        return entity
    return " ".join(w for w in entity.split() if words(w) != words(noun))


def about_entity(question: Question, candidates: list[Candidate]) -> list[Candidate]:
    """Candidates that name the entity (all of them when the question names a number, a
    day or no entity)."""
    if question.number or question.day or not question.entity.strip():
        return candidates
    labels = [words(c.record.title) | words(c.record.text) for c in candidates]
    matcher = EntityMatcher(question.entity, labels)
    scores = [matcher.score(label) for label in labels]
    best = max(scores)
    return [c for c, s in zip(candidates, scores) if s >= MATCH_FLOOR and s >= 0.85 * best]
