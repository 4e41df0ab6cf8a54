"""Score one answer (the `ask --json` object) against one evaluation question.

In: an `EvalQuestion` and an answer dict. Out: a `Score`: correct or not and why, the
citations given and expected (normalised), whether the answer abstained, and whether it
stated a wrong figure (hallucination). Pure.

The rules are those of the reference scorer kept apart from the product
(`tests/reference/score.py`), so that both give the same figures on the same answers:

- amount: `total.value` within 0.5 of the expected total;
- date: the date in the answer text, in ISO or a French writing ("14 avril 2022",
  "1er mars 2020", "14/04/2022", "14.04.2022", "14/04/22"…), or a cited deliberation's `date`;
- person: every word of the expected name in the answer text (case and accents ignored);
- count: the number in the answer text (thousands groups joined: "9 600" is 9600);
- boolean: the first "oui" or "non" word of the answer;
- lookup: the expected number cited, or written in the answer text;
- list: every expected number cited;
- abstain: abstained, and no total.

An abstention where an answer was due is wrong. Citations are compared normalised ("N°",
spaces and case dropped; a citation without a number is its source's file name). A wrong
total, a wrong date or count stated anyway, a lookup citing the wrong deliberation and a
total given where registre should have abstained count as hallucinations.
"""
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from registre.eval.questions import EvalQuestion

MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
          "octobre", "novembre", "decembre")


@dataclass(frozen=True, slots=True)
class Score:
    correct: bool
    why: str | None
    cited: tuple[str, ...]  # normalised, first occurrence order
    expected: tuple[str, ...]  # normalised, as listed by the question
    any_citation: bool  # "citations_mode": "any": one expected citation is enough for recall
    abstained: bool
    hallucinated: bool

    @property
    def cited_right(self) -> int:
        return sum(1 for c in self.cited if c in self.expected)

    @property
    def expected_found(self) -> int:
        if self.any_citation:
            return int(any(c in self.expected for c in self.cited))
        return sum(1 for e in self.expected if e in self.cited)

    @property
    def expected_count(self) -> int:
        return 1 if self.any_citation else len(self.expected)

    @property
    def precision(self) -> float | None:
        return self.cited_right / len(self.cited) if self.cited else None

    @property
    def recall(self) -> float | None:
        return self.expected_found / self.expected_count if self.expected else None


def score(question: EvalQuestion, answer: dict) -> Score:
    cited = cited_ids(answer)
    expected = tuple(normalise_number(c) for c in question.citations)
    abstained = bool(answer.get("abstained"))
    total = _total(answer)

    def result(correct: bool, why: str | None, hallucinated: bool = False) -> Score:
        return Score(correct, None if correct else why, cited, expected, question.citations_mode == "any",
                     abstained, hallucinated)

    if question.type == "abstain":
        gave_total = total is not None and abs(total) >= 0.005
        why = ("aurait dû s'abstenir" if not abstained else "s'abstient") + (" (et donne un total)" if gave_total else "")
        return result(abstained and not gave_total, why, gave_total)
    if abstained:
        return result(False, "abstention alors qu'une réponse était attendue")
    correct, why, hallucinated = CHECKS[question.type](question, answer, cited, total)
    return result(correct, why, hallucinated)


def cited_ids(answer: dict) -> tuple[str, ...]:
    """The answer's citations, normalised and without repeats (`citation_id`)."""
    out = []
    for citation in answer.get("citations") or []:
        if isinstance(citation, str):
            out.append(normalise_number(citation))
        elif isinstance(citation, dict) and (citation.get("deliberation") or citation.get("source")):
            out.append(citation_id(citation.get("deliberation"), citation.get("source")))
    return tuple(dict.fromkeys(out))


def citation_id(deliberation: str | None, source: str | None) -> str:
    """What identifies a cited deliberation: its number, else its source's file name; normalised."""
    return normalise_number(deliberation or PurePath(str(source or "")).name)


def normalise_number(raw) -> str:
    """'Délibération N° 2022.00159' -> '2022.00159': case and accents folded, a leading
    'délibération'/'décision'/'acte' and 'N°'/'no' dropped, spaces and trailing punctuation removed."""
    text = ascii_fold(raw).strip()
    text = re.sub(r"^(?:deliberation|decision|acte)\s*", "", text)
    text = re.sub(r"^(?:no\.?|n\s|n(?=\d))\s*", "", text)
    return re.sub(r"\s+", "", text).rstrip(".,;")


