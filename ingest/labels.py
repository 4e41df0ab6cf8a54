"""The labels and formulas that state a séance's facts, one family per fact.

In: nothing. Out: compiled patterns, each the one place where its family of printed forms
lives: the section classifier uses them to keep a séance block together, the readers of
`ingest.seance`, `ingest.counts`, `ingest.votes` and `ingest.collectivite` to read values.
Patterns match text as `clean.clean_text` leaves it (plain spaces and apostrophes).
"""
import re

from registre.text.french import NUMBER_WORDS

# --- président --------------------------------------------------------------------------
# "Président de séance : M. X", "Présidente : Madame X", "Présidence : M. X": a label at the
# start of a field, never "Vice-Président :" nor "le Président de l'USYP".
PRESIDENT = re.compile(
    r"(?:^|(?<=[\s.;]))(?<![Vv]ice-)(?<![Vv]ice )(?:Pr[ée]sident(?:e)?(?:\s+de\s+(?:la\s+)?s[ée]ance)?|"
    r"PR[ÉE]SIDENT(?:E)?(?:\s+DE\s+(?:LA\s+)?S[ÉE]ANCE)?|Pr[ée]sidence|PR[ÉE]SIDENCE)\s*:", re.M)
# "…, sous la présidence de Monsieur X, Maire." (the words may wrap); "séance présidée par M. X".
PRESIDENCE = re.compile(r"\bsous\s+la\s+pr[ée]sidence\s+de\s+|\bs[ée]ance\s+(?:est\s+)?pr[ée]sid[ée]e\s+par\s+", re.I)
# A signature block: "Le Président,⏎X", "Le Président, Charles FERRÉ", "Pour extrait,⏎Le Maire,⏎X".
SIGNATORY = re.compile(r"^[ \t]*(?:Le|La)\s+(?:Pr[ée]sidente?|Maire)\s*,[ \t]*", re.M)

# --- secrétaire de séance --------------------------------------------------------------
SECRETAIRE = re.compile(
    r"\bSecr[ée]taire(?:\s+de\s+(?:la\s+)?s[ée]ance|\s+[ée]lue?)?\s*:|"
    r"\b(?:est|a\s+[ée]t[ée])\s+(?:d[ée]sign[ée]e?|[ée]lue?|nomm[ée]e?)\s+(?:comme\s+|en\s+qualit[ée]\s+de\s+)?"
    r"secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:", re.I)
# The name printed before the verb: "Mme X ayant obtenu la majorité des suffrages, a été désignée
# pour remplir ces fonctions", "M. X est désigné secrétaire de séance", "M. X a été élu secrétaire".
SECRETAIRE_AFTER_NAME = re.compile(
    r"(?:\s*,?\s*ayant\s+obtenu\s+la\s+majorit[ée][^,.;]{0,40},?)?\s+(?:est|a\s+[ée]t[ée])\s+"
    r"(?:d[ée]sign[ée]e?|[ée]lue?|nomm[ée]e?)\s+(?:pour\s+remplir\s+(?:ces|les)\s+fonctions|(?:comme\s+|en\s+qualit[ée]\s+de\s+)?"
    r"secr[ée]taire)", re.I)
# "Monsieur le Maire désigne Mme X pour assurer les fonctions de secrétaire de séance".
SECRETAIRE_DESIGNATED = re.compile(
    r"\bd[ée]signe\s+(?P<name>[^,.;\n]{3,60}?)\s+(?:pour\s+assurer\s+les\s+fonctions\s+de|comme|en\s+qualit[ée]\s+de)\s+"
    r"secr[ée]taire", re.I)

# --- rapporteur -------------------------------------------------------------------------
RAPPORTEUR = re.compile(r"\bRapporteure?s?\s*:", re.I)

