"""Triage: status and tags, one by one and in bulk, recorded with who and when; spam counts nowhere."""

import pytest
from django.contrib.auth.models import Group, User

from feedback import stats, triage
from feedback.models import Feedback, Tag, TriageChange
from tests.feedback.helpers import at, make_feedback

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/feedback/"


@pytest.fixture
def analyst(client):
    user = User.objects.create_user(
        "analytiker", first_name="Anne", last_name="Lyse", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Analyse"))
    client.force_login(user)
    return user


@pytest.fixture
def answers():
    return [
        make_feedback(page="/", answer="yes", comment="Fin side", created=at(2024, 5, 27, 9)),
        make_feedback(
            page="/", answer="no", comment="Kjøp billige klokker", created=at(2024, 5, 27, 10)
        ),
        make_feedback(
            page="/", answer="no", comment="Fant ikke datoen", created=at(2024, 5, 27, 11)
        ),
    ]


def test_setting_a_state_records_who_and_when_and_skips_unchanged(analyst, answers):
    moment = at(2024, 6, 1, 8)
    assert triage.set_state(answers[:2], state="read", by=analyst, now=moment) == 2
    assert triage.set_state(answers[:2], state="read", by=analyst, now=moment) == 0
    changes = list(TriageChange.objects.order_by("feedback_id"))
    assert [
        (c.feedback_id, c.field, c.before, c.after, c.changed_by, c.changed_at) for c in changes
    ] == [
        (answers[0].pk, "state", "Ny", "Lest", analyst, moment),
        (answers[1].pk, "state", "Ny", "Lest", analyst, moment),
    ]


def test_an_unknown_state_is_refused(analyst, answers):
    with pytest.raises(ValueError):
        triage.set_state(answers, state="deleted", by=analyst)


def test_the_bulk_actions_set_the_state_of_the_selected_answers(client, analyst, answers):
    response = client.post(
        LIST, {"action": "mark_spam", "_selected_action": [answers[1].pk], "index": 0}
    )
    assert response.status_code == 302
    assert [a.state for a in Feedback.objects.order_by("pk")] == ["new", "spam", "new"]
    assert TriageChange.objects.get().changed_by == analyst


def test_a_tag_is_added_in_bulk_and_recorded(client, analyst, answers):
    tag = Tag.objects.create(name="datoer")
    client.post(
        LIST,
        {
            "action": "add_tag",
            "tag": tag.pk,
            "_selected_action": [answers[0].pk, answers[2].pk],
            "index": 0,
        },
    )
    client.post(
        LIST, {"action": "add_tag", "tag": tag.pk, "_selected_action": [answers[2].pk], "index": 0}
    )
    assert sorted(tag.feedback.values_list("pk", flat=True)) == [answers[0].pk, answers[2].pk]
    changes = TriageChange.objects.filter(field="tags")
    assert changes.count() == 2  # the second add changed nothing and recorded nothing
    assert {(c.before, c.after) for c in changes} == {("", "datoer")}


def test_the_change_form_changes_state_and_tags_only_and_shows_the_history(
    client, analyst, answers
):
    tag = Tag.objects.create(name="spam-lenke")
    item = answers[1]
    response = client.post(
        f"{LIST}{item.pk}/change/",
        {
            "state": "spam",
            "tags": [tag.pk],
            "comment": "Endret av analytikeren",
            "triage_changes-TOTAL_FORMS": "0",
            "triage_changes-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "spam"
    assert list(item.tags.all()) == [tag]
    assert item.comment == "Kjøp billige klokker"
    page = client.get(f"{LIST}{item.pk}/change/").content.decode()
    assert "Anne Lyse" in page and "Spam" in page and "spam-lenke" in page


def test_spam_and_not_relevant_are_left_out_of_the_statistics(analyst, answers):
    triage.set_state([answers[1]], state="spam", by=analyst)
    counted = stats.per_page(Feedback.objects.counted())
    assert [(row.page, row.yes, row.no) for row in counted] == [("/", 1, 1)]
    triage.set_state([answers[2]], state="not_relevant", by=analyst)
    counted = stats.per_page(Feedback.objects.counted())
    assert [(row.page, row.yes, row.no) for row in counted] == [("/", 1, 0)]


def test_the_statistics_page_counts_no_spam(client, analyst, answers):
    triage.set_state([answers[1]], state="spam", by=analyst)
    html = client.get(
        "/admin/feedback/feedback/statistikk/", {"start": "2024-05-27", "end": "2024-05-27"}
    ).content.decode()
    assert "2 svar i alt: 1 ja og 1 nei" in html


def test_kommunikasjon_may_triage_too_but_a_plain_viewer_may_not(client, answers):
    from django.contrib.auth.models import Permission

    editor = User.objects.create_user("redaktor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Kommunikasjon"))
    viewer = User.objects.create_user("leser", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_feedback"))
    for user, item, allowed in ((editor, answers[0], True), (viewer, answers[1], False)):
        client.force_login(user)
        client.post(LIST, {"action": "mark_read", "_selected_action": [item.pk], "index": 0})
        item.refresh_from_db()
        assert (item.state == "read") is allowed
