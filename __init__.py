"""registre: questions, search and export over registers of deliberations.

Python API (see README): `open_index(path)` returns the engine that `ingest`,
`search`, `ask` and `as_retriever` are called on.
"""


def open_index(path=None, **settings):
    """Open (or create) the index folder at `path` (default $REGISTRE_INDEX or ./.registre)."""
    from registre.engine import Engine

    return Engine.open(path, **settings)
