"""registre: questions, search and export over registers of deliberations.

Python API (see README): `open_index(path)` returns the engine that `ingest`,
`search`, `ask` and `as_retriever` are called on. It is an edge, like cli.py and app.py:
the settings are read from the environment here, once.
"""


def open_index(path=None, **options):
    """Open (or create) the index folder at `path` (default $REGISTRE_INDEX or ./.registre),
    with the settings of the environment (REGISTRE_EMBEDDER…); `options` go to `Engine.open`
    (embedder, create, llm)."""
    import os

    from registre.engine import Engine
    from registre.settings import Settings

    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is bundled: never ask the hub
    return Engine.open(path, settings=Settings.from_env(os.environ), **options)
