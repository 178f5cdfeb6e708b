"""No identity number, phone number or e-mail address from a request reaches the logs (issue #21).

Old main: a fødselsnummer in a path appeared in Django's "Not Found: …" warning and
in gunicorn's access log line. This test starts the real server (gunicorn with
deploy/gunicorn.conf.py, DEBUG off, on a throw-away SQLite database and a free
loopback port), plants personal data in paths, query strings and headers, and
searches everything the server printed.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path

import pytest

from tests.feedback.helpers import make_fodselsnummer

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

FNR = make_fodselsnummer()
PHONE = "91234567"
SPACED_PHONE = "912 34 567"
EMAIL = "kari.nordmann@example.no"
PLANTED = [FNR, PHONE, SPACED_PHONE, EMAIL, "kari.nordmann", "%40example", "912%2034"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Start gunicorn as production does; yield its port and the file it logs to."""
    home = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(home / "static"),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    for command in (["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    log = home / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "helseplattform.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()
            try:
                connection = HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start within 30 s"
            time.sleep(0.2)
        yield port, log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def send(port: int, method: str, target: str, headers: dict[str, str], body: bytes = b"") -> int:
    connection = HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    for name, value in {"Host": f"127.0.0.1:{port}", **headers}.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    status = connection.getresponse().status
    connection.close()
    return status


def test_personal_data_in_paths_query_strings_and_headers_never_reaches_the_logs(server):
    port, log = server
    personal_headers = {
        "User-Agent": f"Kari {EMAIL} {PHONE}",
        "Referer": f"http://127.0.0.1/?fnr={FNR}",
        "X-Forwarded-For": f"{PHONE}",
        "Cookie": f"sessionid={FNR}",
    }
    requests = [
        ("GET", f"/tilbakemelding/{FNR}/", {}),
        ("POST", f"/tilbakemelding/{FNR}/", {}),
        ("GET", f"/{FNR}", {}),
        ("GET", f"/nn/sok/{EMAIL}/", {}),
        ("GET", "/en/kari.nordmann%40example.no/", {}),
        ("GET", f"/ring/{SPACED_PHONE.replace(' ', '%20')}/", {}),
        ("GET", f"/virksomheter/?epost={EMAIL}&fnr={FNR}&tlf={PHONE}", {}),
        ("GET", f"/finnes-ikke/?q={FNR}", personal_headers),
        ("POST", f"/healthz?fnr={FNR}", personal_headers),
        ("GET", "/", {"Host": f"{FNR}.example"}),
        ("GET", f"/{PHONE}/", {"Host": EMAIL}),
        ("POST", f"/tilbakemelding/?tlf={PHONE}", {"Content-Type": f"text/plain; a*=x{FNR}'en'y"}),
        ("GET", f"/endringer/?{FNR}", {"Accept": f"text/html; q*=x{PHONE}'en'1"}),
    ]
    statuses = [send(port, method, target, headers) for method, target, headers in requests]
    time.sleep(0.5)  # let the worker flush its log lines
    output = log.read_text()
    for value in PLANTED:
        assert value not in output, f"{value!r} reached the log:\n{output}"
    # The requests were logged, just without the data: not a vacuous pass.
    assert '"GET /tilbakemelding/[n]/" 404' in output, output
    assert "Not Found: /tilbakemelding/[n]/" in output, output
    assert all(status < 500 for status in statuses), statuses
