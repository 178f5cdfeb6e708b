"""Every error answer Django produces carries every security header (issue #21).

Old main: the 400 for a refused Host was built from an exception raised inside the
page cache, before SecurityMiddleware and the CSP middleware ran, and left without any.
"""

import pytest
from django.db import OperationalError, connection

from tests.hostile.headers import missing_security_headers

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
VALID = {"answer": "yes", "page": "/"}


def refuse_inserts(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("INSERT"):
        raise OperationalError("the database is down")
    return execute(sql, params, many, context)


def refused_host(client):
    return client.get("/", HTTP_HOST="angriper.example")


def unreadable_accept(client):
    return client.post(
        "/tilbakemelding/", VALID, HTTP_ACCEPT="text/html; q*=nope'en'1", **SAME_ORIGIN
    )


def cross_site(client):
    return client.post("/tilbakemelding/", VALID, HTTP_SEC_FETCH_SITE="cross-site")


def missing_page(client):
    return client.get("/finnes-ikke/")


def wrong_method(client):
    return client.post("/healthz")


def too_large(client):
    return client.post("/tilbakemelding/", {**VALID, "comment": "x" * 20_000}, **SAME_ORIGIN)


def rate_limited(client, settings):
    settings.FEEDBACK_ADDRESS_RATE_LIMIT = 1
    client.post("/tilbakemelding/", VALID, **SAME_ORIGIN)
    return client.post("/tilbakemelding/", VALID, **SAME_ORIGIN)


def server_error(client):
    return client.get("/feil/")


def database_down(client):
    with connection.execute_wrapper(refuse_inserts):
        return client.post("/tilbakemelding/", VALID, **SAME_ORIGIN)


CASES = [
    (400, refused_host),
    (400, unreadable_accept),
    (403, cross_site),
    (404, missing_page),
    (405, wrong_method),
    (413, too_large),
    (429, rate_limited),
    # The site has no page that fails on purpose; the serving tests' URLconf adds one.
    pytest.param(500, server_error, marks=pytest.mark.urls("tests.serving.urls")),
    (503, database_down),
]


@pytest.mark.parametrize(
    ("status", "make"), CASES, ids=lambda value: getattr(value, "__name__", "")
)
def test_every_error_answer_carries_every_security_header(client, settings, status, make):
    client.raise_request_exception = False
    response = make(client, settings) if make is rate_limited else make(client)
    assert response.status_code == status
    assert missing_security_headers(response) == []