def ascii_fold(text) -> str:
    """Lower case ASCII: accents taken off, any other non-ASCII character ("°", "’", "€") dropped.

    Not `text.fold.fold`, which keeps such characters: a scoring rule must read
    "N’DIAYE" and "N°12" as the reference scorer does, whatever the product does."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return decomposed.encode("ascii", "ignore").decode().lower()


def words(text) -> list[str]:
    return re.findall(r"[a-z0-9]+", ascii_fold(text))


def has_date(text: str, iso: str) -> bool:
    flat = re.sub(r"\s+", " ", ascii_fold(text)).replace("1 er ", "1er ")
    return any(re.search(rf"(?<!\d){re.escape(form)}(?!\d)", flat) for form in date_writings(iso))


def date_writings(iso: str) -> set[str]:
    """The ways a date may be written in an answer: ISO, numeric (day first) and French words."""
    year, month, day = (int(part) for part in iso.split("-"))
    numeric = {f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year}", f"{day}/{month:02d}/{year}",
               f"{day:02d}-{month:02d}-{year}", f"{day:02d}.{month:02d}.{year}",
               f"{day:02d}/{month:02d}/{year % 100:02d}"}
    days = ("1er", "1") if day == 1 else (str(day), f"{day:02d}")
    return {iso, *numeric, *(f"{d} {MONTHS[month - 1]} {year}" for d in days)}


def numbers_in(text: str) -> list[int]:
    """Whole numbers written in `text`, thousands groups joined ("9 600" and "9.600" are 9600);
    the decimals after a comma are not numbers of their own."""
    flat = ascii_fold(text).replace("\u00a0", " ").replace("\u202f", " ")
    joined = re.sub(r"(?<=\d)[ .](?=\d{3}(?!\d))", "", flat)
    return [int(m) for m in re.findall(r"(?<![\d,])\d+(?!\d)", joined)]


def _total(answer: dict) -> float | None:
    total = answer.get("total")
    if isinstance(total, dict) and total.get("value") is not None:
        return float(total["value"])
    if isinstance(total, int | float) and not isinstance(total, bool):
        return float(total)
    return None


def _amount(question, answer, cited, total):
    want = float(question.expected["total"])
    if total is None:
        return False, "aucun total donné", False
    if abs(total - want) < 0.5:
        return True, None, False
    return False, f"total faux : {total:g} au lieu de {want:g} (écart {total - want:+g})", True


def _date(question, answer, cited, total):
    want = question.expected["date"]
    text = answer.get("answer") or ""
    in_citations = any(isinstance(c, dict) and str(c.get("date") or "")[:10] == want
                       for c in answer.get("citations") or [])
    if has_date(text, want) or in_citations:
        return True, None, False
    return False, f"date attendue {want} absente", bool(re.search(r"\d{4}", ascii_fold(text)))


def _person(question, answer, cited, total):
    name = question.expected["name"]
    present = set(words(answer.get("answer") or ""))
    if all(w in present for w in words(name)):
        return True, None, False
    return False, f"nom attendu « {name} » absent", False


def _count(question, answer, cited, total):
    want = int(question.expected.get("value", question.expected.get("count")))
    found = numbers_in(answer.get("answer") or "")
    found += [int(answer[k]) for k in ("value", "count")
              if isinstance(answer.get(k), int | float) and not isinstance(answer.get(k), bool)]
    if total is not None:
        found.append(round(total))
    if want in found:
        return True, None, False
    return False, f"nombre attendu {want} absent", bool(found)


def _boolean(question, answer, cited, total):
    want = bool(question.expected["value"])
    got = answer.get("value") if isinstance(answer.get("value"), bool) else None
    if got is None:
        said = [w for w in words(answer.get("answer") or "") if w in ("oui", "non")]
        got = said[0] == "oui" if said else None
    if got == want:
        return True, None, False
    return False, f"la réponse devait être « {'Oui' if want else 'Non'} »", False


def _lookup(question, answer, cited, total):
    number = normalise_number(question.expected.get("number") or (question.citations or ("",))[0])
    written = re.sub(r"\s+", "", ascii_fold(answer.get("answer") or ""))
    if number in cited or (number and number in written):
        return True, None, False
    return False, f"numéro {number} ni cité ni écrit", bool(cited)


def _list(question, answer, cited, total):
    wanted = question.expected.get("numbers") or question.citations
    missing = [n for n in (normalise_number(x) for x in wanted) if n not in cited]
    if not missing:
        return True, None, False
    return False, "citation manquante : " + ", ".join(missing), False


# Types of the chain's own that the contract's table does not list are scored as their kin: the
# holder of an office is a name, an open question points to deliberations.
CHECKS = {"amount": _amount, "date": _date, "person": _person, "office": _person, "count": _count,
          "boolean": _boolean, "lookup": _lookup, "list": _list, "open": _lookup}
