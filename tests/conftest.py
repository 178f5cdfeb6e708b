"""Test-wide settings and fixtures: fast password hashing, plain static files, one clock.

The production static storage (hashed, compressed names) needs ``collectstatic``;
tests use the plain storage, and ``tests/helseplattform/test_static_files.py`` runs
the real ``collectstatic`` once to prove the production path.
"""

import datetime
import tempfile
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

# "Today" in the tests: the day the statuses of the real content were checked by hand.
NOON_IN_OSLO = datetime.datetime(2026, 11, 25, 11, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 25)
# When the real content counts as published in the tests: long before the clock.
LONG_AGO = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)

# Fixtures shared by several test folders: a real SMTP server on loopback.
pytest_plugins = ["tests.smtp"]


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
    from phases.directory.listing import name_index

    # The directory's index is kept per content version, and a rolled-back test reuses
    # the version numbers of the one before it.
    cache.clear()
    local_pages.forget()
    content_clock.forget()
    name_index.forget()
    yield
    cache.clear()
    local_pages.forget()
    content_clock.forget()
    name_index.forget()


class Clock:
    """The moment every ``django.utils.timezone.now()`` call returns while the test runs."""

    def __init__(self, moment: datetime.datetime):
        self.moment = moment

    def __call__(self) -> datetime.datetime:
        return self.moment

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment

    def advance(self, **delta) -> None:
        self.moment += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """Freeze the clock at noon in Oslo on 25 November 2026; ``clock.set()`` and ``clock.advance()`` move it.

    The code reads the moment through ``timezone.now()`` (views pass it down as ``at=``),
    so patching that one function moves every page, feed, API answer and cache key.
    """
    fake = Clock(NOON_IN_OSLO)
    monkeypatch.setattr(timezone, "now", fake)
    return fake


@pytest.fixture(scope="module")
def _loaded_content(django_db_setup, django_db_blocker):
    """Load the real content once per module (about a second), and remove it afterwards.

    Each test still runs in its own transaction, rolled back at its end, so a test
    that changes the content leaves the next one the content as loaded.
    """
    from phases.models import GlossaryTerm, Milestone, Organisation, Phase, RolePage
    from tests.phases.factories import remove_all_content

    with django_db_blocker.unblock():
        call_command("load_content", stdout=StringIO())
        for model in (Phase, Milestone, Organisation, RolePage, GlossaryTerm):
            model.objects.update(publish_at=LONG_AGO)
    yield
    with django_db_blocker.unblock():
        remove_all_content()


@pytest.fixture
def content(_loaded_content, db):
    """The real content (phases/content/rollout.json), published since long before the clock."""
    from phases.models import DateEntry

    return DateEntry.objects.count()


@pytest.fixture(scope="module")
def large_rollout(django_db_setup, django_db_blocker):
    """Build 300 phases, 2,000 milestones and 2,000 organisations once for the module.

    Returns the slugs to put in the URLs: the phase with the most milestones and an
    organisation, for the tests that pin each page's query count.
    """
    from tests.phases.factories import build_large_rollout, remove_all_content

    with django_db_blocker.unblock():
        phases, milestones, organisations = build_large_rollout()
        busiest = max(phases, key=lambda p: sum(m.phase_id == p.pk for m in milestones))
        yield {"phase": busiest.slug, "organisation": organisations[1].slug}
        remove_all_content()


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
