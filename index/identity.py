"""What makes two deliberations from different files one, and how a report names one.

In: a `Deliberation`. Out: its content hash (stored with it: `index.store` merges a
deliberation into one already indexed with the same hash) and its label in a merge report
(French). Pure.
"""
import hashlib
import re

from registre.records import Deliberation
from registre.text.fold import fold
from registre.text.french import format_date

_NOT_WORD = re.compile(r"[\W_]+")
def content_hash(delib: Deliberation) -> str:
    """What makes two deliberations one by their content: the letters and digits of their
    text (folded; punctuation, spacing, line breaks and page furniture left out, so a
    register's PDF and its text extract agree) with their number, date, instance and collectivité (so the same short
    item of two séances, "Approbation du procès-verbal", stays two)."""
    words = _NOT_WORD.sub("", fold(" ".join(s.text for s in delib.sections if s.kind != "furniture")))
    key = "\x1f".join([words, delib.number or "", delib.date.isoformat() if delib.date else "",
                       delib.instance or "", delib.collectivite or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def merge_label(delib: Deliberation, position: int) -> str:
    """How a report names a deliberation of a file (French): "n° 2022.00159 du 14 avril
    2022", "délibération 3 (sans numéro) « Voirie » du 5 mai 2021"."""
    name = f"n° {delib.number}" if delib.number else f"délibération {position + 1} (sans numéro)"
    if not delib.number and delib.title:
        name += f" « {delib.title[:60]} »"
    return name + (f" du {format_date(delib.date)}" if delib.date else "")
