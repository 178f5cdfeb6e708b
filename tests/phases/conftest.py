"""Fixtures for the timeline tests: a fixed clock and the real content."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from phases.models import DateEntry, Milestone, Organisation, Phase
from tests.phases.factories import remove_all_content

# "Today" in the tests that read the real content: the day the statuses were checked by hand.
TODAY = datetime.date(2026, 11, 25)
NOON_IN_OSLO = datetime.datetime(2026, 11, 25, 11, 0, tzinfo=datetime.UTC)
LONG_AGO = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    """Set the clock of the page cache and the views: ``clock(moment)``; noon in Oslo on TODAY.

    The pages are served through the page cache (it is in MIDDLEWARE), which takes
    the moment once per request and hands it to the view: a test that moves the
    clock past a scheduled moment or midnight gets the page rendered afresh.
    """
    with (
        mock.patch("django.utils.timezone.now", return_value=NOON_IN_OSLO) as patched,
        mock.patch("phases.views.now", new=patched),
    ):

        def set_moment(moment):
            patched.return_value = moment

        yield set_moment


@pytest.fixture(scope="module")
def _loaded_content(django_db_setup, django_db_blocker):
    """Load the real content once per module (about a second), and remove it afterwards.

    Each test still runs in its own transaction, rolled back at its end, so a test
    that changes the content leaves the next one the content as loaded.
    """
    with django_db_blocker.unblock():
        call_command("load_content", stdout=StringIO())
        for model in (Phase, Milestone, Organisation):
            model.objects.update(publish_at=LONG_AGO)
    yield
    with django_db_blocker.unblock():
        remove_all_content()


@pytest.fixture
def content(_loaded_content, db):
    """The real content, published since long before the clock the tests use."""
    return DateEntry.objects.count()
