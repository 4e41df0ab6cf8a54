"""How well a label (a beneficiary, a table row, a title) names the entity asked about.

In: the entity's text and candidate labels. Out: a score in [0, 1]: the share of the
entity's words, weighted by their rarity among the candidates, that the label contains
(after folding, stemming and tolerating typos). Pure.
"""
import math
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from registre.index.analyzer import tokens

TYPO_RATIO = 84


def words(text: str | None) -> set[str]:
    return set(tokens(text or ""))


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= TYPO_RATIO


class EntityMatcher:
    """Scores labels against one entity, with rarity weights from the candidates."""

    def __init__(self, entity: str, labels: Sequence[set[str]]):
        self.entity = sorted(words(entity))
        frequency: Counter[str] = Counter()
        for label in labels:
            frequency.update({w for w in self.entity if any(_same(w, u) for u in label)})
        total = max(len(labels), 1)
        self.weight = {w: math.log(1 + total / (1 + frequency[w])) + 0.1 for w in self.entity}

    def score(self, label: set[str]) -> float:
        if not self.entity:
            return 0.0
        found = sum(self.weight[w] for w in self.entity if any(_same(w, u) for u in label))
        return found / sum(self.weight.values())
