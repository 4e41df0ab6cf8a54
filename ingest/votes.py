"""Read how an item was decided: result, unanimity and the counts of the vote.

In: `Block`s of an item's own text (its dispositif and vote lines first). Out: a `Found`
`Vote` with the span of the statement that gives it, or None when no vote is printed. Pure.

Forms: "Ce dossier a été adopté à l'unanimité.", "Adoptée - Pour : 22 - Contre : 10 -
Abstentions : 2.", "par 9 voix pour, 3 voix contre et 2 abstentions", "Par 13 voix POUR – 1
ABSTENTION", "DEUX voix POUR - ONZE voix CONTRE", "2 contre 3 absentions 6 votes pour",
"APPROUVÉE à l'unanimité", "ADOPTÉE", "retiré de l'ordre du jour", "Proposition non retenue".
"""
import re
from collections.abc import Iterator

from registre.ingest import patterns as p
from registre.ingest.evidence import Block, Found, found
from registre.records import Vote, VoteResult
from registre.text.french import NUMBER_WORDS, number_from_words

_N = rf"(?<![\d,.])(?P<n>\d{{1,3}}|{NUMBER_WORDS})"
# "15 pour", "11 voix pour", "DEUX voix POUR", OCR "11 voix pORE"; not "2019 pour un montant".
# A count after its label ("Pour : 20") wins over a number before its word ("15 pour").
_POUR_LABEL = r"\bpour\s*:\s*(?P<c>\d{1,3})"
_CONTRE_LABEL = r"\bcontre\s*:\s*(?P<c>\d{1,3})"
_ABSTENTION_LABEL = r"\babstentions?(?:\(s\))?\s*:\s*(?P<c>\d{1,3})"
_POUR = re.compile(rf"{_POUR_LABEL}|{_N}\s+(?:(?:voix|votes?)\s+p(?:our|OUR|[oO][A-Z]{{1,3}})\b|"
                   rf"pour\b(?!\s+[a-zà-ÿ]))|"
                   # "Pour le changement de prestataire : 13 votes", a tally line "13 votes"
                   r"^\s*Pour\b[^:\n]{0,60}:\s*(?P<d>\d{1,3})\s+votes?\b|^\s*(?P<e>\d{1,3})\s+votes?\s*\.?\s*$|"
                   # "Adopté par 22 voix": the votes for
                   r"\bpar\s+(?P<f>\d{1,3})\s+voix\b(?!\s+(?:contre|d'abstention))", re.I | re.M)
_CONTRE = re.compile(rf"{_CONTRE_LABEL}|{_N}\s+(?:(?:voix|votes?)\s+)?contre\b", re.I)
_ABSTENTION = re.compile(rf"{_ABSTENTION_LABEL}|{_N}\s+(?:voix\s+)?abs(?:ten|en)tions?\b", re.I)
_UNANIMOUS = re.compile(r"\b(?:à|a)\s+l'unanimit[ée]|\bunanimement\b|^\s*(?:Vote\s*:\s*)?unanimit[ée]\b|"
                        r"\b(?:ADOPT|APPROUV)[ÉE]E?S?\s*:?\s*UNANIMIT[ÉE]", re.I | re.M)
_MAJORITY = re.compile(r"\b(?:à|a)\s+la\s+majorit[ée]", re.I)
_ADOPTED = re.compile(
    r"\b(?:a\s+[ée]t[ée]|est|sont|ont\s+[ée]t[ée])\s+(?:adopt|approuv)[ée]e?s?\b|^\s*(?:Adopt[ée]e?s?|Approuv[ée]e?s?|"
    r"Adoption)\b|\b(?:ADOPT[ÉE]E?S?|APPROUV[ÉE]E?S?)\b|\badopt[ée]e?s?\s*\.?\s*$|"
    r"\t\s*(?:Adopt[ée]e?s?|Approuv[ée]e?s?)\b", re.M)  # the decision cell of a list of deliberations
_REJECTED = re.compile(
    r"\b(?:a\s+[ée]t[ée]|est|sont|ont\s+[ée]t[ée])\s+rejet[ée]e?s?\b|^\s*Rejet[ée]e?s?\b|\bREJET[ÉE]E?S?\b|"
    r"\bnon\s+(?:retenue?s?|adopt[ée]e?s?)\b|\bn'(?:est|a)\s+pas\s+(?:[ée]t[ée]\s+)?adopt", re.M | re.I)
