"""«Sist oppdatert» and «Sist kontrollert»: an edit is a change, a check is one click that changes nothing."""

import datetime

import pytest

from phases.models import Milestone, Organisation, Phase

pytestmark = pytest.mark.django_db


def test_saving_content_records_when_it_last_changed(content, clock):
    phase = content["phase"]
    clock.advance(days=3)
    phase.title = "Ny tittel"
    phase.save()
    phase.refresh_from_db()
    assert phase.updated_at == clock.moment


def test_one_click_confirms_content_without_counting_as_a_change(editor, content, clock):
    phase = content["phase"]
    changed = phase.updated_at
    versions = phase.history.count()
    clock.advance(hours=5)
    response = editor.post(
        "/admin/phases/phase/",
        {"action": "confirm_still_true", "_selected_action": [phase.pk]},
        follow=True,
    )
    assert "Bekreftet at 1 element stemmer." in response.content.decode()
    phase.refresh_from_db()
    assert phase.checked_at == clock.moment
    assert phase.updated_at == changed
    assert phase.history.count() == versions


@pytest.mark.parametrize(
    "checked_days_ago, listed",
    [(None, True), (91, True), (89, False), (0, False)],
)
def test_the_admin_lists_what_has_not_been_checked_for_90_days(
    editor, content, clock, checked_days_ago, listed
):
    organisation = content["organisation"]
    checked = None
    if checked_days_ago is not None:
        checked = clock.moment - datetime.timedelta(days=checked_days_ago)
    Organisation.objects.filter(pk=organisation.pk).update(checked_at=checked)
    page = editor.get("/admin/phases/organisation/?kontrollert=nei").content.decode()
    assert (f"/admin/phases/organisation/{organisation.pk}/change/" in page) is listed


def test_a_phase_page_shows_when_it_was_published_updated_and_checked(client, content, clock):
    phase = content["phase"]
    Phase.objects.filter(pk=phase.pk).update(
        publish_at=datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC),
        checked_at=datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC),
    )
    Milestone.objects.filter(phase=phase).update(
        updated_at=datetime.datetime(2026, 10, 1, 12, tzinfo=datetime.UTC)
    )
    page = client.get("/fase/forberedelse/").content.decode()
    assert 'Publisert <time datetime="2026-01-05">5. januar 2026</time>' in page
    assert 'Sist oppdatert <time datetime="2026-11-20">20. november 2026</time>' in page
    assert 'Sist kontrollert <time datetime="2026-11-24">24. november 2026</time>' in page
