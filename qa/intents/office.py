"""Who held an office at a séance: "qui était le maire de X en juin 2019", "qui présidait le
bureau du 17 mars 2022", "secrétaire de séance du …", "qui a signé la délibération …".

In: a `Context`. Out: a `Draft` naming the président (maire), secrétaire or rapporteur the
records of that collectivité, instance and date print, each cited from the words ingest read it
from (the document when they are in a séance preamble shared by several items); holders that
differ between séances of the period are all given with their séance. A "maire" is named only
where the record's words say so. None when the records print no such holder.
"""
import re

from registre.qa.cite import cite_field, describe
from registre.qa.context import Context
from registre.qa.draft import Draft, Fact
from registre.qa.intents.base import Intent, answer_of, nothing_for
from registre.qa.library import Candidate
from registre.qa.question import Question
from registre.qa.wording import content, stems
from registre.records import Citation
from registre.text.french import format_date

# "qui a tenu le secrétariat de séance" asks for the secrétaire; "secrétaire élu de la CP" too.
_ASKS = re.compile(
    r"\bqui\b.*\b(?:presid|sign|secretaire|secretariat de seance|rapporteur|maire\b)|"
    r"^(?:le |la )?(?:secretaire|president|presidente|rapporteur)\s+(?:de seance|elue?|de la|du)|"
    r"\bnom du (?:maire|president|secretaire)|"
    r"\b(?:secretaire|secretariat de seance|presid|rapporteur|maire\b).*\bqui\s*[?!.]*$")  # "…, c'était qui ?"
_NOT_OFFICE = re.compile(r"\badjoint|\bpouvoir|\bprocuration|\bdelegue|\bnomme|\bdesigne(?!e? secretaire)|"
                         r"(?<!secretaire )\belu\b(?! secretaire)")
# The office of another body: "le président de l'association Numérikéo", "la trésorière du
# club" — not what the registers' séance facts say.
_OTHER_BODY = re.compile(r"\b(?:presid\w*|secretaire|tresorier\w*|directeur|directrice|gerant\w*)\s+"
                         r"(?:de l'association|de l'asso|du club|de la societe|du syndicat|de la federation|"
                         r"de l'entreprise|de l'agence|de la cooperative|du comite|de l'amicale)\b")
_OFFICE_OF = re.compile(r"\b(?:presid\w*|secretaire|tresorier\w*|directeur|directrice)\s+(?:de\s+l'|de\s+la\s+|du\s+|de\s+)"
                        r"(?:association\s+)?$")  # "le président de Numérikéo": a beneficiary's office
_ROLES = (("secretaire", r"secretaire|secretariat de seance"), ("rapporteur", r"rapporteu"),
          ("president", r"presid|sign|maire\b"))
_WORDS = {"president": "président(e) de séance", "secretaire": "secrétaire de séance", "rapporteur": "rapporteur"}
CUES = stems("qui etait est a ete le la maire president presidente presidait preside presidence secretaire seance "
             "rapporteur signe signataire elu elue nom lors secretariat tenu tenait assure assurait occupe occupait "
             "exerce exercait")  # verbs of holding an office name nothing


def detect(question: Question) -> bool:
    f = question.folded
    return bool(_ASKS.search(f)) and not _NOT_OFFICE.search(f)


def role_of(folded: str) -> str:
    return next(role for role, pattern in _ROLES if re.search(pattern, folded))


def answer(ctx: Context) -> Draft | None:
    q = ctx.question
    if _OTHER_BODY.search(q.folded) or any(_OFFICE_OF.search(q.folded[:m.start]) for m in q.named("beneficiary")):
        ctx.notes.append("la question porte sur une fonction dans un autre organisme que la collectivité")
        return None
    role = role_of(q.folded)
    mayor = bool(re.search(r"\bmaire\b", q.folded)) and role == "president"
    records = _records(ctx)
    held: list[tuple[str, tuple, Citation]] = []
    for c in records:
        name = getattr(c.record, role)
        cited = cite_field(c.record, role)
        if not name or cited is None or (mayor and not re.search(r"\bmaire\b", cited.quote, re.I)):
            continue
        seance = (c.record.date, c.record.instance, c.record.collectivite or c.record.source)
        if all(seance != s for _, s, _ in held):
            held.append((name, seance, cited))
    if not held:
        if records:
            ctx.notes.append(f"les délibérations trouvées n'indiquent pas de {'maire' if mayor else _WORDS[role]}")
        return None
    citations, facts, said = [], [], []
    for name, (day, instance, _), cited in held:
        citations.append(cited)
        facts.append(Fact("name", name, len(citations) - 1))
        when = f"séance du {format_date(day)}" if day else "séance"
        said.append(f"{name} ({'maire, ' if mayor else ''}{_WORDS[role]}, {when}, {instance or ''} ; {describe(cited)})")
    text = " ; ".join(said) + "."
    return Draft(answer_of(ctx, "office", text, citations), facts=tuple(facts), period=q.period)


def _records(ctx: Context) -> list[Candidate]:
    """The séances asked: all of the scope when its names or period narrow it, else the
    deliberation the topic points to."""
    q = ctx.question
    topic = content(q.topic, CUES)
    scoped = ctx.in_scope()
    if scoped is not None and (not topic or len(scoped) <= 1):
        return scoped
    ranked = ctx.fitting(CUES) if topic else ctx.ranked(k=5)
    if not ranked:
        return []
    return [ranked[0]] if topic else ranked


def abstention(ctx: Context) -> str:
    q = ctx.question
    if q.unknown:
        return f"Je ne connais pas {q.unknown} dans ces registres : je ne peux pas répondre."
    role = role_of(q.folded)
    what = "maire" if re.search(r"\bmaire\b", q.folded) and role == "president" else _WORDS[role]
    why = f" ({'; '.join(ctx.notes)})" if ctx.notes else ""
    return nothing_for(ctx, f"indique le {what}").rstrip(".") + why + "."


INTENT = Intent("office", detect, answer, abstention)
