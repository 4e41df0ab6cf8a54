"""What a user types in the app's fields, read: dates, years, amounts, ACTES codes, names.

In: the raw values of Gradio components. Out: plain values (None when empty), or `gr.Error`
with a French line naming what could not be read.
"""
import datetime as dt
import re
from decimal import Decimal

import gradio as gr

from registre.records import Deliberation
from registre.text.fold import fold
from registre.text.french import parse_number


def parse_day(value) -> dt.date | None:
    """A date from the date picker or a typed "AAAA-MM-JJ" / "JJ/MM/AAAA"; None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value).date()
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value).strip()[:10]
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            day, month, year = map(int, text.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise gr.Error(f"Date illisible : « {value} » (attendu AAAA-MM-JJ)") from None


def read_year(value) -> int | None:
    text = str(value if value is not None else "").strip()
    if text and not re.fullmatch(r"\d{4}", text):
        raise gr.Error(f"Année illisible : « {value} » (ex. 2022)")
    return int(text) if text else None


def read_text(value) -> str | None:
    return str(value).strip() or None if value is not None else None


def parse_euros(value) -> Decimal | None:
    """A typed amount ("5 000", "5000,50", "5 000 €"); None when empty."""
    text = str(value or "").replace("€", "").replace("euros", "").strip()
    if not text:
        return None
    number = parse_number(text)
    if number is None:
        raise gr.Error(f"Montant illisible : « {value} » (ex. 5 000)")
    return number


def names_beneficiary(delib: Deliberation, beneficiary: str | None) -> bool:
    """The beneficiary filter: the name typed in an amount's beneficiary or quote, or the title."""
    if not beneficiary:
        return True
    wanted = fold(beneficiary)
    named = [fold(a.beneficiary or a.quote) for a in delib.amounts] + [fold(delib.title or "")]
    return any(wanted in text for text in named)


def read_matiere(value) -> str | None:
    """The ACTES code chosen ("7.5 Finances locales — Subventions" → "7.5"), or typed ("7")."""
    text = read_text(value)
    if not text:
        return None
    code = text.split()[0]
    if not re.fullmatch(r"[1-9](?:\.\d{1,2})?", code):
        raise gr.Error(f"Matière illisible : « {value} » (ex. 7.5 ou 7)")
    return code
