"""The lock-out counts each login attempt before its password is checked (helseplattform/login_attempts.py).

In one process; tests/serving/test_two_servers.py sends 20 at once to two gunicorn servers.
"""

import pytest
from axes.helpers import get_client_cache_keys
from django.conf import settings
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from tests.admin.conftest import make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/?next=/admin/"
ADDRESS = "203.0.113.41"
WRONG_PASSWORD = "Vennligst oppgi gyldig"


def attempt(client, password, *, username="kommunikasjon"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def count(username="kommunikasjon") -> list:
    request = RequestFactory().post(LOGIN_URL, REMOTE_ADDR=ADDRESS)
    keys = get_client_cache_keys(request, {"username": username})
    return [caches[settings.AXES_CACHE].get(key) for key in keys]


@pytest.fixture
def user(db):
    return make_user("kommunikasjon")


def test_the_handler_is_the_one_that_counts_first():
    assert settings.AXES_HANDLER == "helseplattform.login_attempts.ReservingCacheHandler"


def test_five_wrong_passwords_are_checked_and_the_sixth_attempt_is_refused(client, user):
    for n in range(1, 6):
        response = attempt(client, "feil")
        assert response.status_code == 200, n
        assert WRONG_PASSWORD in response.content.decode()
        assert count() == [n]
    response = attempt(client, "feil")
    assert response.status_code == 429
    assert "Innloggingen er sperret etter 5 feil passord" in response.content.decode()


def test_an_attempt_refused_while_locked_is_counted_and_the_right_password_too(client, user):
    for _ in range(5):
        attempt(client, "feil")
    assert attempt(client, "pw").status_code == 429
    assert attempt(client, "feil").status_code == 429
    assert count() == [7]  # each restarts the wait (the timeout is touched)
    assert client.get("/admin/").status_code == 302  # not logged in


def test_the_right_password_as_the_fifth_attempt_logs_in_and_clears_the_count(client, user):
    for _ in range(4):
        attempt(client, "feil")
    response = attempt(client, "pw")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert count() == [None]


@override_settings(AXES_RESET_ON_SUCCESS=False)
def test_without_reset_on_success_a_login_gives_its_reservation_back(client, user):
    attempt(client, "feil")
    attempt(client, "feil")
    assert attempt(client, "pw").status_code == 302
    assert count() == [2]  # the two failures, not the successful attempt


def test_a_login_without_a_username_counts_nothing_and_gets_the_form(client, user):
    response = client.post(LOGIN_URL, {"username": "", "password": "x"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    assert count("") == [None]


def test_the_lockout_of_one_username_counts_nothing_for_another(client, user):
    for _ in range(6):
        attempt(client, "feil")
    make_user("analyse")
    assert count("analyse") == [None]
    assert attempt(client, "pw", username="analyse").status_code == 302
