"""Settings: declared once, checked once at the edge, one French line for a bad value."""
import os
import re
import subprocess
import sys

import pytest
from locations import ROOT

from registre.settings import DEFAULTS, SETTINGS, BadSetting, Settings, markdown_table

BAD = [
    ("REGISTRE_MAX_FILE_MB", "abc"),
    ("REGISTRE_MAX_FILE_MB", "0"),
    ("REGISTRE_OCR_DPI", "-3"),
    ("REGISTRE_OCR_DPI", "300dpi"),
    ("REGISTRE_EMBEDDER", "hash:abc"),
    ("REGISTRE_EMBEDDER_BACKEND", "tensorrt"),
    ("REGISTRE_WORKERS", "0"),
    ("REGISTRE_WORKERS", "deux"),
    ("REGISTRE_LLM", "mistral"),
    ("REGISTRE_AUTH", "sans-deux-points"),
]


def test_each_setting_is_declared_once_with_its_variable():
    fields = [s.field for s in SETTINGS]
    assert len(set(fields)) == len(fields) == len(Settings.__dataclass_fields__)
    assert all(s.env == f"REGISTRE_{s.field.upper()}" for s in SETTINGS)


def test_values_are_read_and_typed():
    settings = Settings.from_env({"REGISTRE_MAX_FILE_MB": "2,5", "REGISTRE_OCR_DPI": "200", "REGISTRE_WORKERS": "1",
                                  "REGISTRE_EMBEDDER": "hash:64", "REGISTRE_AUTH": "agent:mot:de:passe",
                                  "REGISTRE_INDEX": "", "OTHER": "x"})
    assert (settings.max_file_mb, settings.ocr_dpi, settings.workers, settings.embedder, settings.auth) == \
        (2.5, 200, 1, "hash:64", ("agent", "mot:de:passe"))
    assert settings.index == DEFAULTS.index  # empty means unset
    assert settings.max_file_bytes == int(2.5 * 1024 * 1024)


@pytest.mark.parametrize("env, value", BAD)
def test_a_bad_value_is_one_french_line_naming_it(env, value):
    with pytest.raises(BadSetting) as error:
        Settings.from_env({env: value})
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"Réglage invalide : {env}=")
    if env != "REGISTRE_AUTH":  # a password is never shown
        assert f"{env}={value} (" in message


@pytest.mark.parametrize("env, value", BAD)
def test_the_cli_refuses_a_bad_value_in_one_line(env, value, tmp_path):
    environ = {**os.environ, "HF_HUB_OFFLINE": "1", env: value}
    done = subprocess.run([sys.executable, "-m", "registre.cli", "search", "weeejob", "--index", str(tmp_path)],
                          capture_output=True, text=True, env=environ, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: Réglage invalide : {env}="), done.stderr


def test_the_readme_table_is_the_declared_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"## Réglages\n\n(.*?)\n\n", readme, re.DOTALL)
    assert section is not None and section[1] == markdown_table()
