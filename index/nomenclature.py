"""The ACTES nomenclature and the SCDL schemas vendored in index/schemas/.

In: an ACTES code ("7.5"). Out: its SCDL name (`finances locales/subventions`: matière and
sous-matière in lower case with their accents, without parentheses or commas, no space around
the slash, as DELIB_MATIERE_NOM wants them), its label for a reader ("Finances locales —
Subventions"), the paths of the SCDL schemas. The table is read once from the vendored
`actes-nomenclature.csv` (copied from schema.data.gouv.fr, like the schemas).
"""
import csv
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

SCHEMAS = Path(__file__).parent / "schemas"
DELIBERATIONS_SCHEMA = SCHEMAS / "deliberations-2.1.5.schema.json"
SUBVENTIONS_SCHEMA = SCHEMAS / "subventions-2.1.1.schema.json"


class Matiere(NamedTuple):
    code: str
    matiere: str
    sous_matiere: str

    @property
    def scdl_name(self) -> str:
        return f"{_scdl_label(self.matiere)}/{_scdl_label(self.sous_matiere)}"

    @property
    def label(self) -> str:
        return f"{self.matiere} — {self.sous_matiere}"


@cache
def table() -> dict[str, Matiere]:
    """The 57 sous-matières by code, in the table's order."""
    with (SCHEMAS / "actes-nomenclature.csv").open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream)
        return {row["code"]: Matiere(row["code"], row["matiere"], row["sous_matiere"]) for row in rows}


def matiere(code: str | None) -> Matiere | None:
    return table().get(code or "")


def _scdl_label(text: str) -> str:
    """"Décisions budgétaires (B.P., D.M., C.A. …)" → "décisions budgétaires"; the table drops the
    accent of two capitals ("Election", "l'Etat"), given back here."""
    text = re.sub(r"\s*\([^)]*\)", "", text).replace(",", " ")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return re.sub(r"\betat\b", "état", re.sub(r"^election\b", "élection", text))
