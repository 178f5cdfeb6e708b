"""No personal data in any log line: client address, user agent, query string and cookies.

Every record emitted during a set of request cycles (including django.request's
warnings for 404, 405 and 400 and its error for 500) is formatted by the JSON
formatter used in production, and the output is searched for the visitor's data.
"""

import json
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings

from helseplattform.logs import JsonFormatter

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.serving.urls")]

ROOT = Path(__file__).resolve().parents[2]

ADDRESS = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (Kari Nordmanns nettbrett 4242)"
EMAIL = "kari.nordmann@example.no"
QUERY = f"epost={EMAIL}&fnr=01019912345"
SESSION = "sessionverdi0123456789abcdefghij"
PERSONAL = [ADDRESS, USER_AGENT, "Kari", EMAIL, "kari.nordmann", "01019912345", SESSION, "epost="]


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines():
    handler = Collect()
    loggers = [logging.getLogger(), logging.getLogger("django")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield handler.lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def visit(client, method: str, path: str, **extra):
    client.raise_request_exception = False
    client.cookies[settings.SESSION_COOKIE_NAME] = SESSION
    client.cookies["csrftoken"] = "csrfverdi0123456789abcdefghijklm"
    return getattr(client, method)(
        f"{path}?{QUERY}", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=USER_AGENT, **extra
    )


@pytest.mark.parametrize(
    ("method", "path", "extra", "status"),
    [
        ("get", "/faser/", {}, 200),
        ("get", "/finnes-ikke/", {}, 404),
        ("post", "/nn/finnes-ikke/", {}, 404),
        ("get", "/feil/", {}, 500),
        ("get", "/faser/", {"HTTP_HOST": "angriper.example"}, 400),
        ("post", "/healthz", {}, 405),
    ],
)
def test_a_request_cycle_logs_no_personal_data(client, log_lines, method, path, extra, status):
    response = visit(client, method, path, **extra)
    assert response.status_code == status
    if status >= 400:
        assert log_lines, "the failure should have been logged"
    for line in log_lines:
        entry = json.loads(line)
        assert set(entry) <= {
            "time",
            "level",
            "logger",
            "message",
            "exception",
            "status_code",
            "method",
            "path",
            "duration_ms",
        }
        for value in PERSONAL:
            assert value not in line, f"{value!r} leaked into {line}"


def test_the_json_formatter_writes_one_line_of_json(log_lines):
    logging.getLogger("helseplattform").warning(
        "Side %s ble ikke funnet", "/x/", extra={"status_code": 404}
    )
    (line,) = log_lines
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Side /x/ ble ikke funnet"
    assert entry["status_code"] == 404
    assert entry["level"] == "WARNING"


@pytest.mark.parametrize("logger", ["django.db.backends", "django.template"])
def test_loggers_that_print_request_data_at_debug_level_are_capped(settings, logger):
    # django.db.backends logs every query with its parameters (feedback text among them);
    # django.template logs missing variables with the objects searched (request.GET).
    assert settings.LOGGING["loggers"][logger]["level"] == "INFO"


def test_the_gunicorn_access_log_has_no_address_query_string_or_headers(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/0")  # several workers need one
    monkeypatch.setenv("DATABASE_TIMEOUT_SECONDS", "2")  # so the config's setdefault is undone
    namespace: dict = {}
    exec((ROOT / "deploy" / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own config
    atoms = set(re.findall(r"%\(([^)]+)\)s", namespace["access_log_format"]))
    # h: address, r: request line, q: query string, a: user agent, f: referer,
    # {…}i/{…}e: any header or environ value, u: user name.
    assert atoms <= {"t", "m", "U", "s", "B", "b", "D", "L", "M", "T", "H", "p"}, atoms