_DEFERRED = re.compile(r"\breport[ée]e?s?\b|\bajourn[ée]e?s?\b|\bpas\s+de\s+vote\b|\bsera\s+r[ée]alis[ée]e\s+au\s+prochain", re.I)
# The statement is about the minutes of a former séance, not about this item.
_MINUTES = re.compile(r"proc[èe]s[- ]verbal|compte[- ]rendu", re.I)
# ... or an earlier deliberation recalled: "Par délibération du Conseil Communautaire en date du 30 juin".
_RECALLED = re.compile(r"\bpar\s+d[ée]lib[ée]ration\s+(?:du|de\s+la|de\s+l'|en\s+date|n\s*°)", re.I)
# A decision taken whatever the tally: "DECIDE : Par : DEUX voix POUR - ONZE voix CONTRE … - DE
# DONNER UN AVIS DEFAVORABLE" decides an unfavourable opinion; it is not a rejected proposal.
_DECIDES = re.compile(r"\bD[ÉE]CIDE(?:NT)?\b|\bd[ée]cide(?:nt)?\b|\bDE\s+DONNER\b|\b[ÉE]MET\b", re.M)
# "Le Conseil municipal après en avoir délibéré, ACCEPTE …": decided, the tally unprinted.
_DELIBERATED = re.compile(
    r"[Aa]pr[èe]s\s+(?:en\s+)?avoir\s+d[ée]lib[ée]r[ée](?:(?!\n\s*\n)[\s\S]){0,400}?\b(?:[A-ZÉÈ]{5,}\b|accepte|d[ée]signe|"
    r"d[ée]cide|approuve|autorise)")
_ANY = (_POUR, _CONTRE, _ABSTENTION, _UNANIMOUS, _MAJORITY, _ADOPTED, _REJECTED, p.WITHDRAWN)
_STATEMENT_LINES = 3


def read_vote(preferred: list[Block], fallback: list[Block]) -> Found | None:
    """The first vote statement of the dispositif (`preferred`), else of the item's whole own
    text (`fallback`: a list item whose line ends "APPROUVÉE à l'unanimité")."""
    for blocks in (preferred, fallback):
        vote = _first_statement(blocks)
        if vote:
            return vote
    for block in preferred or fallback:
        m = _DELIBERATED.search(block.text)
        if m:
            return found(Vote(result="adopted"), block, m.start(), m.end())
    return None


def read_part_votes(decision: list[Block], own: list[Block], text: str, heading: int) -> list[tuple[str, Found]]:
    """The votes of an item that holds several, one per part ("SHAARL … ADOPTÉ à l'unanimité."
    then "ACCDM … ADOPTÉ 9 voix pour, 5 abstentions."; "1) Il propose … enfants … Par 13 voix
    POUR" then "2) Il propose … adultes … à l'unanimité"), each with the line its part opens
    with (`text` is the item's; votes are read in its `decision` blocks, else in all its `own`
    text, as `read_vote` does). Empty when the item holds fewer than two votes with a part
    between them (a result and its tally are one vote)."""
    for blocks in (decision, own):
        parts: list[tuple[str, Found]] = []
        since = heading
        for _, vote in _statements(blocks):
            subject = _part_opening(text, since, vote.start, first=not parts)
            if subject is None:
                return []
            parts.append((subject, vote))
            since = vote.end
        if len(parts) >= 2:
            return parts
    return []


_ENUMERATED = re.compile(r"^\s*(?:\d{1,2}|[a-z]|[A-Z])\s*[)/.°–-]\s*\S")


def _part_opening(text: str, since: int, until: int, first: bool) -> str | None:
    """The line a part opens with, between the previous vote (or the heading line) and its own:
    an enumerated line ("2) Il propose…") if one opens a paragraph there, else the first line
    opening a paragraph (the rest of the previous vote's paragraph is its own, and so is the
    heading line)."""
    lines = [line for line in p.lines(text[since:until])]
    if first:
        lines = lines[1:]  # the heading line
    else:
        blank = next((i for i, line in enumerate(lines) if not line.text.strip()), len(lines))
        lines = lines[blank:]
    openings = [line.text.strip() for i, line in enumerate(lines)
                if line.text.strip() and (i == 0 or not lines[i - 1].text.strip())
                and not line.text.lstrip().startswith(("-", "•", "–"))]
    if not openings:
        return None
    return next((o for o in openings if _ENUMERATED.match(o)), openings[0])[:160]


def _first_statement(blocks: list[Block]) -> Found | None:
    return next((vote for _, vote in _statements(blocks)), None)


