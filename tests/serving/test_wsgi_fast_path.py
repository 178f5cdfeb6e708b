"""``CachedPageApplication``: repeat requests for cached pages answered before Django runs.

It may only repeat what Django's own page cache already answered to an identical
request; every other request must reach Django unchanged.
"""

import pytest
from django.test import RequestFactory

from helseplattform import caching
from phases.models import Phase

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.serving.urls")]


def django_must_not_run(environ, start_response):
    raise AssertionError("the request reached Django")


class Reply:
    """What a WSGI application answered."""

    def __init__(self, application, environ):
        self.status = ""
        self.headers = {}
        self.body = b"".join(application(environ, self.start_response))

    def start_response(self, status, headers, exc_info=None):
        self.status = status
        self.headers = dict(headers)


class RecordingDjango:
    """Stands in for Django: answers "from django" and counts the requests it got."""

    def __init__(self):
        self.reached = 0

    def __call__(self, environ, start_response):
        self.reached += 1
        start_response("200 OK", [])
        return [b"from django"]


def environ(path="/faser/", **extra):
    return RequestFactory().get(path, **extra).environ


@pytest.fixture
def served_once(client, clock):
    Phase.objects.create(
        slug="fase-1",
        title_nb="Forberedelsesfase",
        start_year=2019,
        position=1,
        publish_at=clock.moment,
    )
    response = client.get("/faser/")
    assert response.status_code == 200
    return response


def test_it_repeats_the_page_django_served_with_the_same_body_and_headers(served_once):
    reply = Reply(caching.CachedPageApplication(django_must_not_run), environ())
    assert reply.status == "200 OK"
    assert reply.body == served_once.content
    for name in (
        "Content-Type",
        "ETag",
        "Cache-Control",
        "Content-Language",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
    ):
        assert reply.headers[name] == served_once[name]


def test_it_answers_a_matching_validator_with_304(served_once):
    reply = Reply(
        caching.CachedPageApplication(django_must_not_run),
        environ(HTTP_IF_NONE_MATCH=served_once["ETag"]),
    )
    assert reply.status == "304 Not Modified"
    assert reply.body == b""


def test_it_sends_no_body_for_head(served_once):
    request = RequestFactory().head("/faser/").environ
    reply = Reply(caching.CachedPageApplication(django_must_not_run), request)
    assert reply.status == "200 OK"
    assert reply.body == b""


@pytest.mark.parametrize(
    "request_environ",
    [
        pytest.param(lambda: environ(HTTP_COOKIE="sessionid=abc"), id="the admin's session cookie"),
        pytest.param(lambda: environ("/faser/?side=2"), id="a query string Django has not seen"),
        pytest.param(lambda: environ(HTTP_HOST="evil.example"), id="a host Django has not allowed"),
        pytest.param(lambda: environ("/nn/faser/"), id="another language"),
        pytest.param(lambda: RequestFactory().post("/faser/").environ, id="a POST"),
        pytest.param(
            lambda: environ(HTTP_X_FORWARDED_PROTO="https"), id="another forwarded scheme"
        ),
    ],
)
def test_it_passes_anything_else_to_django(served_once, request_environ):
    django = RecordingDjango()
    reply = Reply(caching.CachedPageApplication(django), request_environ())
    assert reply.body == b"from django"
    assert django.reached == 1


def test_it_passes_to_django_after_a_publish_in_this_process(served_once):
    caching.bump_content_version()
    django = RecordingDjango()
    Reply(caching.CachedPageApplication(django), environ())
    assert django.reached == 1


def test_it_passes_to_django_once_its_copy_of_the_state_is_a_second_old(served_once, monkeypatch):
    start = caching.monotonic()
    monkeypatch.setattr(caching, "monotonic", lambda: start + caching.LOCAL_STATE_SECONDS + 0.1)
    django = RecordingDjango()
    Reply(caching.CachedPageApplication(django), environ())
    assert django.reached == 1


def test_the_site_application_is_wrapped():
    from helseplattform import wsgi

    assert isinstance(wsgi.application, caching.CachedPageApplication)
