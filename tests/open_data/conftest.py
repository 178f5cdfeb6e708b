"""Fixtures for the open-data tests: the suite's clock for every test, the page cache off, a warm content state."""

import datetime

import pytest
from django.utils import timezone

from helseplattform import caching

NEXT_YEAR = datetime.datetime(2027, 11, 25, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen_clock(clock):
    """Run every open-data test on the suite's clock (tests/conftest.py): the real content's day."""
    return clock


@pytest.fixture(autouse=True)
def _pages_without_page_cache(settings):
    """Render every request; the page cache has tests of its own (tests/serving)."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("PageCacheMiddleware")]


@pytest.fixture
def warm_content_state():
    """Compute the content state now, so a counted request makes only its own queries.

    The first request after the cache is cleared asks the database once for the
    next scheduled publish (helseplattform.caching); every later one reads it from the cache.
    """
    caching.content_state(now=timezone.now())
