"""Security headers on every public page, on cache hits too, and the admin's one CSP exception."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.serving.conftest import PUBLIC_URLS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_security_headers(response):
    csp = directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "browsing-topics", "payment"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_sends_the_security_headers(client, url):
    first = client.get(url, secure=True)
    assert first.status_code == 200
    assert_security_headers(first)
    # The second answer comes from the page cache and must be just as strict.
    second = client.get(url, secure=True)
    assert_security_headers(second)


def test_a_missing_page_sends_the_security_headers(client):
    assert_security_headers(client.get("/en/finnes-ikke/", secure=True))


def test_the_admin_allows_inline_styles_but_never_inline_scripts(client):
    response = client.get(f"/{settings.ADMIN_PATH}login/", secure=True)
    csp = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "Permissions-Policy" in response


def test_the_deployment_checks_pass_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tidslinje.example.no",
        "CSRF_TRUSTED_ORIGINS": "https://tidslinje.example.no",
        "CACHE_URL": "redis://127.0.0.1:6379/15",
        "SECURE_SSL_REDIRECT": "1",
        "BEHIND_PROXY": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
