"""The app's small rules: upload file names, filter values, who may listen where."""
import datetime as dt
from decimal import Decimal

import pytest

from registre.errors import RegistreError
from registre.settings import BadSetting, Settings
from registre.ui.handlers import parse_day, parse_euros
from registre.ui.server import check_bind
from registre.ui.upload import safe_filename


@pytest.mark.parametrize("name, safe", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\Windows\\evil.TXT", "evil.txt"),
    ("registre\x00\x1b[31m.md", "registre[31m.md"),
    (".cache.pdf", "cache.pdf"),
    ("..", "document"),
    ("  <CM> mars:2024?.PDF ", "CM mars2024.pdf"),
    ("délibérations 2024.pdf", "délibérations 2024.pdf"),
])
def test_upload_names_are_made_safe(name, safe):
    assert safe_filename(name) == safe


def test_filters_read_french_amounts_and_dates():
    assert parse_euros("5 000 €") == Decimal("5000")
    assert parse_euros("1 500,50") == Decimal("1500.50")
    assert parse_euros("") is None
    assert parse_day("2022-04-14") == dt.date(2022, 4, 14)
    assert parse_day("14/04/2022") == dt.date(2022, 4, 14)
    assert parse_day("2022-04-14 00:00:00") == dt.date(2022, 4, 14)
    assert parse_day(None) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.1.1"])
def test_local_hosts_need_no_login(host):
    check_bind(host, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "registre.mairie.fr"])
def test_other_hosts_need_a_login(host):
    with pytest.raises(RegistreError, match="sans authentification"):
        check_bind(host, None)
    check_bind(host, ("agent", "secret"))


def test_login_is_user_colon_password():
    assert Settings.from_env({"REGISTRE_AUTH": "agent:mot:de:passe"}).auth == ("agent", "mot:de:passe")
    assert Settings.from_env({}).auth is None
    for bad in ("agent", ":secret", "agent:"):
        with pytest.raises(BadSetting, match="UTILISATEUR:MOT_DE_PASSE") as error:
            Settings.from_env({"REGISTRE_AUTH": bad})
        assert "secret" not in str(error.value)
