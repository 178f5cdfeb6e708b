"""The counters (lock-out, rate limit): their own store, atomic, untouched by the page cache."""

import time
import types

import pytest
from django.core.cache import caches

from helseplattform import counters
from helseplattform.counters import DatabaseCounterCache
from helseplattform.public_forms import RateLimit
from tests.admin.conftest import make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/?next=/admin/"
ADDRESS = "203.0.113.90"


@pytest.fixture
def table():
    return DatabaseCounterCache("", {})


def move_clock(monkeypatch, seconds: float) -> None:
    moment = time.time() + seconds
    monkeypatch.setattr(counters, "time", types.SimpleNamespace(time=lambda: moment))


def test_a_counter_is_added_once_and_then_counted(table):
    assert table.add("k", 1, timeout=60) is True
    assert table.add("k", 1, timeout=60) is False
    assert [table.incr("k") for _ in range(3)] == [2, 3, 4]
    assert table.get("k") == 4


def test_a_missing_counter_cannot_be_counted(table):
    with pytest.raises(ValueError):
        table.incr("missing")


def test_an_expired_counter_is_gone_and_can_start_again(table, monkeypatch):
    table.add("k", 3, timeout=60)
    move_clock(monkeypatch, 61)
    assert table.get("k") is None
    with pytest.raises(ValueError):
        table.incr("k")
    assert table.add("k", 1, timeout=60) is True


def test_touch_extends_a_counter_and_delete_removes_it(table, monkeypatch):
    table.add("k", 1, timeout=60)
    assert table.touch("k", timeout=600) is True
    move_clock(monkeypatch, 300)
    assert table.get("k") == 1
    assert table.delete("k") is True
    assert table.get("k", default=0) == 0


def test_the_site_counts_logins_and_feedback_in_the_counter_store(settings):
    assert settings.AXES_CACHE == "counters"
    assert settings.CACHES["counters"]["BACKEND"] == "helseplattform.counters.DatabaseCounterCache"


def test_a_flood_of_5000_unique_query_strings_grows_no_cache_and_lifts_no_limit(client, rf):
    from tests.serving.stored_keys import page_keys

    make_user("kommunikasjon")
    for _ in range(5):
        client.post(
            LOGIN_URL, {"username": "kommunikasjon", "password": "feil"}, REMOTE_ADDR=ADDRESS
        )
    limit = RateLimit(limit=2, address_limit=2)
    feedback_client = rf.post("/", REMOTE_ADDR="192.0.2.81")
    assert [limit.hit(feedback_client) for _ in range(3)] == [True, True, False]
    client.get("/")
    stored = page_keys(caches["default"])

    for number in range(5000):
        assert client.get(f"/?flood={number}&utm_{number}=x").status_code == 200

    # The flood made no new page (no page reads those parameters) ...
    assert page_keys(caches["default"]) == stored
    caches["default"].clear()  # ... and even losing the page cache (eviction, a restart)
    response = client.post(
        LOGIN_URL, {"username": "kommunikasjon", "password": "pw"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 429  # lifts no lock-out
    assert limit.hit(feedback_client) is False  # nor a used-up rate limit


def test_a_lost_page_cache_lifts_no_used_up_rate_limit(rf):
    limit = RateLimit(limit=2, address_limit=2)
    request = rf.post("/", REMOTE_ADDR="192.0.2.80")
    assert [limit.hit(request) for _ in range(3)] == [True, True, False]
    caches["default"].clear()
    assert limit.hit(request) is False


def test_a_login_answers_503_while_the_counters_cannot_be_reached(client, monkeypatch):
    # Fails closed: no password is checked without being counted.
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to the counter Redis.")

    make_user("kommunikasjon")
    monkeypatch.setattr(caches["counters"], "get", down)
    response = client.post(
        LOGIN_URL, {"username": "kommunikasjon", "password": "pw"}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code == 503
    assert "Retry-After" in response
