"""Admin logins are rate-limited (django-axes): five wrong passwords lock a username out, from any address."""

import time
import types

import pytest
from axes.models import AccessAttempt, AccessLog
from axes.utils import reset
from django.apps import apps
from django.conf import settings
from django.core.cache.backends import locmem
from django.db import connection, models
from django.test import override_settings

from tests.admin.conftest import make_user

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
LOGIN_URL = "/admin/login/?next=/admin/"


def attempt(client, password, *, username="kommunikasjon", address=ADDRESS):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def lock_out(client, **kwargs):
    for _ in range(5):
        attempt(client, "feil", **kwargs)


@pytest.fixture
def user(db):
    return make_user("kommunikasjon")


def test_the_admin_login_works_with_the_right_password(client, user):
    response = attempt(client, "pw")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


def test_the_first_four_wrong_passwords_get_the_login_form_back(client, user):
    for _ in range(4):
        response = attempt(client, "feil")
        assert response.status_code == 200
        assert "Vennligst oppgi gyldig" in response.content.decode()


def test_the_sixth_wrong_password_is_locked_out_with_a_norwegian_message(client, user):
    lock_out(client)
    response = attempt(client, "feil")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "Innloggingen er sperret etter 5 feil passord" in html
    assert "Vent 15 minutter før du prøver igjen." in html
    assert "Kontakt en administrator for nettstedet" in html
    assert "private" in response["Cache-Control"]


def test_the_right_password_is_refused_too_while_locked_out(client, user):
    lock_out(client)
    response = attempt(client, "pw")
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


@override_settings(EDITOR_CONTACT="nettredaksjonen@helse-midt.no")
def test_the_lockout_page_names_whom_to_contact(client, user):
    lock_out(client)
    html = attempt(client, "feil").content.decode()
    assert "Kontakt nettredaksjonen@helse-midt.no." in html


def test_the_lockout_counts_wrong_passwords_for_one_username_across_addresses(client, user):
    # Issue #21: counted per username and address, five more tries came from each new address.
    for number in range(5):
        attempt(client, "feil", address=f"198.51.100.{number}")
    assert attempt(client, "pw", address="192.0.2.9").status_code == 429


def test_the_lockout_of_one_username_leaves_the_others_alone(client, user):
    lock_out(client)
    make_user("analyse")
    assert attempt(client, "pw", username="analyse").status_code == 302


@pytest.mark.skipif(
    not settings.CACHES["counters"]["BACKEND"].endswith(("LocMemCache", "DatabaseCounterCache")),
    reason="moves the clock of the local-memory or database counters",
)
def test_a_correct_login_works_again_after_the_lockout_period(client, user, monkeypatch):
    from django.core.cache.backends import base

    from helseplattform import counters

    lock_out(client)

    def later(minutes):
        moment = time.time() + minutes * 60
        clock = types.SimpleNamespace(time=lambda: moment)
        for module in (locmem, base, counters):
            monkeypatch.setattr(module, "time", clock)

    later(14)
    assert attempt(client, "pw").status_code == 429
    later(14 + 16)  # the refused attempt at 14 minutes restarted the wait
    assert attempt(client, "pw").status_code == 302


def test_a_reset_lifts_the_lockout(client, user):
    lock_out(client)
    reset(username="kommunikasjon")
    assert attempt(client, "pw").status_code == 302


def test_no_ip_address_is_written_to_the_database(client, user):
    lock_out(client)
    attempt(client, "feil")
    reset(ip=ADDRESS, username="kommunikasjon")
    attempt(client, "pw")
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                column = connection.ops.quote_name(field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
                    f"WHERE {column} LIKE %s",
                    [f"%{ADDRESS}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{field.column}")
    assert found == []
    assert not AccessAttempt.objects.exists()
    assert not AccessLog.objects.exists()


def test_the_log_lines_of_failed_logins_name_neither_the_address_nor_the_username(
    client, user, caplog
):
    with caplog.at_level("INFO", logger="axes"):
        lock_out(client)
    assert "AXES: Locking out" in caplog.text
    assert ADDRESS not in caplog.text
    assert "kommunikasjon" not in caplog.text


def seconds_until_expiry(cache, key: str) -> float:
    """Return how long the cache keeps ``key``, for the two backends the site runs on."""
    full_key = cache.make_and_validate_key(key)
    if hasattr(cache, "_expire_info"):  # local memory
        return cache._expire_info[full_key] - time.time()
    if not hasattr(cache, "_cache"):  # the database's counter table
        from helseplattform.models import Counter

        return Counter.objects.get(key=full_key).expires.timestamp() - time.time()
    return cache._cache.get_client(full_key).ttl(full_key)  # Redis


def test_the_lockout_is_kept_for_fifteen_minutes_in_either_cache(client, user):
    # The counterpart of the clock test above for Redis, whose clock a test cannot move.
    from axes.helpers import get_client_cache_keys
    from django.core.cache import caches
    from django.test import RequestFactory

    lock_out(client)
    request = RequestFactory().post(LOGIN_URL, REMOTE_ADDR=ADDRESS)
    keys = get_client_cache_keys(request, {"username": "kommunikasjon"})
    cache = caches[getattr(settings, "AXES_CACHE", "default")]  # axes' default
    assert [cache.get(key) for key in keys] == [5] * len(keys)
    for key in keys:
        assert 14 * 60 < seconds_until_expiry(cache, key) <= 15 * 60
