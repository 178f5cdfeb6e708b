"""Test-wide settings: fast password hashing and plain static files.

The production static storage (hashed, compressed names) needs ``collectstatic``;
tests use the plain storage, and ``tests/test_foundation.py`` runs the real
``collectstatic`` once to prove the production path.
"""

import tempfile

import pytest
from django.conf import settings


def pytest_configure(config):
    # WhiteNoise scans STATIC_ROOT at startup; tests serve static files through the finders.
    settings.STATIC_ROOT = tempfile.mkdtemp(prefix="hp-static-")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start every test with an empty cache, so no test sees another's pages or rate limits."""
    from django.core.cache import cache

    from helseplattform.caching import local_pages
    from helseplattform.content import content_clock

    cache.clear()
    local_pages.forget()
    content_clock.forget()
    yield
    cache.clear()
    local_pages.forget()
    content_clock.forget()


@pytest.fixture
def warm_content_state(monkeypatch):
    """Read the content version now, so a counted request makes only the view's queries.

    The page cache asks the database for the content version once a second per
    process (trusted for the whole test here, however slow the machine) and for the
    schedule only when something changed (helseplattform.content). Ask for it after
    the clock fixture, so it is read at the test's moment.
    """
    from django.utils import timezone

    from helseplattform import content

    monkeypatch.setattr(content, "TRUST_SECONDS", 3600)
    content.content_state(now=timezone.now())
