"""The words that ask rather than name: what is left of a question once they are set aside
is what it is about.

In: a question's topic (its text without filters, numbers and dates) and the cue words of a
question type. Out: `content(topic, cues)`, the stemmed words that name what is asked (typos in
a cue word tolerated). Pure.
"""
import re

from rapidfuzz import fuzz

from registre.qa.match import TYPO_RATIO, same, words

# Interrogatives, auxiliaries and civilities: they ask, they never name.
QUESTION_WORDS = """
combien quel quelle quels quelles qui quoi quand comment pourquoi lequel laquelle lesquels lesquelles
est-ce t il elle ils elles on y ete etait etaient sont etre avait avaient fut sera seront ont eu
fait faire a-t-il a-t-elle ont-ils ont-elles tout toute tous toutes ensemble
m mr mme mlle monsieur madame mademoiselle
deliberation deliberations delib delibs decision decisions delibere acte actes registre registres
lors seance seances reuni reunie reunion sa son ses leur selon compte rendu proces verbal cr pv
subvention subventions aide aides dotation dotations financement financements
vote votee votes votees voter adopte adoptee adoptes adoptees adopter approuve approuvee approuves approuvees approuver
"""
# Conversational filler: it says how the question is asked, never what about ("ça coûte combien",
# "quand exactement", "ils ont touché").
FILLER = """
ca cela ceci exactement precisement vraiment alors donc aussi encore deja environ pas
svp merci stp bref sait savoir voudrais voulais aimerais cherche
"""


def stems(text: str) -> frozenset[str]:
    return words(text)


# Months name dates, never things: a date that qualifies a thing ("la rentrée de septembre 2020")
# stays in the topic for the search, not as a word a label must hold.
_MONTHS = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre janv fev fevr avr " \
    "juil sept oct nov dec"
_QUESTION = stems(QUESTION_WORDS) | stems(FILLER) | stems(_MONTHS)


def content(topic: str, cues: frozenset[str] = frozenset()) -> frozenset[str]:
    """The stemmed words of `topic` that are neither question words nor cue words (nor a typo of one)."""
    found = words(topic)
    return frozenset(w for w in found if w not in _QUESTION and not any(
        w == c or (min(len(w), len(c)) >= 6 and fuzz.ratio(w, c) >= TYPO_RATIO) for c in cues))


def typed(topic: str, kept: frozenset[str]) -> str:
    """The stretch of `topic`, as typed, from its first word whose stem is among `kept` to its
    last ("Compagnie des Hirondelles")."""
    found = [m for m in re.finditer(r"[\w'’-]+", topic) if words(m[0]) & kept]
    return topic[found[0].start():found[-1].end()] if found else ""


def runs(topic: str, kept: frozenset[str]) -> tuple[str, ...]:
    """The stretches of `topic`, as typed, made of words whose stem is among `kept` and of the
    small words between them ("Compagnie des Hirondelles"), a word that names nothing asked
    ("Montval-les-Vignes : combien … pour le gymnase") cutting them apart."""
    found = [m for m in re.finditer(r"[\w'’-]+", topic) if words(m[0]) & kept]
    out: list[str] = []
    start = end = None
    for m in found:
        if start is not None and not words(topic[end:m.start()]):
            end = m.end()
            continue
        if start is not None:
            out.append(topic[start:end])
        start, end = m.start(), m.end()
    if start is not None:
        out.append(topic[start:end])
    return tuple(out)


def verbs_of(topic: str) -> frozenset[str]:
    """The stems of the question's verbs (an infinitive or a participle as typed: "acheter",
    "accordé", "créant", "perçu", "obtenu"): they say what was done; a deliberation may say it
    with a noun."""
    return frozenset().union(*(words(w) for w in re.findall(r"[\wÀ-ÿ'-]+", topic)
                              if re.search(r"(?:er|ir|é|ée|és|ées|ant|çue?s?|enue?s?)$", w.lower()) and len(w) > 4))


def holds(asked: frozenset[str], held: frozenset[str]) -> bool:
    """Every word asked is among `held` (typos and word endings tolerated)."""
    return all(any(same(w, u) for u in held) for w in asked)


def names_typed(text: str) -> frozenset[str]:
    """The stems of the words typed with a capital, the first word aside (a sentence begins so):
    names, which a record must print to be the one asked about."""
    typed = re.findall(r"[\wÀ-ÿ'’-]+", text)[1:]
    return words(" ".join(w for w in typed if w[:1].isupper()))

