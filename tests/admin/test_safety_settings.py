"""Production safety from the environment: secure admin cookies and a configurable admin path.

Settings are read once at startup, so each case starts ``manage.py shell`` with its
own environment and prints what Django ended up with.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OWN_VARIABLES = {"DEBUG", "SECURE_COOKIES", "ADMIN_PATH", "ALLOWED_HOSTS", "DATABASE_URL"}


def run_shell(code: str, **env: str):
    """Run ``code`` in ``manage.py shell`` with ``env`` and return what it printed as JSON."""
    clean = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


COOKIES = (
    "import json; from django.conf import settings; "
    "print(json.dumps([settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]))"
)


@pytest.mark.parametrize(
    ("env", "secure"),
    [
        pytest.param({"DEBUG": "0"}, True, id="production default"),
        pytest.param({"DEBUG": "0", "SECURE_COOKIES": "0"}, False, id="turned off"),
        pytest.param({"DEBUG": "1"}, False, id="local development default"),
        pytest.param({"DEBUG": "1", "SECURE_COOKIES": "1"}, True, id="turned on"),
    ],
)
def test_the_session_and_csrf_cookies_follow_secure_cookies(env, secure):
    assert run_shell(COOKIES, **env) == [secure, secure]


ADMIN = """
import json
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
from django.urls import reverse
client = Client()
moved = client.get("/redaksjon/")
print(json.dumps({
    "index": reverse("admin:index"),
    "moved": [moved.status_code, moved.get("Location")],
    "login": client.get("/redaksjon/login/").status_code,
    "old": client.get("/admin/").status_code,
    "old_login": client.get("/admin/login/").status_code,
    "robots": client.get("/robots.txt").content.decode(),
}))
"""


def test_admin_path_moves_the_admin(tmp_path):
    # DEBUG on: the production static storage would need collectstatic first.
    # A database of its own: a fresh clone has none, and the developer's must not be touched.
    result = run_shell(
        ADMIN,
        DEBUG="1",
        ADMIN_PATH="redaksjon/",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'admin-path.sqlite3'}",
    )
    assert result["index"] == "/redaksjon/"
    assert result["moved"] == [302, "/redaksjon/login/?next=/redaksjon/"]
    assert result["login"] == 200
    assert (result["old"], result["old_login"]) == (404, 404)
    assert "Disallow: /redaksjon/" in result["robots"]
