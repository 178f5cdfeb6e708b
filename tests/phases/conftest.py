"""Fixtures for the timeline tests: the page cache off (the clock and the real content are in tests/conftest.py)."""

import pytest


@pytest.fixture(autouse=True)
def _pages_without_page_cache(settings):
    """Render every request: these tests move the clock between requests to the same URL.

    The page cache has tests of its own (tests/serving).
    """
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("PageCacheMiddleware")]
