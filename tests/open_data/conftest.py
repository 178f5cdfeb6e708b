"""Fixtures for the open-data tests: a fixed clock, the real content, small hand-made rollouts."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from phases.models import DateEntry, Milestone, Organisation, Phase

# The day the statuses of the real content were checked by hand (as in tests/phases).
NOON_IN_OSLO = datetime.datetime(2026, 11, 25, 11, 0, tzinfo=datetime.UTC)
LONG_AGO = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
NEXT_YEAR = datetime.datetime(2027, 11, 25, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Freeze ``timezone.now()`` at noon in Oslo on 25 November 2026; ``clock(moment)`` moves it."""
    moment = [NOON_IN_OSLO]
    monkeypatch.setattr(timezone, "now", lambda: moment[0])

    def set_moment(value):
        moment[0] = value

    return set_moment


@pytest.fixture(scope="module")
def _loaded_content(django_db_setup, django_db_blocker):
    """Load the real content once per module, and remove it afterwards."""
    with django_db_blocker.unblock():
        call_command("load_content", stdout=StringIO())
        for model in (Phase, Milestone, Organisation):
            model.objects.update(publish_at=LONG_AGO)
    yield
    with django_db_blocker.unblock():
        for model in (DateEntry, Milestone, Phase, Organisation):
            model.objects.all().delete()
            model.history.all().delete()


@pytest.fixture
def content(_loaded_content, db):
    """The real content, published since long before the clock."""
    return DateEntry.objects.count()
