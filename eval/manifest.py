"""Ground-truth manifests: what each deliberation of a corpus should read as.

In: a path to a manifest (JSON, format of `eval/corpus/fictional/manifest.json`: `files`, each
with its `deliberations`: number, date, instance, collectivité, title, president, secretaire,
attendance counts, vote, page span, amounts with beneficiary and role). Out: `ExpectedDeliberation`
records, or `ManifestError` naming the file and what is wrong.
"""
import json
from dataclasses import dataclass
from pathlib import Path

from registre.errors import RegistreError

# The fields of a deliberation scored one by one (`eval.fields`), in export order.
FIELDS = ("number", "date", "instance", "collectivite", "title", "president", "secretaire",
          "membres_en_exercice", "presents", "pouvoirs", "votants", "vote")


class ManifestError(RegistreError):
    def __init__(self, path: Path, what: str):
        super().__init__(f"Manifeste inutilisable : {path.name} ({what})")


@dataclass(frozen=True, slots=True)
class ExpectedGrant:
    amount: float
    beneficiary: str | None
    page: int | None


@dataclass(frozen=True, slots=True)
class ExpectedDeliberation:
    file: str
    number: str
    page: int | None  # first page of the deliberation in its file
    values: dict  # field (FIELDS but "number" and "vote") -> expected value
    vote_result: str  # adopted, rejected, withdrawn
    vote_counts: tuple[int, int, int] | None  # (pour, contre, abstention), when the register prints them
    grants: tuple[ExpectedGrant, ...]

    @property
    def collectivite(self) -> str:
        return self.values["collectivite"]

    @property
    def prefix(self) -> str:
        """The file name's code before its first "_" ("VMM" in VMM_bureau_2022-03-17.pdf)."""
        return Path(self.file).stem.split("_")[0]


def load_manifest(path: Path) -> list[ExpectedDeliberation]:
    path = Path(path)
    if not path.is_file():
        raise RegistreError(f"Manifeste introuvable : {path}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        out = [_deliberation(item) for entry in files for item in entry["deliberations"]]
    except json.JSONDecodeError as error:
        raise ManifestError(path, f"JSON invalide, ligne {error.lineno}") from None
    except (KeyError, TypeError, ValueError) as error:
        raise ManifestError(path, f"champ manquant ou mal formé : {error}") from None
    if not out:
        raise ManifestError(path, "aucune délibération")
    return out


def _deliberation(item: dict) -> ExpectedDeliberation:
    vote = item["vote"]
    counts = (int(vote["pour"]), int(vote["contre"]), int(vote["abstention"])) if vote.get("counts_printed") else None
    pages = item.get("pages") or [None]
    grants = tuple(ExpectedGrant(float(a["amount"]), a.get("beneficiary"), a.get("page"))
                   for a in item.get("amounts", []) if a["role"] == "grant")
    values = {name: item[name] for name in FIELDS if name not in ("number", "vote")}
    return ExpectedDeliberation(item["file"], str(item["number"]), pages[0], values, vote["result"], counts, grants)
