"""User-facing failures: one French line naming the file or field."""


class RegistreError(Exception):
    """An error whose message is shown to the user as is."""


class UnreadableFile(RegistreError):
    """A file that cannot be read at all (empty, truncated, encrypted, wrong type…)."""

    def __init__(self, source: str, reason: str):
        super().__init__(self.message(source, reason))
        self.source = source
        self.reason = reason

    @staticmethod
    def message(source: str, reason: str) -> str:
        return f"Fichier illisible : {source} ({reason})"


class IndexMissing(RegistreError):
    def __init__(self, path: str):
        super().__init__(f"Index introuvable : {path} (lancez d'abord « registre ingest »)")


class BadQuestion(RegistreError):
    """An empty or unusable question."""


class BadDirectory(RegistreError):
    """A SIRET, RNA number or line of a directory given for the exports that cannot be used."""

    def __init__(self, where: str, value: str, expected: str):
        super().__init__(f"{where} : « {value} » inutilisable ({expected})")
