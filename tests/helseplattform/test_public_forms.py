"""The cookie-free protections of the feedback POST (helseplattform/public_forms.py)."""

import datetime

import pytest
from django.test import RequestFactory

from helseplattform.public_forms import (
    RateLimit,
    client_address,
    client_key,
    is_cross_site,
    is_too_large,
)

factory = RequestFactory()


@pytest.mark.parametrize(
    ("headers", "cross_site"),
    [
        ({}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, False),
        ({"HTTP_SEC_FETCH_SITE": "none"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, True),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, True),
        ({"HTTP_ORIGIN": "http://testserver"}, False),
        ({"HTTP_ORIGIN": "HTTP://TESTSERVER"}, False),
        ({"HTTP_ORIGIN": "https://testserver"}, True),
        ({"HTTP_ORIGIN": "http://testserver:8080"}, True),
        ({"HTTP_ORIGIN": "null"}, True),
        ({"HTTP_ORIGIN": "http://evil.example"}, True),
        ({"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://evil.example"}, True),
    ],
)
def test_it_tells_cross_site_posts_from_the_sites_own(headers, cross_site):
    assert is_cross_site(factory.post("/tilbakemelding/", **headers)) is cross_site


def test_the_origin_must_match_the_secure_scheme_too():
    request = factory.post("/tilbakemelding/", secure=True, HTTP_ORIGIN="https://testserver")
    assert not is_cross_site(request)
    request = factory.post("/tilbakemelding/", secure=True, HTTP_ORIGIN="http://testserver")
    assert is_cross_site(request)


@pytest.mark.parametrize(
    ("length", "too_large"),
    [("", False), ("100", False), ("16384", False), ("16385", True), ("abc", True)],
)
def test_it_refuses_bodies_larger_than_an_honest_post(length, too_large):
    request = factory.post("/tilbakemelding/")
    request.META["CONTENT_LENGTH"] = length
    assert is_too_large(request) is too_large


def test_the_client_key_hides_the_address_and_changes_every_day():
    day = datetime.date(2024, 5, 30)
    key = client_key("203.0.113.7", day=day)
    assert "203.0.113.7" not in key and "203" not in key[:3]
    assert key == client_key("203.0.113.7", day=day)
    assert key != client_key("203.0.113.8", day=day)
    assert key != client_key("203.0.113.7", day=day + datetime.timedelta(days=1))


def test_the_client_key_depends_on_the_secret(settings):
    day = datetime.date(2024, 5, 30)
    key = client_key("203.0.113.7", day=day)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert client_key("203.0.113.7", day=day) != key


@pytest.mark.parametrize(
    ("behind_proxy", "forwarded", "address"),
    [
        (False, "198.51.100.1", "192.0.2.9"),
        (True, "", "192.0.2.9"),
        (True, "198.51.100.1", "198.51.100.1"),
        # The client may write anything on the left; our proxy appends the real address.
        (True, "10.0.0.1, 198.51.100.1", "198.51.100.1"),
    ],
)
def test_the_client_is_the_address_our_proxy_saw(settings, behind_proxy, forwarded, address):
    settings.BEHIND_PROXY = behind_proxy
    request = factory.post("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == address


@pytest.mark.django_db  # the counters live in the database by default (COUNTER_CACHE_URL)
def test_the_rate_limit_opens_again_in_the_next_window():
    limit = RateLimit(limit=10, address_limit=2, window_seconds=600)
    request = factory.post("/", REMOTE_ADDR="192.0.2.50")
    start = datetime.datetime(2024, 5, 30, 12, 0, tzinfo=datetime.UTC)
    later = start + datetime.timedelta(minutes=10)
    assert [limit.hit(request, now=start) for _ in range(3)] == [True, True, False]
    assert limit.hit(request, now=later) is True
    assert limit.retry_after(now=start + datetime.timedelta(minutes=3)) == 420


def test_the_rate_limit_fails_open_when_the_cache_is_down(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    from django.core.cache import caches

    monkeypatch.setattr(caches["counters"], "incr", down)
    request = factory.post("/", REMOTE_ADDR="192.0.2.60")
    assert RateLimit(limit=1, address_limit=1).hit(request) is True
    assert "the cache failed (ConnectionError)" in caplog.text
    assert "192.0.2.60" not in caplog.text
