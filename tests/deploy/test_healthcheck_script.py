"""deploy/healthcheck.py, the container's probe: it asks its own server, on the port BIND names."""

import runpy
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "healthcheck.py"
healthcheck = runpy.run_path(str(SCRIPT))


@pytest.mark.parametrize(
    ("path", "bind", "url"),
    [
        ("/healthz", "0.0.0.0:8000", "http://127.0.0.1:8000/healthz"),
        ("/readyz", "127.0.0.1:18401", "http://127.0.0.1:18401/readyz"),
        ("/healthz", "[::]:9000", "http://127.0.0.1:9000/healthz"),
        ("/healthz", "", "http://127.0.0.1:8000/healthz"),
    ],
)
def test_it_probes_loopback_on_the_port_that_bind_names(path, bind, url):
    assert healthcheck["probe_url"](path, bind) == url


@pytest.mark.django_db
def test_it_exits_0_when_the_server_answers_200_and_1_otherwise(live_server, monkeypatch):
    monkeypatch.setenv("BIND", f"0.0.0.0:{urlsplit(live_server.url).port}")
    assert healthcheck["main"](["healthcheck.py", "/healthz"]) == 0
    assert healthcheck["main"](["healthcheck.py", "/no-such-probe"]) == 1


def test_it_exits_1_when_nothing_listens(monkeypatch, unused_port):
    monkeypatch.setenv("BIND", f"0.0.0.0:{unused_port}")
    assert healthcheck["main"](["healthcheck.py"]) == 1


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
