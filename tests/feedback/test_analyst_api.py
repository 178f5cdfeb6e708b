"""The analysts' API: a revocable key in the Authorization header, scrubbed data, pages of it."""

import logging

import pytest
from django.contrib.auth.models import Group, User

from feedback import tokens
from feedback.models import AnalystToken
from tests.feedback.helpers import PERSONAL_COMMENT, RAW_PIECES, at, make_feedback

pytestmark = pytest.mark.django_db

URL = "/api/analyse/v1/feedback/"


@pytest.fixture
def analyst():
    user = User.objects.create_user("analytiker", is_staff=True)
    user.groups.add(Group.objects.get(name="Analyse"))
    return user


@pytest.fixture
def key(analyst):
    return tokens.issue(AnalystToken(user=analyst, name="Power BI"))


def get(client, key=None, **params):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.get(URL, params, headers=headers)


def test_only_a_digest_of_the_key_is_stored(key):
    token = AnalystToken.objects.get()
    assert key.startswith("hpa_") and len(key) > 40
    assert key not in (token.digest, token.prefix) and key.startswith(token.prefix)


@pytest.mark.parametrize("header", [None, "Bearer hpa_wrong", "Basic abc", "hpa_x"])
def test_it_refuses_a_missing_or_wrong_key_with_401(client, key, header):
    response = client.get(URL, headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Cache-Control"] == "private, no-store"


def test_a_revoked_key_and_a_user_without_the_permission_are_refused(client, key, analyst):
    assert get(client, key).status_code == 200
    analyst.groups.clear()
    assert get(client, key).status_code == 401
    analyst.groups.add(Group.objects.get(name="Analyse"))
    AnalystToken.objects.update(revoked_at=at(2024, 1, 1))
    assert get(client, key).status_code == 401


def test_it_returns_scrubbed_feedback_in_pages_with_a_next_link(client, key):
    for hour in range(5):
        make_feedback(
            comment=PERSONAL_COMMENT if hour == 0 else f"Svar {hour}",
            created=at(2024, 5, 27, 9 + hour),
        )
    first = get(client, key, limit=2)
    body = first.json()
    assert first.status_code == 200
    assert [item["comment"][:4] for item in body["feedback"]] == ["Fant", "Svar"]
    assert not any(piece in first.content.decode() for piece in RAW_PIECES)
    assert first["Link"] == f'<{body["next"]}>; rel="next"'
    seen = [item["id"] for item in body["feedback"]]
    while body["next"]:
        body = client.get(body["next"], headers={"Authorization": f"Bearer {key}"}).json()
        seen += [item["id"] for item in body["feedback"]]
    assert seen == sorted(seen) and len(seen) == 5
    assert get(client, key, since="2024-05-28").json()["feedback"] == []


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"since": "27.05.2024"}, "since"),
        ({"state": "slettet"}, "state"),
        ({"limit": "0"}, "limit"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(client, key, params, parameter):
    response = get(client, key, **params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_the_key_never_reaches_the_logs(client, key, caplog):
    caplog.set_level(logging.DEBUG)
    get(client, key)
    get(client, key + "x")
    assert key not in caplog.text


def test_an_analyst_makes_a_key_in_the_admin_and_sees_it_once(client, analyst):
    client.force_login(analyst)
    response = client.post("/admin/feedback/analysttoken/add/", {"name": "R-skript"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    token = AnalystToken.objects.get(name="R-skript")
    assert token.user == analyst
    shown = html.split('id="analyst-key" type="text" readonly value="')[1].split('"')[0]
    assert tokens.digest(shown) == token.digest
    assert shown not in client.get("/admin/feedback/analysttoken/").content.decode()