# --- counts -----------------------------------------------------------------------------
# A count after its label, with or without colon, in parentheses after a list label
# ("PRÉSENTS (8) :"), glued to a dash ("15- Présents 14 - Votants 14"), with leading zeros.
_VALUE = r"\s*(?:\(\s*(?P<paren>\d{1,3})\s*\)|:?\s*(?P<n>\d{1,3}))(?!\d)(?![/.,]\d)"
COUNTS = {
    "membres_en_exercice": re.compile(
        rf"\b(?:(?:membres|conseillers|[ée]lus)(?:\s+\w+)?\s+)?(?:en\s+exercice|aff[ée]rents(?:\s+au\s+conseil"
        rf"(?:\s+municipal)?)?){_VALUE}|"
        r"\b(?P<before>\d{1,3})\s+(?:membres|conseillers(?:\s+municipaux)?)\s+en\s+exercice", re.I),
    "presents": re.compile(rf"\b(?:nombre\s+de\s+|membres\s+)?pr[ée]sents?{_VALUE}", re.I),
    "pouvoirs": re.compile(rf"\b(?:nombre\s+de\s+)?(?:pouvoirs?|procurations?|repr[ée]sent[ée]s|mandats?){_VALUE}", re.I),
    "votants": re.compile(
        rf"\b(?:nombre\s+de\s+)?votants?{_VALUE}|\b(?:nombre\s+de\s+voix|total\s+des\s+votes|"
        r"suffrages\s+exprim[ée]s|ont\s+pris\s+part\s+(?:à\s+la\s+d[ée]lib[ée]ration|au\s+vote))\s*:?\s*"
        r"(?P<n2>\d{1,3})(?!\d)(?![/.,]\d)", re.I),
    "absents": re.compile(rf"\b(?:nombre\s+d')?absents?(?:\s+excus[ée]s?)?{_VALUE}", re.I),
}
# Someone leaving before an item is examined, or not voting on it ("M. X, intéressé à
# l'affaire, quitte la salle et ne prend pas part au vote").
LEAVES = re.compile(r"\b(?:quitte(?:nt)?\s+(?:la\s+s[ée]ance|la\s+salle|l'assembl[ée]e)|se\s+retire(?:nt)?|"
                    r"sort(?:ent)?\s+de\s+la\s+salle)\b", re.I)
ABSTAINS = re.compile(r"\bne\s+(?:prend|prennent|participe|participent)\s+pas\s+(?:part\s+)?au\s+vote\b", re.I)

# --- attendance lists -------------------------------------------------------------------
_COUNTED = r"(?:\s*\(\s*\d{1,3}\s*\))?\s*:(?:\s*:)?"  # "PRÉSENTS (8) :", "PROCURATIONS (1) : :"
PRESENT_LIST = re.compile(
    rf"(?:\bMembres?\s+(?:titulaires\s+)?pr[ée]sents|\b[ÉEée]taient\s+pr[ée]sents|(?<![\w-])Pr[ée]sents){_COUNTED}", re.I)
ABSENT_LIST = re.compile(
    r"(?:\bMembres?\s+(?:titulaires\s+)?absents?(?:\s+excus[ée]e?s?)?|\b[ÉEée]taient\s+absents|"
    r"(?<![\w-])Absente?s?(?:\s+(?:non\s+)?(?:excus[ée]e?s?|repr[ée]sent[ée]e?s?))?(?:\s+ayant\s+donn[ée]\s+[^:\n]{0,40})?|"
    rf"(?<![\w-])(?:Non\s+)?Excus[ée]e?s?){_COUNTED}", re.I)
PROXY_LIST = re.compile(
    rf"(?:(?<![\w-])Pouvoirs?|(?<![\w-])Procurations?|\bOnt\s+donn[ée]\s+pouvoir[^:\n]{{0,50}}){_COUNTED}", re.I)
# "M. X donne pouvoir à M. Y", "X (pouvoir à Y)", "X (pouvoir donné à Y)", "X (procuration à Y)".
PROXY = re.compile(r"\s+donne\s+pouvoir\s+[àa]\s+|\s*\((?:pouvoir|procuration)(?:\s+donn[ée]e?)?\s+(?:[àa]\s+)?", re.I)

