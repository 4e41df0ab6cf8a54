"""The written conventions of French registers of deliberations, as regular expressions.

In: nothing. Out: compiled patterns shared by the splitter, the section classifier and
the metadata reader, plus `lines()`, which cuts a text into lines with their offsets, and
line tests for wrapped text (`continues_sentence`, `wraps_on`, `wrap_width`). Patterns match on text as `clean.clean_text` leaves it (plain spaces and apostrophes).
"""
import re
from typing import NamedTuple

I = re.IGNORECASE
_E = "[EÉeé]"
# The kind of act a heading names, capitalised: a lower-case "délibération" continues a sentence.
KIND = r"(?:D(?i:[ée]lib[ée]ration|[ée]cision)|A(?i:rr[êe]t[ée]|ffaire))"
# A printed number: 2022.00159, CP-2021-0668, D-2021-145, DEL2024_087, 17/2020, 2024-017.
NUMBER_TOKEN = r"(?=[A-Z0-9._/\-]*\d)[A-Z0-9][A-Z0-9._/\-]*[A-Z0-9]|\d"
NO = r"(?:N\s*°|n\s*°|N[oº]\.?|n[oº]\.?|num[ée]ro|N\.)"
# A header line naming a deliberation: "DELIBERATION N°2022.00159", "Décision n° CP-2021-0668",
# "Délibération n° 2024-017 – Subvention…"; a reference inside a sentence is not one.
NUMBER_LINE = re.compile(
    rf"^(?P<lead>.{{0,60}}?)(?<![a-zà-ÿ] )(?<!\bla )(?<!\bpar )(?<!\bde )(?<!\bune )"
    rf"\b{KIND}\s*{NO}\s*(?P<number>{NUMBER_TOKEN})(?P<rest>.*)$",
    re.MULTILINE,
)
EXTRAIT = re.compile(r"^\s*EXTRAIT\s+(?:DU\s+)?(?:REGISTRE|PROC[EÈ]S)", I)
# The first line of one extract in a register of extracts.
OPENING = re.compile(r"^\s*(?:EXTRAIT\s+(?:DU\s+)?(?:REGISTRE|PROC[EÈ]S)|R[EÉ]PUBLIQUE\s+FRAN[CÇ]AISE)", I)
# The name of the collectivité printed above a register: "Ville de Saint-Martin".
MASTHEAD = re.compile(
    r"^\s*(?:Ville|Mairie|Commune|D[ée]partement|R[ée]gion|M[ée]tropole|Communaut[ée]|Syndicat)"
    r"\s+(?:de|d'|du|des)\b[^.;:]{0,80}$",
    I,
)
SEANCE = re.compile(
    r"^\s*(?:S[ÉE]ANCE\s+(?:DU|DE\s+LA|DE\s+L')|Commission permanente du|R[ÉE]UNION\s+DU|"
    r"(?:Conseil|Bureau|Comit[ée])\s+[\w' -]{0,40}?\s+du\s+\w*\s*\d)",
    I,
)
REANNOUNCE = re.compile(rf"^\s*{KIND}\s+(?i:DU|DE\s+LA|DE\s+L')\s")
OBJET = re.compile(r"^\s*(?:objet|OBJET|Objet)\s*:\s*(?P<title>.+)$", re.MULTILINE)
HEADER_FIELD = re.compile(
    r"^\s*(?:commission\s*(?:\(s\)|principale)|commune\s*\(s\)|canton\s*\(s\)|service\s*:|DE LA COMMISSION|"
    r"DES D[ÉE]LIB[ÉE]RATIONS|DES D[ÉE]CISIONS|R[ÉE]PUBLIQUE FRAN[ÇC]AISE|D[ée]partement d)",
    I,
)
ATTENDANCE = re.compile(
    r"convoqu|^\s*Nombre\s+de|Pr[ée]sident(?:e)?\s+de\s+s[ée]ance|^\s*Pr[ée]sident(?:e)?\s*:|"
    r"^\s*Pr[ée]sidence|Secr[ée]taire(?:\s+de\s+s[ée]ance|\s+[ée]lu)|pr[ée]sents?\s*:|"
    r"^\s*Absents?|excus[ée]s?\s*:|^\s*Pouvoirs?\s*:|donne pouvoir|^\s*Rapporteur|"
    r"Date de convocation|[ÉE]taient pr[ée]sents|^\s*Membres?\s|quorum|^\s*Assistaient|"
    r"en exercice|^\s*Procurations?|^\s*(?:Nombre\s+de\s+)?votants|suffrages\s+exprim[ée]s\s*:",
    I,
)
NAME_LIST = re.compile(r"(?:\b(?:M|MM|Mme|Mmes|Mlle)\.?\s+[A-ZÀ-Ý]|Monsieur|Madame)")
FURNITURE = re.compile(
    r"RE[CÇ]U\s+(?:EN|À|A)\s+LA?\s*PR[ÉE]FECTURE|RE[CÇ]U EN PR[EÉ]FECTURE|VIA DOTELEC|iXBus|"
    r"DATE D'AFFICHAGE|Date de mise en ligne|^\s*Affich[ée]e? le|contr[ôo]le de l[ée]galit[ée]|"
    r"Accus[ée] de r[ée]ception|Envoy[ée] en pr[ée]fecture|^\s*Publi[ée]e? le|"
    r"^\s*(?:ID\s*:\s*)?(?:\d{2}_[A-Z]{2}-)?\d{3}-\d{9}-\d{8}-\S+\s*$|"
    r"^\s*Page\s+\d+\s*(?:/|sur)\s*\d+\s*$|^\s*-?\s*\d+\s*/\s*\d+\s*-?\s*$",
    I,
)
LONE_DATE = re.compile(r"^\s*(?:Le\s+)?\d{1,2}(?:er)?\s+\w+\s+\d{4}\s*$", I)
DISPOSITIF = re.compile(
    r"apr[èe]s\s+en\s+avoir\s+d[ée]lib[ée]r[ée]|^\s*D[ÉE]CIDE\b|^\s*D[ÉE]LIB[ÈE]RE\b|"
    r"^\s*ARR[ÊE]TE\b|^\s*Article\s+(?:1|1er|premier)\b|^\s*Le Conseil,?\s+d[ée]cide|"
    r"^\s*DECIDE\s*:|^\s*DÉCIDE\s*:",
    re.MULTILINE,
)
VOTE = re.compile(
    r"(?:a\s+[ée]t[ée]|est|sont|ont\s+[ée]t[ée])\s+(?:adopt|rejet|retir)|^\s*(?:Adopt|ADOPT|Rejet|REJET|Retir)|"
    r"unanimit[ée]|^\s*Pour\s*:\s*\d|^\s*Contre\s*:\s*\d|^\s*Abstentions?\s*:\s*\d|"
    r"voix\s+pour|^\s*Vote\s*:|R[ée]sultat du vote|ne prend(?:nent)? pas part au vote",
    I,
)
SIGNATURE = re.compile(
    r"^\s*(?:Pour extrait|Pour copie conforme|Et ont sign[ée]|pour extrait conforme|"
    r"Fait [àa] |Le Pr[ée]sident,?\s*$|La Pr[ée]sidente,?\s*$|Le Maire,?\s*$|"
    r"La secr[ée]taire de s[ée]ance|Le secr[ée]taire de s[ée]ance|Sign[ée] |"
    r"A handwritten signature)",
    I,
)
WITHDRAWN = re.compile(
    r"retir[ée]e?s?\s+de\s+l'ordre\s+du\s+jour|"
    r"\b(?:point|question|dossier|rapport|projet|affaire|d[ée]lib[ée]ration)\b[^.\n]{0,40}?"
    r"\b(?:est|a\s+[ée]t[ée])\s+retir[ée]",
    I,
)
# A header-looking line is text wrapped out of a sentence when the line before it ends on
# a word that cannot end one ("…comme le prévoit la" / "Délibération n° 2022-101 du…").
_CUT_SENTENCE = re.compile(
    r"\b(?:la|le|les|l'|un|une|des|du|de|d'|par|pour|sur|selon|dans|en|à|au|aux|vu|sa|son|"
    r"ses|leur|leurs|notre|votre|cette|ladite|ledit|lesdites|lesdits|et|ou|que|notamment)$",
    I,
)
# The séance's other business after its items ("6 Questions diverses", "Divers :"): a part of
# its own, which decides nothing of the last item.
OTHER_BUSINESS = re.compile(r"^\s*(?:(?:\d{1,2}|[IVX]{1,5})\s*[/.)–-]?\s*)?(?:questions?|affaires?|informations?)"
                            r"\s+diverses|^\s*divers\s*:?\s*$", re.IGNORECASE)
