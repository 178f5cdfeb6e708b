"""Which organisations a milestone concerns is in its history: recorded, compared and restored."""

import importlib

import pytest
from django.apps import apps

from tests.admin.test_editing import _milestone_form
from tests.admin.test_permissions import _form_data
from tests.phases.factories import make_organisation

pytestmark = pytest.mark.django_db


def recorded(record):
    return sorted(str(row.organisation) for row in record.organisations.all())


@pytest.fixture
def malvik(db):
    return make_organisation(name="Malvik kommune", slug="malvik")


def change_organisations(editor, milestone, organisations):
    url, data = _milestone_form(editor, milestone)
    data["organisations"] = [organisation.pk for organisation in organisations]
    response = editor.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_change_of_organisations_in_the_admin_is_recorded_in_the_history(editor, content, malvik):
    milestone = content["milestone"]
    before = milestone.history.latest()
    change_organisations(editor, milestone, [content["organisation"], malvik])
    latest = milestone.history.latest()
    assert recorded(before) == ["Trondheim kommune"]
    assert recorded(latest) == ["Malvik kommune", "Trondheim kommune"]
    assert latest.history_user.username == "kommunikasjon"


def test_the_comparison_shows_the_organisations_before_and_after(editor, content, malvik):
    milestone = content["milestone"]
    older = milestone.history.latest()
    change_organisations(editor, milestone, [malvik])
    newer = milestone.history.latest()
    response = editor.get(
        f"/admin/phases/milestone/{milestone.pk}/historikk/sammenlign/",
        {"fra": older.history_id, "til": newer.history_id},
    )
    assert response.status_code == 200
    row = {"label": "virksomheter", "old": "Trondheim kommune", "new": "Malvik kommune"}
    assert row in response.context["rows"]
    assert "Malvik kommune" in response.content.decode()


def test_restoring_an_earlier_version_brings_back_its_organisations(editor, content, malvik):
    milestone = content["milestone"]
    earlier = milestone.history.latest()
    change_organisations(editor, milestone, [malvik])
    url = f"/admin/phases/milestone/{milestone.pk}/history/{earlier.history_id}/"
    response = editor.post(url, _form_data(editor.get(url)))
    assert response.status_code == 302
    assert [str(o) for o in milestone.organisations.all()] == ["Trondheim kommune"]
    assert recorded(milestone.history.latest()) == ["Trondheim kommune"]


def test_the_upgrade_gives_the_newest_version_todays_organisations(content):
    milestone = content["milestone"]
    rows = apps.get_model("phases", "HistoricalMilestone_organisations")
    rows.objects.all().delete()  # as before the organisations were recorded
    migration = importlib.import_module("phases.migrations.0004_milestone_organisations_history")
    migration.keep_todays_organisations_in_the_latest_version(apps, None)
    assert recorded(milestone.history.latest()) == ["Trondheim kommune"]
    assert rows.objects.count() == 1