# --- dates ------------------------------------------------------------------------------
CONVOCATION = re.compile(
    r"\bconvoqu[ée]e?s?\s+(?:le|en\s+date\s+du)\s+|\bconvocation\s+(?:en\s+date\s+)?du\s+(?=\w*\s*\d)|"
    r"\bDate\s+(?:de\s+(?:la\s+)?|d'envoi\s+de\s+la\s+)convocation\b[^:\n\t]{0,60}?(?::\s*|\t|\s*$)|"
    r"\bconvocation\b[^.\n]{0,60}?\b(?:faite|adress[ée]e|envoy[ée]e|transmise|[ée]tablie)\s+le\s+", re.I | re.M)
# A line naming the séance with its date: "SEANCE DU BUREAU MÉTROPOLITAIN DU 17 MARS 2022",
# "Commission permanente du 12 septembre 2022", "CR du conseil municipal 09 avril 2021".
SEANCE_DATE = re.compile(
    r"\bs[ée]ance\s+(?:(?:ordinaire|extraordinaire|publique|pl[ée]ni[èe]re)\s+)?(?:du|de\s+la|de\s+l')\b|"
    r"\bDate\s+de\s+(?:la\s+)?s[ée]ance\b|\b(?:conseil|bureau|comit[ée]|commission|assembl[ée]e)\b[^\n]{0,60}?"
    r"\b(?:du|DU|Du)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?\d|"
    r"^\s*(?:C\.?-?R\.?|COMPTE[- ]RENDU|PROC[ÈE]S[- ]VERBAL)\b[^\n]{0,60}\d{4}|^\s*Du\s+\d{1,2}\s", re.I | re.M)
# The title of a séance's minutes, dated or not: "C-R du Conseil municipal", "PROCES VERBAL
# DU CONSEIL MUNICIPAL", "Compte rendu de la réunion du Conseil communautaire".
SEANCE_TITLE = re.compile(
    r"^\s*(?:C\.?-?R\.?|COMPTE[- ]RENDU|PROC[ÈE]S[- ]VERBAL|EXTRAIT)\b[^\n]{0,40}?"
    r"\b(?:conseil|bureau|comit[ée]|commission|assembl[ée]e|s[ée]ance|r[ée]union)\b", re.I)
# Dates that are not the séance's: a former séance, a document's posting, another body's meeting.
NOT_SEANCE_DATE = re.compile(
    r"approbation|pr[ée]c[ée]dente|\b[Ll]e\s+proc[èe]s[- ]verbal|affich|publi[ée]|"
    r"pr[ée]fecture|convoc|projet\s+de\s+d[ée]cision|r[ée]unie\s+le|prochaine?|\bvu\b", re.I)
# "Le Conseil municipal … s'est réuni", "L'an deux mille…": the preamble that opens a séance.
PREAMBLE = re.compile(
    rf"\bL'an\s+(?:{NUMBER_WORDS}|\d{{4}})|^\s*Le\s+{NUMBER_WORDS}\s+\w+\s+{NUMBER_WORDS}|"
    r"\bs'est\s+(?:\w+\s+)?r[ée]uni|\bse\s+sont\s+r[ée]unis|\bsous\s+la\s+pr[ée]sidence|"
    r"^\s*pr[ée]sidence\s+de\b|\bLa\s+s[ée]ance\s+est\s+ouverte|\bIl\s+a\s+[ée]t[ée]\s+proc[ée]d[ée]|"
    r"\bquorum\b|\bd[ée]sign[ée]e?\s+secr[ée]taire|\bayant\s+obtenu\s+la\s+majorit[ée]\s+des\s+suffrages",
    re.I | re.M)

# --- every label above, for the section classifier --------------------------------------
SEANCE_LABELS = (PRESIDENT, PRESIDENCE, SECRETAIRE, RAPPORTEUR, *COUNTS.values(), CONVOCATION, PREAMBLE,
                 PRESENT_LIST, ABSENT_LIST, PROXY_LIST)


def states_seance_fact(line: str) -> bool:
    """True when a line prints a fact of the séance (a count, a name after its label, the
    preamble formula): it belongs to the séance block wherever the page puts it."""
    return any(pattern.search(line) for pattern in SEANCE_LABELS)
