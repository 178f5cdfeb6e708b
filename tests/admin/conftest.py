"""Fixtures for the editorial admin tests: the editors' roles and a little content.

The roles are the real groups from the migration (``phases/migrations/0002_editor_groups.py``),
so the tests check the permissions the site actually ships with.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from feedback.models import Feedback
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

ROLES = ("anonymous", "kommunikasjon", "analyse", "superuser")
FAR_FUTURE = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)


def make_user(role: str) -> User:
    if role == "superuser":
        return User.objects.create_superuser("sjef", "sjef@example.no", "pw")
    user = User.objects.create_user(role, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role.capitalize()))
    return user


@pytest.fixture
def login(client):
    """Return a function that logs the test client in as a role (or not, for "anonymous")."""

    def login(role: str):
        if role != "anonymous":
            client.force_login(make_user(role))
        return client

    return login


@pytest.fixture
def editor(login):
    return login("kommunikasjon")


@pytest.fixture
def content(db):
    """A published phase with a milestone and an organisation, a draft phase and some feedback."""
    organisation = make_organisation(name="Trondheim kommune", slug="trondheim-kommune")
    phase = make_phase(period="høst 2021", title="Forberedelsesfase", slug="forberedelse")
    phase.title_nn = "Førebuingsfase"
    phase.save()
    milestone = make_milestone(
        phase=phase, title="Trondheim tar i bruk", slug="trondheim", organisations=[organisation]
    )
    entry = make_entry(milestone, "original", "november 2021")
    draft = make_phase(period="2030", title="Hemmelig fase", slug="hemmelig", publish_at=None)
    feedback = Feedback.objects.create(page="/", language="nb", answer="yes", comment="Fint")
    return {
        "phase": phase,
        "milestone": milestone,
        "organisation": organisation,
        "entry": entry,
        "draft": draft,
        "feedback": feedback,
    }
