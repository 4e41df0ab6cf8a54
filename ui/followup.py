"""Follow-up questions in the chat: "et en 2023 ?" after "combien pour Weeejob en 2022".

In: the message typed and the previous question. Out: the question to ask. Pure.
"""
import re

_MONTHS = "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
_DAY = rf"(?:(?:1er|\d{{1,2}})\s+)?(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d"
_PERIOD = re.compile(
    rf"(?P<prep>\b(?:en|au|pour|du|de|le|depuis|dans)\s+)?"
    rf"(?P<when>\bentre\s+(?:le\s+)?{_DAY}\s+et\s+(?:le\s+)?{_DAY}\b|\b{_DAY}\b)", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^\s*(?:et|puis)\b", re.IGNORECASE)
_FILLER = {"et", "puis", "alors", "pour", "en", "sur", "dans", "l", "année", "annee"}


def follow_up_question(message: str, previous: str | None) -> str:
    """"et en 2023 ?" after "combien pour Weeejob en 2022" gives "combien pour Weeejob en 2023".

    A short message that starts with "et" and names only a period takes the previous
    question with its period replaced (or added); any other message is returned as is.
    """
    text = message.strip()
    if not previous or not _FOLLOW_UP.match(text) or len(text.split()) > 8:
        return message
    period = _PERIOD.search(text)
    rest = [w for w in re.findall(r"\w+", _PERIOD.sub(" ", text).lower()) if w not in _FILLER]
    if period is None or rest:
        return message
    when = period["when"]
    new_prep = "" if when.lower().startswith("entre") else (period["prep"] or "")
    old = _PERIOD.search(previous)
    if old is not None:
        prep = new_prep or ("" if when.lower().startswith("entre") else old["prep"] or "")
        return previous[:old.start()] + prep + when + previous[old.end():]
    body = previous.rstrip(" ?!.")
    return f"{body} {new_prep or 'en '}{when}{previous[len(body):]}"