def _statements(blocks: list[Block]) -> Iterator[tuple[Block, Found]]:
    """Each vote statement of these blocks in order, with its block."""
    for block in blocks:
        starts = sorted({m.start() + len(m[0]) - len(m[0].lstrip()) for pattern in _ANY
                         for m in pattern.finditer(block.text)})
        taken = 0
        for at in starts:
            if at < taken:
                continue  # within the statement just read
            begin = block.text.rfind("\n", 0, at) + 1
            end = _with_tally(block.text, _statement_end(block.text, at))
            window = block.text[begin:end]
            if _MINUTES.search(window) or _RECALLED.search(window):
                continue
            vote = parse_vote(window, block.text[max(0, begin - 200):end])
            if vote.result is not None:
                taken = end
                yield block, found(vote, block, begin, end)


def _statement_end(text: str, at: int) -> int:
    """Where the statement that begins at `at` ends: its line, and the lines it wraps onto
    ("par 9 voix pour, 3 voix contre et 2⏎abstentions,"), within a few lines."""
    lines = p.lines(text)
    index = next(i for i, line in enumerate(lines) if line.start <= at < line.end or line.end > at)
    width = p.wrap_width(lines)
    last = index
    while last + 1 < len(lines) and last - index < _STATEMENT_LINES - 1:
        line, following = lines[last].text.rstrip(), lines[last + 1].text.strip()
        if not following or not (p.ends_cut(line) or p.wraps_on(line, following, width)):
            break
        last += 1
    return lines[last].start + len(lines[last].text)


def _with_tally(text: str, end: int) -> int:
    """The statement's end, past the next line when that line prints the tally ("Adopté à la
    majorité.⏎Pour : 20, Contre : 5, Abstentions : 3")."""
    following = text[end:].lstrip("\n")
    line = following.split("\n", 1)[0]
    if line.strip() and any(pattern.match(line.strip()) for pattern in (_POUR, _CONTRE, _ABSTENTION)) \
            and not (_ADOPTED.search(line) or _REJECTED.search(line) or _UNANIMOUS.search(line)):
        return end + (len(text[end:]) - len(following)) + len(line)
    return end


def parse_vote(statement: str, context: str = "") -> Vote:
    """The vote a statement prints; `context` (the statement with the lines before it) tells
    whether a decision was taken whatever the tally."""
    pour, contre, abstention = (_count(pattern, statement) for pattern in (_POUR, _CONTRE, _ABSTENTION))
    counted = pour is not None
    if pour is not None:  # the votes for printed, a term left out counts nobody
        contre, abstention = contre or 0, abstention or 0
    if p.WITHDRAWN.search(statement):
        return Vote(result="withdrawn")  # not put to the vote: no unanimity either way
    if _REJECTED.search(statement):
        return Vote("rejected", False, pour, contre, abstention)
    printed_unanimity = bool(_UNANIMOUS.search(statement))
    result: VoteResult
    if printed_unanimity or _MAJORITY.search(statement) or _ADOPTED.search(statement):
        result = "adopted"
    elif pour is not None and (pour > (contre or 0) or _DECIDES.search(context)):
        result = "adopted"
    elif counted:
        result = "rejected"
    else:
        return Vote()
    if _DEFERRED.search(statement) and not counted and not printed_unanimity:
        return Vote()
    # Unanimous when printed, or when nobody voted against nor abstained; not when a majority
    # is printed or someone did; unknown for a bare "ADOPTÉE".
    unanimous: bool | None
    if printed_unanimity:
        unanimous = True
    elif _MAJORITY.search(statement) or result == "rejected" or counted and (contre or abstention):
        unanimous = False
    else:
        unanimous = True if counted else None
    return Vote(result, unanimous, pour, contre, abstention)


def _count(pattern: re.Pattern, text: str) -> int | None:
    """The count a pattern reads; a labelled count ("Pour : 20") wins over a number before its
    word, which may be the value of the label before ("Abstention(s) : 2 Pour : 20")."""
    labelled = _LABELLED[pattern].search(text)
    m = labelled or pattern.search(text)
    if not m:
        return None
    return number_from_words(next(value for value in m.groupdict().values() if value))


_LABELLED = {tally: re.compile(label, re.I) for tally, label in
             ((_POUR, _POUR_LABEL), (_CONTRE, _CONTRE_LABEL), (_ABSTENTION, _ABSTENTION_LABEL))}
