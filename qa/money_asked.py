"""What a question's words ask of money: whether they ask for a sum at all, and which kinds of
amount they call for besides grants (a guarantee, a price, a revenue…).

In: a folded question. Out: `asks_sum`, `kinds_asked` (the kinds allowed, the first cue's
preferred) and `cue_words` (the stems that called for them: an amount's kind answers them).
Pure.
"""
import re

from registre.qa.match import words

# Money asked whatever else the words count: a verb of receiving or paying before "combien"
# ("ils ont touché combien", not "ils ont donné combien de voix"), euros after it, "quelle
# somme", "quel montant", "combien de la métropole" (an article after "de": where the money
# comes from, not things counted).
_SUM_ASKED = re.compile(r"\b(?:touch|recu|percu|vers|obten|obtenu|attribu|accord|donn|pay|cout|rapport|encaiss)\w*"
                        r"\s+(?:en\s+tout\s+|au\s+total\s+)?combien\b(?!\s+(?:de\s+|d')(?!(?:la|le|les)\b|l'))|"
                        r"\bcombien\s+(?:en\s+)?(?:€|euros?\b)|"
                        r"\bquel(?:le)?s?\s+(?:somme|montant)s?\b|\bcombien\s+(?:de|d')\s*(?:la|le|les|l')\b")

# What a question's words call for, besides grants: (words, kinds of amount).
_KIND_CUES = (
    (r"\bgaranti", ("guarantee",)),
    (r"\bemprunts?\b|\bpret\b", ("loan", "guarantee")),  # not "l'emprunteur" of a book
    (r"\bmarches?\b|\btravaux\b|\bdevis\b|\bcouts?\b|\bcoute", ("cost", "price")),
    (r"\btarifs?\b", ("tariff",)),
    (r"\bachat|\bachet|\bvente\b|\bvendu|\bloyer|\blocation\b", ("price", "tariff")),
    (r"\bprix\b", ("price", "tariff", "cost")),  # the price of a service is its cost
    (r"\bredevance|\brecettes?\b|\bemettre\b|\btitre\b|\breclam|\bdues?\b|\brembours|"
     r"\bdemande(?:r|nt|-t-elle|-t-il)?\s+(?:a|au|aux)\b", ("revenue", "total")),
    (r"\benveloppe", ("envelope", "total")),
    (r"\bbudgets?\b|\bexcedent|\bdeficit|\bdepenses?\b", ("budget", "total")),
)
_TOTAL = re.compile(r"\btota(?:l|le|ux)\b|\bglobale?\b")


def asks_sum(folded: str) -> bool:
    """The words ask for money even where another type's cue ("combien de") is typed."""
    return bool(_SUM_ASKED.search(folded))


def kinds_asked(folded: str) -> tuple[set[str] | None, set[str]]:
    """(kinds of amount other than grants the words call for, or None for grants; the kinds
    of the first cue, preferred)."""
    found = _cues(folded)
    if not found:
        return None, set()
    allowed = {k for _, _, kinds in found for k in kinds}
    if _TOTAL.search(folded):
        allowed |= {"total", "recap", "envelope"}
    return allowed, set(found[0][2])


def _cues(folded: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """The kind cues of a question, in the order typed: (where, the word, the kinds it calls for)."""
    found = []
    for pattern, kinds in _KIND_CUES:
        for m in re.finditer(pattern, folded):
            word = re.match(r"\w+", folded[m.start():])
            found.append((m.start(), word[0] if word else m[0], kinds))
    return sorted(found)


def cue_words(folded: str) -> frozenset[str]:
    """The stems of the words that call for a kind of amount ("prix", "coûte", "garanti"): the
    amount's kind answers them, its sentence need not print them ("Coût de la prestation" for
    "le prix de la prestation")."""
    return frozenset().union(*(words(word) for _, word, _ in _cues(folded)))
