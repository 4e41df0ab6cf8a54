"""Answer questions about people: who presided, was secretary, reported, signed, held a
proxy, carried out an action, and whether someone was present.

In: a parsed `Question` and candidate deliberations (best first). Out: an `Answer`
quoting the line that names the person, or None. Pure.
"""
import re

from registre.ingest.tables import table_rows
from registre.qa.cite import citation, describe, line_with
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, words
from registre.qa.question import Question
from registre.records import Answer, Deliberation
from registre.text.fold import fold
from registre.text.french import format_date

_ROLE_LABELS = {
    "president": (r"Pr[ée]sident(?:e)?\s+de\s+s[ée]ance|^\s*Pr[ée]sident(?:e)?\s*:|sous la pr[ée]sidence", "présidait la séance"),
    "secretaire": (r"Secr[ée]taire(?:\s+de\s+s[ée]ance|\s+[ée]lue?)?\s*:", "était secrétaire de séance"),
    "rapporteur": (r"Rapporteure?\s*:", "était rapporteur"),
}
_OPERATOR = re.compile(
    r"(?:op[ée]rateur\s+est|mise?\s+en\s+(?:œ|oe)uvre\s+par|port[ée]e?\s+par|r[ée]alis[ée]e?\s+par|"
    r"men[ée]e?\s+par)\s+(?:l'association\s+|la\s+soci[ée]t[ée]\s+)?(?P<name>[A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*)*)")
_SIGNER = re.compile(r"^\s*(?P<name>(?:[A-ZÀ-Ý][a-zà-ÿ'-]+\s+)+[A-ZÀ-Ý][A-ZÀ-Ý'-]{2,})\s*$", re.MULTILINE)
_CIVILITY_WORDS = words("monsieur madame mme m mr mlle present presente presents absent absente excuse "
                        "participe assiste seance pouvoir donne etait etaient il elle")


def answer_person(question: Question, candidates: list[Candidate], about) -> Answer | None:
    if question.role in _ROLE_LABELS:
        return _role(question, candidates)
    if question.role == "signataire":
        return _signer(question, about(question, candidates))
    if question.role == "mandataire":
        return _proxy(question, candidates)
    return _operator(question, about(question, candidates))


def _answer(question: Question, text: str, cites) -> Answer:
    return Answer(question.text, text, False, tuple(cites), None, question.intent)


def _role(question: Question, candidates: list[Candidate]) -> Answer | None:
    role = question.role
    assert role is not None  # answer_person sends only the questions naming a role here
    label, verb = _ROLE_LABELS[role]
    for candidate in candidates:
        name = getattr(candidate.record, role)
        found = line_with(candidate.record, label)
        if name and found and fold(name) in fold(found[0]):
            cited = citation(candidate.record, found[0], found[1])
            when = f" du {format_date(cited.date)}" if cited.date else ""
            return _answer(question, f"{name} {verb}{when} ({describe(cited)}).", [cited])
    return None


def _signer(question: Question, candidates: list[Candidate]) -> Answer | None:
    for candidate in candidates:
        record = candidate.record
        for section in (s for s in record.sections if s.kind == "signature"):
            names = _SIGNER.findall(section.text)
            if names:
                name = names[-1].strip()
                cited = citation(record, re.sub(r"\s+", " ", section.text), section.page)
                return _answer(question, f"{name} a signé ({describe(cited)}).", [cited])
    return None


def _proxy(question: Question, candidates: list[Candidate]) -> Answer | None:
    wanted = words(question.entity) - _CIVILITY_WORDS
    for candidate in candidates:
        for giver, holder in candidate.record.proxies:
            if wanted and wanted <= words(giver) | _CIVILITY_WORDS:
                found = line_with(candidate.record, re.escape(giver.split()[-1]) + r"[^\n]*pouvoir")
                if found and fold(holder) in fold(found[0]):
                    cited = citation(candidate.record, found[0], found[1])
                    return _answer(question, f"{giver} a donné pouvoir à {holder} ({describe(cited)}).", [cited])
    return None


def _operator(question: Question, candidates: list[Candidate]) -> Answer | None:
    cites, names = [], []
    for candidate in candidates:
        found = _OPERATOR.search(candidate.record.text)
        if found and EntityMatcher(question.entity, []).score(
                words(_sentence(candidate.record.text, found.start())) | words(candidate.record.title)) >= 0.75:
            sentence = _sentence(candidate.record.text, found.start())
            cites.append(citation(candidate.record, sentence, candidate.record.page_at(found.start())))
            names.append(found["name"])
    if cites:
        return _answer(question, f"{names[0]} ({', '.join(describe(c) for c in cites)}).", cites)
    return _row_holder(question, candidates)


def _row_holder(question: Question, candidates: list[Candidate]) -> Answer | None:
    """An annex row « action / PORTEUR »: the part of its first cell that the question lacks."""
    rows = [(c, row) for c in candidates for row in table_rows(c.record.text) if " / " in row.label]
    if not rows:
        return None
    labels = [words(row.described()) for _, row in rows]
    matcher = EntityMatcher(question.entity, labels)
    scored = sorted(((matcher.score(label), c, row) for label, (c, row) in zip(labels, rows)), key=lambda x: -x[0])
    score, candidate, row = scored[0]
    if score < 0.75 or (len(scored) > 1 and scored[1][0] == score):
        return None
    parts = [part.strip() for part in row.label.split(" / ")]
    holder = min(parts, key=lambda part: len(words(part) & words(question.entity)))
    cited = citation(candidate.record, row.described(), candidate.record.page_at(row.start))
    return _answer(question, f"{holder} ({describe(cited)}).", [cited])


def presence(question: Question, delib: Deliberation) -> Answer | None:
    wanted = words(question.entity) - _CIVILITY_WORDS
    if not wanted:
        return None
    givers = tuple(giver for giver, _ in delib.proxies)
    for group, yes in ((delib.present_members, True), (delib.absent_members, False), (givers, False)):
        for name in group:
            if wanted <= words(name):
                found = line_with(delib, re.escape(name.split()[-1]))
                if found:
                    cited = citation(delib, found[0], found[1])
                    state = "présent(e)" if yes else "absent(e)" + (" (a donné pouvoir)" if group is givers else "")
                    return _answer(question, f"{'Oui' if yes else 'Non'} : {name} était {state} ({describe(cited)}).", [cited])
    return None


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n\n", 0, at) + 2, 0)
    end_candidates = [i for i in (text.find(". ", at), text.find("\n\n", at)) if i >= 0]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return text[start:end]
