"""How well a label (a beneficiary, a table row, a title) names the entity asked about.

In: the entity's text and candidate labels. Out: a score in [0, 1]: the share of the
entity's words, weighted by their rarity among the candidates, that the label contains
(after folding, stemming and tolerating typos). Pure.
"""
import math
import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from rapidfuzz import fuzz

from registre.text.analyzer import tokens
from registre.text.fold import fold

TYPO_RATIO = 84


# Ordinals written in figures or letters are the same word ("1ère" = "première").
_ORDINAL_FORMS = {"1er": "premi", "1ere": "premi", "1re": "premi", "2e": "deuxiem", "2eme": "deuxiem",
                  "2nd": "deuxiem", "second": "deuxiem", "3e": "troisiem", "3eme": "troisiem",
                  "4e": "quatriem", "4eme": "quatriem", "5e": "cinquiem", "5eme": "cinquiem"}
_ORDINALS = set(_ORDINAL_FORMS.values())


@lru_cache(maxsize=4096)
def words(text: str | None) -> frozenset[str]:
    """Stemmed words, ordinals unified, plus the letter and digit runs of mixed words ("anpaa42")."""
    found = {_ORDINAL_FORMS.get(word, word) for word in tokens(text or "")}
    found |= {fold(m[0]).replace(".", "") for m in _DOTTED.finditer(text or "")}  # "L.O.I.R.E" is "loire"
    return frozenset(found | {run for word in found if not word.isalpha() and not word.isdigit()
                              for run in re.findall(r"[a-z]+|\d+", word)})


_DOTTED = re.compile(r"\b(?:[A-Za-zÀ-ÿ]\.){2,}[A-Za-zÀ-ÿ]?")


@lru_cache(maxsize=65536)
def same(a: str, b: str) -> bool:
    """Two stemmed words are one: equal, one the start of the other (four letters or more), or
    a typo apart."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return a.startswith(b) or b.startswith(a) or fuzz.ratio(a, b) >= TYPO_RATIO


# Numbers and ordinals tell things apart ("pilier 3", "deuxième tranche"): they must match,
# and in the name of the thing, not in the words around it.
def required(word: str) -> bool:
    return word.isdigit() or word in _ORDINALS


class EntityMatcher:
    """Scores labels against one entity, with rarity weights from the candidates."""

    def __init__(self, entity: str | AbstractSet[str], labels: Sequence[AbstractSet[str]], ignore_unseen: bool = False):
        """With `ignore_unseen`, words no label holds (a paraphrase, a word the records never print)
        are set aside, as long as two or more words remain."""
        self.entity = sorted(words(entity) if isinstance(entity, str) else entity)
        frequency: Counter[str] = Counter()
        for label in labels:
            frequency.update({w for w in self.entity if any(same(w, u) for u in label)})
        seen = [w for w in self.entity if frequency[w]]
        if ignore_unseen and len(seen) >= 2:
            self.entity = seen
        total = max(len(labels), 1)
        self.weight = {w: math.log(1 + total / (1 + frequency[w])) + 0.1 for w in self.entity}

    def score(self, label: AbstractSet[str], name: AbstractSet[str] | None = None, strict: bool = True) -> float:
        """The weighted share of the entity's words `label` holds; with `strict`, 0 when a figure
        or ordinal of the entity is missing from `name` (default: the label)."""
        if not self.entity:
            return 0.0
        matched = [w for w in self.entity if any(same(w, u) for u in label)]
        named = name if name is not None else label
        if strict and any(required(w) and not any(same(w, u) for u in named) for w in self.entity):
            return 0.0
        return sum(self.weight[w] for w in matched) / sum(self.weight.values())