# Where the items of a séance end: their other business, or "La séance est levée".
CLOSING = re.compile(rf"{OTHER_BUSINESS.pattern}|^\s*la\s+s[ée]ance\s+est\s+lev[ée]e", re.IGNORECASE)
ANNEX = re.compile(r"^\s*(?:ANNEXE|Annexe)\s*(?:\d+|[IVX]+|N\s*°\s*\d+)?\s*(?::.*)?$")


def continues_sentence(previous: str | None) -> bool:
    """True when the line after `previous` (its neighbour, no blank between) must be the
    rest of a sentence: `previous` is running text ending on an article or preposition."""
    if not previous or not previous.strip() or is_upper(previous):
        return False
    return _CUT_SENTENCE.search(previous.rstrip()) is not None


def ends_cut(text: str) -> bool:
    """True when `text` stops on an article or preposition: its words go on below."""
    return _CUT_SENTENCE.search(text.rstrip()) is not None


def wrap_width(all_lines: list["Line"]) -> int:
    """The length of a full line where text is wrapped (PDF), huge where it is not."""
    lengths = sorted(len(line.text.strip()) for line in all_lines
                     if line.text.strip() and "\t" not in line.text)
    if len(lengths) < 5:
        return 10**6
    return lengths[int(len(lengths) * 0.9)]


def wraps_on(previous: str, text: str, width: int) -> bool:
    """True when `text` is the rest of `previous`, wrapped: `previous` ends no sentence and
    fills its line, or `text` goes on in lower case."""
    if not previous or previous.endswith((".", ";", "!", "?", ":")):
        return False
    return text[:1].islower() or len(previous) >= 0.8 * width


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


class Line(NamedTuple):
    start: int
    end: int  # past the line's separator, so spans of all lines tile the text
    text: str


def lines(text: str) -> list[Line]:
    out, at = [], 0
    for piece in re.split(r"(?<=[\n\f])", text):
        if piece:
            out.append(Line(at, at + len(piece), piece.rstrip("\n\f")))
            at += len(piece)
    return out
