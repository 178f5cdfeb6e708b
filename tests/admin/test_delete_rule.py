"""The delete rule: Kommunikasjon may delete only content that has never been public.

"Published" is read from the history, not from today's ``publish_at``: an editor
who clears the publishing time of a page that was online still cannot delete it.
"""

import datetime

import pytest

from phases.models import DateEntry, Organisation, Phase
from phases.publication import has_been_public
from tests.admin.test_permissions import _form_data

pytestmark = pytest.mark.django_db


def moment(day, hour=12):
    return datetime.datetime(2024, 1, day, hour, tzinfo=datetime.UTC)


NOW = moment(20)


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        pytest.param([], False, id="no versions"),
        pytest.param([(moment(1), None, None)], False, id="a draft"),
        pytest.param([(moment(1), moment(2), None)], True, id="published"),
        pytest.param([(moment(1), moment(25), None)], False, id="scheduled for later"),
        pytest.param(
            [(moment(1), moment(10), None), (moment(5), None, None)],
            False,
            id="scheduled, then cancelled before its time",
        ),
        pytest.param(
            [(moment(1), moment(2), None), (moment(5), None, None)],
            True,
            id="published, then publish_at cleared",
        ),
        pytest.param(
            [(moment(1), moment(2), moment(2))], False, id="unpublished at the same moment"
        ),
        pytest.param(
            [(moment(1), moment(2), moment(3)), (moment(10), None, None)],
            True,
            id="public for a day, unpublished, then made a draft",
        ),
        pytest.param(
            [(moment(5), moment(1), moment(3))],
            False,
            id="saved with a window that had already passed",
        ),
        pytest.param([(None, moment(2), None)], True, id="written without history"),
    ],
)
def test_whether_content_has_been_public_is_read_from_every_version(versions, expected):
    assert has_been_public(versions, at=NOW) is expected


def test_an_editor_cannot_delete_a_phase_after_clearing_its_publishing_time(editor, content):
    phase = content["phase"]
    content["milestone"].delete()  # PROTECT would refuse for another reason
    phase.publish_at = None
    phase.save()
    url = f"/admin/phases/phase/{phase.pk}/delete/"
    assert editor.get(url).status_code == 403
    editor.post(url, {"post": "yes"})
    editor.post(
        "/admin/phases/phase/",
        {"action": "delete_selected", "_selected_action": [phase.pk], "post": "yes"},
    )
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_clearing_the_publishing_time_in_the_form_does_not_open_the_delete_button(editor, content):
    organisation = content["organisation"]
    url = f"/admin/phases/organisation/{organisation.pk}/change/"
    data = _form_data(editor.get(url))
    del data["publish_at_0"], data["publish_at_1"]
    assert editor.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.publish_at is None
    assert editor.get(f"/admin/phases/organisation/{organisation.pk}/delete/").status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_superuser_can_still_delete_content_that_has_been_public(login, content):
    phase = content["phase"]
    content["milestone"].delete()
    client = login("superuser")
    client.post(f"/admin/phases/phase/{phase.pk}/delete/", {"post": "yes"})
    assert not Phase.objects.filter(pk=phase.pk).exists()


def test_an_editor_can_delete_a_publish_that_was_cancelled_before_its_time(editor, content):
    draft = content["draft"]
    draft.publish_at = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    draft.save()
    editor.post(
        "/admin/phases/phase/",
        {"action": "unpublish_now", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.publish_at is None
    editor.post(f"/admin/phases/phase/{draft.pk}/delete/", {"post": "yes"})
    assert not Phase.objects.filter(pk=draft.pk).exists()


def test_the_date_history_of_content_that_has_been_public_stays(editor, content):
    milestone, entry = content["milestone"], content["entry"]
    milestone.publish_at = None
    milestone.save()
    assert editor.get(f"/admin/phases/dateentry/{entry.pk}/delete/").status_code == 403
    html = editor.get(f"/admin/phases/milestone/{milestone.pk}/change/").content.decode()
    assert 'name="date_entries-0-DELETE"' not in html
    assert DateEntry.objects.filter(pk=entry.pk).exists()


def test_the_rule_is_explained_next_to_the_unpublishing_time(editor, content):
    html = editor.get(f"/admin/phases/phase/{content['phase'].pk}/change/").content.decode()
    assert "Innhold som noen gang har vært synlig på nettstedet, kan ikke slettes" in html
    assert "avpubliser det i stedet" in html
