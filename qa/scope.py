"""The deliberations a question's filters allow: the names it gives, then its period.

In: a `Library` and a read `Question`. Out: a `Scope`: the ids the collectivité, kind of body,
instance, place and numbers named allow (None when it names none), the same within the
period, and the filters in French for the trace. A name that leaves nothing (the collectivité
held no séance of that instance) gives an empty scope, never a wider one.
"""
from dataclasses import dataclass

from registre.qa.library import Library
from registre.qa.question import Question

_KIND_WORDS = {"collectivite": "collectivité", "body": "type de collectivité", "instance": "instance",
               "number": "numéro", "place": "collectivité (par défaut)"}


@dataclass(frozen=True, slots=True)
class Scope:
    names: frozenset[int] | None  # allowed by the names in the question; None: all
    dated: frozenset[int] | None  # ... and within its period; None: all
    filters: tuple[tuple[str, str], ...] = ()

    def ids(self, dated: bool = True) -> frozenset[int] | None:
        return self.dated if dated else self.names

    def allows(self, delib_id: int, dated: bool = True) -> bool:
        ids = self.ids(dated)
        return ids is None or delib_id in ids


def scope_of(library: Library, question: Question) -> Scope:
    groups: dict[str, set[int]] = {}
    filters: list[tuple[str, str]] = []
    gazetteer = library.gazetteer()
    for m in question.filters:
        groups.setdefault(m.kind, set()).update(gazetteer.covered(m))
        how = "nom exact" if m.exact else "nom approché"
        filters.append((_KIND_WORDS[m.kind], f"{' / '.join(m.names)} (« {m.text} », {how})"))
    if question.place:
        groups.setdefault("collectivite", set()).update(question.place.ids)
        filters.append((_KIND_WORDS["place"], f"« {question.place.text} » : {question.place.how}"))
    if question.numbers:
        numbered: set[int] = set()
        for number in question.numbers:
            numbered.update(i for known in library.gazetteer().number(number) for i in known.ids)
        groups["number"] = numbered
        filters.append((_KIND_WORDS["number"], ", ".join(question.numbers)))
    names = None
    for kind, ids in groups.items():
        if kind == "number":
            continue
        names = set(ids) if names is None else names & ids
    if "number" in groups:  # a number names its deliberation whatever else is said
        names = groups["number"] if names is None or not (names & groups["number"]) else names & groups["number"]
    period = question.period
    if not period.given:
        frozen = None if names is None else frozenset(names)
        return Scope(frozen, frozen, tuple(filters))
    first, last = period.bounds()
    in_period = set(library.find(date_from=first, date_to=last))
    filters.append(("période", period.words().strip()))
    dated = in_period if names is None else in_period & names
    return Scope(None if names is None else frozenset(names), frozenset(dated), tuple(filters))
