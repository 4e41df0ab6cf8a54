"""The vote a question asks about, in an item that may hold several (ingest's part votes).

In: a deliberation, the question's topic and the intent's cue words. Out: the vote and the
citation of the words that state it: the one part whose opening line holds a word of the topic
that the item's title lacks ("l'ACCDM" in "Adhésion aux associations", "les enfants" in the
cantine's tariffs), the most of them if several parts hold some; none when the question singles
out no part of an item that holds several; the item's own vote when it holds one.
"""
from registre.qa.cite import citation, cite_field
from registre.qa.match import words
from registre.qa.wording import content
from registre.records import Citation, Deliberation, Vote


def vote_asked(record: Deliberation, topic: str, cues: frozenset[str] = frozenset()) -> tuple[Vote, Citation | None]:
    if not record.part_votes:
        return record.vote, cite_field(record, "vote")
    asked = content(topic, cues) - words(record.title)
    shared = [len(asked & words(part.subject)) for part in record.part_votes]
    best = max(shared)
    if best and shared.count(best) == 1:
        part = record.part_votes[shared.index(best)]
        return part.vote, citation(record, part.evidence.quote, part.evidence.page)
    # several votes and the question singles out none: the item's first would be a guess
    return Vote(), None
