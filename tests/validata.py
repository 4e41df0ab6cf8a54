"""The official SCDL validator (validata-table) run on a CSV from the tests.

validata-table lives in its own venv (`.venv-validata`, made by `make setup`): it pins a jinja2
that breaks the app, so it is called as a subprocess. `validate(csv, schema)` returns its report
(`validata_core.validate(...).to_dict()`); `problems(report)` the errors and the warnings that
are not the two deprecation notices every run prints.
"""
import json
import os
import subprocess
from pathlib import Path

import pytest
from locations import ROOT

PYTHON = ROOT / ".venv-validata" / "bin" / "python"
_SCRIPT = """
import json, sys
from validata_core import validate
print(json.dumps(validate(sys.argv[1], sys.argv[2]).to_dict(), ensure_ascii=False, default=str))
"""
_DEPRECATED = ("est déprécié",)


def require_validator() -> None:
    """Skip (outside CI) when the validator's venv is absent; in CI, fail."""
    if PYTHON.exists():
        return
    message = f"validata-table absent ({PYTHON}) : lancez « make setup » pour valider les exports SCDL"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def validate(csv_path: Path, schema: Path) -> dict:
    require_validator()
    done = subprocess.run([str(PYTHON), "-c", _SCRIPT, str(csv_path), str(schema)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def problems(report: dict) -> list[str]:
    """Each error as "row N, FIELD: message", then each warning that is not a deprecation."""
    errors = [f"ligne {e.get('rowNumber')}, {e.get('fieldName')}: {e.get('type')} {e.get('message')} "
              f"({e.get('cell')!r})" for e in report["errors"]]
    return errors + [w for w in report["warnings"] if not any(d in w for d in _DEPRECATED)]
