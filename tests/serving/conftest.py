"""Fixtures for the serving tests: a controllable clock and the public URLs."""

import datetime

import pytest
from django.utils import timezone

# The public pages in every language (literal URLs: they are a contract).
PUBLIC_PAGES = ["/", "/virksomheter/", "/endringer/", "/tilgjengelighet/"]
PUBLIC_URLS = [f"{prefix}{page}" for prefix in ("", "/nn", "/en") for page in PUBLIC_PAGES]


class Clock:
    """The moment ``django.utils.timezone.now()`` returns while the test runs."""

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
    """Freeze the clock at a Tuesday noon in Oslo; every timezone.now() call reads it."""
    moment = timezone.make_aware(datetime.datetime(2026, 3, 10, 12, 0))
    fake = Clock(moment)
    monkeypatch.setattr(timezone, "now", fake)
    return fake
