"""Identifiers the registers do not print, given by the user for the SCDL exports.

In: the text of `--siret` (a SIRET; `NOM=SIRET` lines; or a file's lines `nom;siret[;fichiers]`)
and of `--beneficiaires` (a CSV with a name column and `siret` and/or `rna`). Out:
`Collectivites`, which finds the publishing collectivité (official name and SIRET) of a
deliberation, and `Beneficiaires`, which finds a beneficiary's SIRET or RNA number by its
canonical key. Every SIRET is checked (14 digits, Luhn key of the SIREN and of the SIRET,
La Poste's exception) and every RNA number (W and 9 digits) before it is written: a wrong one
is a `BadDirectory` error naming it. Pure.
"""
import csv
import fnmatch
import io
import re
from dataclasses import dataclass

from registre.errors import BadDirectory
from registre.ingest.beneficiaries import names_of
from registre.records import Amount, Deliberation
from registre.text.fold import fold

_LA_POSTE = "356000000"
_RNA = re.compile(r"W\d{9}")


def is_siret(text: str) -> bool:
    """14 digits whose SIREN (9 first) and whole pass the Luhn check (La Poste's SIRETs: the sum
    of the digits is a multiple of 5); fourteen zeros is no SIRET."""
    if not re.fullmatch(r"\d{14}", text) or not int(text):
        return False
    if text.startswith(_LA_POSTE):
        return sum(map(int, text)) % 5 == 0
    return _luhn(text[:9]) and _luhn(text)


def is_rna(text: str) -> bool:
    return bool(_RNA.fullmatch(text))


def _luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@dataclass(frozen=True, slots=True)
class Collectivite:
    """A publisher: its official name (None: the name read on each deliberation), its SIRET,
    and the source files it covers (a pattern such as `couthenans_*`, or None)."""

    name: str | None
    siret: str
    files: str | None = None


@dataclass(frozen=True, slots=True)
class Collectivites:
    entries: tuple[Collectivite, ...] = ()

    @classmethod
    def parse(cls, text: str | None, where: str = "--siret") -> "Collectivites":
        """`SIRET`, `NOM=SIRET` or `nom;siret[;fichiers]` per line (`#` starts a comment; a
        header line `nom;siret…` is skipped)."""
        entries = []
        for number, raw in enumerate((text or "").splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            for fields in _entries(line):
                if fold(fields[0]) == "nom" and fold(fields[1]) == "siret":
                    continue
                siret = re.sub(r"\s", "", fields[1])
                if not is_siret(siret):
                    raise BadDirectory(f"{where}, ligne {number}", fields[1], "un SIRET de 14 chiffres valide")
                entries.append(Collectivite(fields[0] or None, siret, (fields[2] if len(fields) > 2 else "") or None))
        return cls(tuple(entries))

    def find(self, delib: Deliberation) -> Collectivite | None:
        """The entry of `delib`: by its file, else by the SIREN of its ACTES identifier, else by
        its collectivité's name, else the SIRET given without a name."""
        for entry in self.entries:
            if entry.files and fnmatch.fnmatch(delib.source, entry.files):
                return entry
        for entry in self.entries:
            if delib.siren and entry.siret.startswith(delib.siren):
                return entry
        read = _name_key(delib.collectivite)
        for entry in self.entries:
            if entry.name and read and (_name_key(entry.name) == read or _contains(entry.name, read)):
                return entry
        return next((entry for entry in self.entries if entry.name is None and entry.files is None), None)


def _entries(line: str) -> list[list[str]]:
    """The fields of the entries of one line: `NOM=SIRET[;NOM=SIRET…]`, `nom;siret[;fichiers]`
    (or with commas), or a lone SIRET."""
    if not line:
        return []
    if "=" in line:
        return [[part.strip() for part in entry.rpartition("=")[::2]] for entry in line.split(";") if entry.strip()]
    if ";" in line or "," in line:
        fields = [field.strip() for field in next(csv.reader([line], delimiter=";" if ";" in line else ","))]
        return [fields if len(fields) >= 2 else ["", *fields]]
    return [["", line]]


def _name_key(name: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(name or "")))


def _contains(name: str, read: str) -> bool:
    given = _name_key(name)
    return bool(given) and (f" {given} " in f" {read} " or f" {read} " in f" {given} ")


@dataclass(frozen=True, slots=True)
class Beneficiaires:
    """SIRET and RNA numbers by beneficiary key."""

    sirets: tuple[tuple[str, str], ...] = ()
    rnas: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, text: str | None, where: str = "--beneficiaires") -> "Beneficiaires":
        """A CSV (`;` or `,`) whose header names a column `nom` (or `beneficiaire`, `cle`) and
        `siret` and/or `rna`; a name is matched on its canonical key."""
        if not (text or "").strip():
            return cls()
        sample = (text or "").lstrip("\ufeff")
        delimiter = ";" if sample.split("\n", 1)[0].count(";") >= sample.split("\n", 1)[0].count(",") else ","
        reader = csv.DictReader(io.StringIO(sample), delimiter=delimiter)
        columns = {fold(name or "").strip(): name for name in reader.fieldnames or []}
        names = ("nom", "beneficiaire", "nombeneficiaire", "cle")
        name_column = next((columns[c] for c in names if c in columns), None)
        if name_column is None or not ({"siret", "rna"} & set(columns)):
            raise BadDirectory(where, ";".join(reader.fieldnames or []), "colonnes attendues : nom ; siret et/ou rna")
        sirets, rnas = [], []
        for number, row in enumerate(reader, 2):
            key = names_of(row.get(name_column) or "").key
            siret = re.sub(r"\s", "", row.get(columns.get("siret", ""), "") or "")
            rna = (row.get(columns.get("rna", ""), "") or "").strip().upper()
            if not key or not (siret or rna):
                continue
            if siret and not is_siret(siret):
                raise BadDirectory(f"{where}, ligne {number}", siret, "un SIRET de 14 chiffres valide")
            if rna and not is_rna(rna):
                raise BadDirectory(f"{where}, ligne {number}", rna, "un numéro RNA : W suivi de 9 chiffres")
            sirets += [(key, siret)] if siret else []
            rnas += [(key, rna)] if rna else []
        return cls(tuple(sirets), tuple(rnas))

    def identify(self, amount: Amount) -> tuple[str | None, str | None]:
        """(SIRET, RNA) of an amount's beneficiary: printed with it, else from the directory."""
        printed = amount.beneficiary_id or ""
        if is_siret(printed):
            return printed, None
        if is_rna(printed):
            return None, printed
        keys = {amount.beneficiary_key, *amount.beneficiary_aliases} - {None, ""}
        siret = next((value for key, value in self.sirets if key in keys), None)
        rna = next((value for key, value in self.rnas if key in keys), None)
        return siret, rna
