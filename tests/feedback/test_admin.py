"""Feedback in the admin: who sees what, read-only, superuser-only deletes, statistics, CSV."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User

from feedback.models import Feedback
from tests.feedback.helpers import at, make_feedback

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/feedback/"
STATS = "/admin/feedback/feedback/statistikk/"
CSV = "/admin/feedback/feedback/csv/"
# The change form's read-only triage history is an inline: its management form is posted too.
NO_INLINE_ROWS = {
    "triage_changes-TOTAL_FORMS": "0",
    "triage_changes-INITIAL_FORMS": "0",
}


def staff(username: str, *perms: str, superuser: bool = False) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True, is_superuser=superuser)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def feedback():
    return [
        make_feedback(page="/", answer="yes", comment="Fint", created=at(2024, 5, 27, 9)),
        make_feedback(page="/", answer="no", comment="Ring 912 34 567", created=at(2024, 5, 28, 9)),
        make_feedback(
            page="/endringer/", answer="no", comment="=HYPERLINK(1)", created=at(2024, 5, 29, 9)
        ),
    ]


@pytest.fixture
def viewer(client):
    client.force_login(staff("analyse", "view_feedback"))
    return client


@pytest.mark.parametrize("url", [LIST, STATS, CSV])
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", [LIST, STATS, CSV])
def test_staff_without_the_view_permission_are_refused(client, url):
    client.force_login(staff("redaktor"))
    assert client.get(url).status_code == 403


def test_staff_with_the_view_permission_see_the_list_with_removed_counts(viewer, feedback):
    response = viewer.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ring [telefonnummer fjernet]" in html
    assert "telefonnummer: 1" in html
    assert "statistikk/" in html and "csv/" in html


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("", 3),
        ("?answer__exact=no", 2),
        ("?language__exact=nb", 3),
        ("?page__exact=/endringer/", 1),
        ("?q=fjernet", 1),
        ("?created__gte=2024-05-28+00:00:00%2B02:00", 2),
    ],
)
def test_the_list_filters_and_searches(viewer, feedback, query, count):
    response = viewer.get(LIST + query)
    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_nobody_can_add_feedback_or_change_what_the_visitor_wrote(client, feedback):
    client.force_login(staff("root", superuser=True))
    item = feedback[0]
    assert client.get(LIST + "add/").status_code == 403
    response = client.post(
        f"{LIST}{item.pk}/change/",
        {"comment": "Endret", "answer": "no", "state": "read", **NO_INLINE_ROWS},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.comment, item.answer, item.state) == ("Fint", "yes", "read")


def test_staff_who_may_only_view_cannot_change_the_status(viewer, feedback):
    item = feedback[0]
    assert viewer.post(f"{LIST}{item.pk}/change/", {"state": "spam"}).status_code == 403
    item.refresh_from_db()
    assert item.state == "new"


def test_the_detail_page_is_read_only(viewer, feedback):
    response = viewer.get(f"{LIST}{feedback[1].pk}/change/")
    assert response.status_code == 200
    assert "<textarea" not in response.content.decode()


def test_staff_cannot_delete_even_with_the_delete_permission(client, feedback):
    client.force_login(staff("kommunikasjon", "view_feedback", "delete_feedback"))
    item = feedback[0]
    assert client.post(f"{LIST}{item.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(
        LIST, {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"}
    )
    assert Feedback.objects.filter(pk=item.pk).exists()
    assert response.status_code in {200, 302}


def test_superusers_can_delete(client, feedback):
    client.force_login(staff("root", superuser=True))
    item = feedback[0]
    response = client.post(f"{LIST}{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Feedback.objects.filter(pk=item.pk).exists()


def test_the_statistics_show_hand_counted_numbers_for_the_period(viewer, feedback):
    make_feedback(page="/", answer="yes", created=at(2024, 1, 5))  # outside the period
    response = viewer.get(STATS + "?start=2024-05-27&end=2024-06-02&sort=page&order=asc")
    assert response.status_code == 200
    rows = [(r.page, r.yes, r.no, r.percent_yes) for r in response.context["rows"]]
    assert rows == [("/", 1, 1, 50), ("/endringer/", 0, 1, 0)]
    assert (response.context["total"].yes, response.context["total"].no) == (1, 2)
    assert [(c.period.yes, c.period.no) for c in response.context["columns"]] == [(1, 2)]
    html = response.content.decode()
    assert "<svg" in html and 'width="50"' in html
    assert " style=" not in html
    assert "<script>" not in html


def test_the_statistics_sort_by_the_chosen_column(viewer, feedback):
    response = viewer.get(STATS + "?start=2024-05-27&end=2024-06-02&sort=no&order=desc")
    assert [r.page for r in response.context["rows"]] == ["/", "/endringer/"]
    headers = {h["key"]: h for h in response.context["headers"]}
    assert headers["no"]["aria_sort"] == "descending"
    assert "order=asc" in headers["no"]["url"]
    assert "start=2024-05-27" in headers["no"]["url"]


def test_the_statistics_refuse_a_reversed_period(viewer):
    response = viewer.get(STATS + "?start=2024-06-02&end=2024-05-27")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "rows" not in response.context


def test_the_statistics_default_to_the_last_90_days(viewer, feedback):
    response = viewer.get(STATS)
    assert response.status_code == 200
    assert (response.context["end"] - response.context["start"]).days == 89
    # The form shows the period the numbers are for.
    assert f'value="{response.context["start"]:%Y-%m-%d}"' in response.content.decode()


def test_the_csv_export_follows_the_list_filters_and_is_formula_safe(viewer, feedback):
    response = viewer.get(CSV + "?answer__exact=no")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    # What Norwegian Excel needs: a byte order mark, then semicolon-separated UTF-8.
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))

    assert len(rows) == 3  # the header and the two Nei
    header = rows[0]
    assert header[:7] == ["tidspunkt", "side", "språk", "svar", "status", "stikkord", "kommentar"]
    assert all(len(row) == len(header) for row in rows)
    comments = sorted(row[header.index("kommentar")] for row in rows[1:])
    assert comments == ["'=HYPERLINK(1)", "Ring [telefonnummer fjernet]"]
    assert {row[header.index("telefonnummer")] for row in rows[1:]} == {"0", "1"}


def test_the_csv_export_refuses_an_unknown_filter(viewer, feedback):
    assert viewer.get(CSV + "?nosuchfield=1").status_code == 400


@pytest.mark.parametrize("group", ["Analyse", "Kommunikasjon"])
def test_the_editor_groups_see_the_feedback_and_statistics_but_cannot_delete(
    client, feedback, group
):
    from django.contrib.auth.models import Group

    user = staff(f"medlem-{group.lower()}")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)

    assert client.get(LIST).status_code == 200
    assert client.get(STATS).status_code == 200
    assert client.get(CSV).status_code == 200
    assert client.post(f"{LIST}{feedback[0].pk}/delete/", {"post": "yes"}).status_code == 403
