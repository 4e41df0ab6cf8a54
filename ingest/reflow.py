"""Give back its lines to a page that lost them.

In: the text of a page. Out: the same text, where a page flattened into a few very long
lines (OCR output saved as one paragraph, a text layer without line breaks) has the space
before each label, heading and formula of the genre turned into a line break. Same
length, same offsets: only spaces change. A page with ordinary lines is returned as is.
Pure.
"""
import re

from registre.ingest import numbering

_FLAT_LINE = 400  # characters: no printed line is that long (a paragraph per line may be)
_CUES = re.compile(
    r"(?:[ÉE]taient|Sont|Ont\s+[ée]t[ée])\s+(?:pr[ée]sents?|absents?|excus[ée]s?)\b|"
    r"(?:PR[ÉE]SENTS?|Pr[ée]sents?|ABSENTS?|Absents?(?:\s+excus[ée]s?)?|EXCUS[ÉE]S?|Excus[ée]s?|"
    r"PROCURATIONS?|Procurations?|POUVOIRS?|Pouvoirs?|Repr[ée]sent[ée]s|Votants?|Total\s+des\s+votes)"
    r"\s*(?:\(\d+\)\s*)?:|"
    r"Ont\s+donn[ée]\s+pouvoir|Absents\s+ayant\s+donn[ée]|"
    r"Secr[ée]taire\s+de\s+s[ée]ance|SECR[ÉE]TAIRE\s+DE\s+S[ÉE]ANCE|Est\s+d[ée]sign[ée]e?\s+secr[ée]taire|"
    r"(?:Le\s+)?[Nn]ombre\s+(?:des?\s+)?(?:membres|conseillers)|NOMBRE\s+DE\s+(?:MEMBRES|CONSEILLERS)|"
    r"Date\s+de\s+(?:convocation|t[ée]l[ée]transmission|r[ée]ception)|"
    r"(?:OBJET|Objet)\s*:|"
    r"N\s*°\s*\d{1,2}\s+[A-Z]|(?:D[ÉE]LIB[ÉE]RATION|D[ée]lib[ée]ration|AFFAIRE|Affaire|D[ÉE]CISION|D[ée]cision)\s+N\s*°|"
    r"IL\s+EST\s+EXPOS[ÉE]|Vu\s+(?:le|la|les|l')\s|Consid[ée]rant\s|D[ÉE]CIDE\b|"
    r"Le\s+[Cc]onseil\s+[Mm]unicipal,?\s+apr[èe]s|APR[ÈE]S\s+EN\s+AVOIR\s+D[ÉE]LIB[ÉE]R[ÉE]|"
    r"LE\s+QUORUM|Page\s+\d+\s+(?:sur|/)\s*\d+|Accus[ée]\s+de\s+r[ée]ception|Publi[ée]e?\s+le\s+\d|"
    r"L'an\s+deux\s+mille|LISTE\s+DES\s+D[ÉE]LIB[ÉE]RATIONS|D[ée]cisions\s+du\s+Maire|"
    r"Le\s+Maire,|Le\s+Pr[ée]sident,|N\s*°\s*\d{1,4}[-./_]\d|"
    r"(?:D[ÉE]PARTEMENT|COMMUNE|VILLE|R[ÉE]PUBLIQUE|R[ÉE]GION|EXTRAIT)\s+(?:DE|DU|DES|D'|FRAN)"
)
# The decision that closes an item of a list: the next words begin another line.
_DECISION_END = re.compile(
    r"\b(?:ADOPT|APPROUV|REJET)[ÉE]E?S?(?:\s+(?:à|a)\s+l'unanimit[ée]|\s+(?:à|a)\s+la\s+majorit[ée])?"
    r"[\s|.,;-]*?(?= [A-ZÀ-Ý])")
# A register number opening an item of a flattened list ("… DÉCISION DCM 20260727-01
# Institution…"), after a word in capitals or the end of a sentence, not inside a phrase.
_AFTER_HEADING_WORD = re.compile(r"(?:[A-ZÀ-Ý]{2,}|[.;:|])\s$")


def reflow(text: str) -> str:
    if not _is_flat(text):
        return text
    breaks = {m.start() - 1 for m in _CUES.finditer(text)} | {m.end() for m in _DECISION_END.finditer(text)}
    breaks |= _numbered_items(text)
    chars = list(text)
    for at in breaks:
        if at > 0 and chars[at] == " ":
            chars[at] = "\n"
    return "".join(chars)


def _numbered_items(text: str) -> set[int]:
    """The spaces before register numbers that open items ("DCM 20260727-01 …")."""
    out, covered = set(), -1
    for i in range(1, len(text)):
        if i <= covered or text[i - 1] != " " or not text[i].isalnum():
            continue
        found = numbering.leading(text[i:i + 60])
        if found and _AFTER_HEADING_WORD.search(text[max(0, i - 40):i]):
            out.add(i - 1)
            covered = i + found[1]
    return out


def _is_flat(text: str) -> bool:
    """Most of the text in lines longer than any printed line, or a page of a few lines
    holding more than two lines' worth of text."""
    lines = text.split("\n")
    long_lines = sum(len(line) for line in lines if len(line) > _FLAT_LINE)
    return long_lines > 0.6 * len(text) or (len(lines) < 4 and len(text) > 250)
