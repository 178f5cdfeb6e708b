"""Drag-and-drop reordering of phases is recorded in each moved phase's history."""

import json

import pytest

from phases.models import Phase
from tests.phases.factories import make_phase

pytestmark = pytest.mark.django_db

UPDATE_URL = "/admin/phases/phase/adminsortable2_update/"


@pytest.fixture
def phases(db):
    return [make_phase(title=title, position=index) for index, title in enumerate("ABC", 1)]


def drag(client, order):
    """Post what admin-sortable2's script sends after a drag: [pk, new position] pairs."""
    return client.post(
        UPDATE_URL, json.dumps({"updatedItems": order}), content_type="application/json"
    )


def test_a_drag_records_the_new_order_in_the_history_of_each_moved_phase(editor, phases):
    first, second, third = phases
    response = drag(editor, [[third.pk, 1], [first.pk, 2], [second.pk, 3]])
    assert response.status_code == 200
    assert list(Phase.objects.values_list("title_nb", flat=True)) == ["C", "A", "B"]
    for phase, position in ((third, 1), (first, 2), (second, 3)):
        latest = phase.history.latest()
        assert latest.history_change_reason == "Ny rekkefølge"
        assert latest.history_type == "~"
        assert latest.history_user.username == "kommunikasjon"
        assert latest.position == position


def test_a_phase_that_keeps_its_place_gets_no_new_history_record(editor, phases):
    first, second, third = phases
    drag(editor, [[second.pk, 3], [third.pk, 2]])
    assert first.history.count() == 1
    assert second.history.latest().history_change_reason == "Ny rekkefølge"


def test_the_new_order_reaches_the_public_timeline(editor, client, phases):
    assert client.get("/").status_code == 200  # stored in the page cache
    first, second, third = phases
    drag(editor, [[third.pk, 1], [first.pk, 2], [second.pk, 3]])
    editor.logout()
    html = client.get("/").content.decode()
    assert html.index(third.get_absolute_url()) < html.index(first.get_absolute_url())


def test_a_refused_drag_records_nothing(login, phases):
    response = drag(login("analyse"), [[phases[2].pk, 1], [phases[0].pk, 3]])
    assert response.status_code == 403
    assert all(phase.history.count() == 1 for phase in phases)
