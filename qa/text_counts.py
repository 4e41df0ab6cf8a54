"""Numbers a deliberation's text states of a thing: "330 projets ont été recensés", a table's
"Nombre d'actions" column.

In: a question and candidate deliberations (best first). Out: `Counted` (the number, the
citation of the sentence or row that states it, its fact), or None when no sentence or row
names the thing asked as the question does. Pure.
"""
import re
from dataclasses import dataclass

from registre.ingest.tables import table_rows
from registre.qa.cite import cite_span, describe
from registre.qa.draft import Fact
from registre.qa.library import Candidate
from registre.qa.match import EntityMatcher, words
from registre.qa.passages import passage
from registre.qa.question import Question
from registre.qa.wording import content, stems
from registre.records import Citation
from registre.text.fold import fold

MATCH_FLOOR = 0.75
COUNT_FLOOR = 0.6  # a count sentence names its thing less fully than a grant names its beneficiary
# Verbs of the question that qualify the thing counted rather than name it.
_CUES = stems("""combien nombre financees finances financee accordees attribuees retenues concernees concernes
recenses recensees suivi suivie ont sont etaient ete""")


@dataclass(frozen=True, slots=True)
class Counted:
    text: str
    cited: Citation
    fact: Fact


def noun_asked(folded: str) -> str | None:
    m = re.search(r"(?:combien|nombre)\s+(?:de|d')\s*([a-z]+)", folded)
    return m[1] if m else None


def stated_count(question: Question, candidates: list[Candidate]) -> Counted | None:
    noun = noun_asked(question.folded)
    if not noun:
        return None
    asked = content(question.topic, _CUES | words(noun))
    return _table_count(noun, asked, candidates) or _sentence_count(noun, asked, candidates)


def _sentence_count(noun: str, asked: frozenset[str], candidates: list[Candidate]) -> Counted | None:
    """"9 600 agents": the number before the noun asked, in the sentence closest to the question."""
    stem = re.escape(noun.rstrip("s")[:-1] if len(noun) > 4 else noun)
    found = []
    for candidate in candidates[:5]:
        text = candidate.record.text
        for m in re.finditer(rf"(?<![\d,.])(\d{{1,3}}(?:[ .]\d{{3}})+|\d+)\s+{stem}\w*", text, re.IGNORECASE):
            first, last = passage(candidate.record, m.start(), m.end())
            found.append((candidate, (first, last), m))
    if not found:
        return None
    labels = [words(c.record.text[first:last]) | words(c.record.title) for c, (first, last), _ in found]
    matcher = EntityMatcher(asked, labels)
    score, index = max((matcher.score(label), -i) for i, label in enumerate(labels))
    if score < COUNT_FLOOR:
        return None
    candidate, (first, last), m = found[-index]
    cited = cite_span(candidate.record, first, last)
    value = re.sub(r"[ .]", "", m[1])
    text = f"{m[1]} {noun} ({describe(cited)} : « {cited.quote} »)."
    return Counted(text, cited, Fact("count", value, 0))


def _table_count(noun: str, asked: frozenset[str], candidates: list[Candidate]) -> Counted | None:
    """A table with a « Nombre d'actions » column: the row the question names."""
    head = noun.rstrip("s")[:5]
    found = []
    for candidate in candidates[:5]:
        for row in table_rows(candidate.record.text):
            for index, title in enumerate(row.header or ()):
                if re.search(rf"nombre\s+d.{{0,3}}{head}", fold(title)) and index < len(row.cells) and row.cells[index]:
                    found.append((candidate, row, row.cells[index]))
    if not found:
        return None
    labels = [words(row.label) | words(c.record.title) for c, row, _ in found]
    matcher = EntityMatcher(asked, labels)
    score, index = max((matcher.score(label), i) for i, label in enumerate(labels))
    if score < MATCH_FLOOR:
        return None
    candidate, row, value = found[index]
    cited = cite_span(candidate.record, row.start, row.end)
    cited = Citation(cited.deliberation, cited.date, cited.title, cited.instance, cited.collectivite, cited.source,
                     cited.page, row.described(), None, cited.ocr_confidence)
    return Counted(f"{value} {noun} ({describe(cited)} : « {cited.quote} »).", cited, Fact("count", value.strip(), 0))
