"""Requests Django cannot read get a deliberate 4xx in the page's language, never a 500 (issue #21).

Sent through the real WSGI application (``tests/hostile/wsgi_client.py``), because a
``Content-Type`` Django cannot parse fails while the request object is built, before
the test client's own request would even exist.
"""

import json

import pytest

from feedback.models import Feedback
from tests.hostile.headers import missing_security_headers
from tests.hostile.wsgi_client import call

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
VALID = b"answer=yes&comment=Fant+det&page=%2F"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
RFC2231_UNKNOWN = "charset*=nope'en'utf-8"
MULTIPART = (
    b'--xx\r\nContent-Disposition: form-data; name="answer"\r\n\r\nyes\r\n'
    b'--xx\r\nContent-Disposition: form-data; name="page"\r\n\r\n/\r\n--xx--\r\n'
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.FEEDBACK_RATE_LIMIT = settings.FEEDBACK_ADDRESS_RATE_LIMIT = 10**9


def post(path="/tilbakemelding/", *, body=VALID, content_type=FORM, headers=None, **kwargs):
    return call(
        "POST",
        path,
        body=body,
        headers={**SAME_ORIGIN, "Content-Type": content_type, **(headers or {})},
        **kwargs,
    )


class BrokenStream:
    """A request body whose connection dropped: what gunicorn's reader does on a reset."""

    def read(self, *args):
        raise OSError("connection reset by peer")

    readline = read


# --- The cases in the issue, each reproduced on the old main -----------------------------


@pytest.mark.parametrize("path", ["/healthz", "/", "/en/endringer/"])
def test_a_get_with_an_rfc2231_content_type_in_an_unknown_charset_is_served_with_headers(path):
    # Old main: the request object could not be built, and gunicorn sent a bare 500.
    response = call("GET", path, headers={"Content-Type": f"text/plain; {RFC2231_UNKNOWN}"})
    assert response.status == 200
    assert missing_security_headers(response) == []


@pytest.mark.parametrize("path", ["/api/v1/phases/?lang=en", "/virksomheter/?q=Trondheim"])
def test_a_get_with_a_charset_that_is_not_a_text_encoding_reads_its_query_string_as_utf8(path):
    # Old main: Django decoded the query string with rot13 and the page answered 500.
    url, query = path.split("?")
    response = call("GET", url, query=query, headers={"Content-Type": "text/plain; charset=rot13"})
    assert response.status == 200
    assert missing_security_headers(response) == []


@pytest.mark.parametrize(
    ("path", "language", "words"),
    [
        ("/tilbakemelding/", "nb", "Nettleseren sendte"),
        ("/nn/tilbakemelding/", "nn", "Nettlesaren sende"),
        ("/en/tilbakemelding/", "en", "Your browser sent"),
    ],
)
def test_a_feedback_post_with_an_unparseable_content_type_gets_400_in_the_page_language(
    path, language, words
):
    response = post(path, content_type=f"{FORM}; {RFC2231_UNKNOWN}")
    assert response.status == 400
    assert response["Content-Language"] == language
    assert words in response.body.decode()
    assert missing_security_headers(response) == []
    assert not Feedback.objects.exists()


def test_a_fetch_client_gets_the_refusal_as_json():
    response = post(
        "/en/tilbakemelding/",
        content_type=f"{FORM}; {RFC2231_UNKNOWN}",
        headers={"Accept": "application/json"},
    )
    assert response.status == 400
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.body)
    assert body["status"] == "error"
    assert "Content-Type" in body["message"]


def test_a_feedback_post_whose_accept_header_django_cannot_parse_is_refused_and_not_stored():
    # Old main: the row was written, then building the thank-you raised: a 500 after storing.
    response = post(headers={"Accept": "text/html; q*=nope'en'1"})
    assert response.status == 400
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "zlib", "nope"])
def test_a_body_in_a_charset_that_is_not_a_text_encoding_gets_415(charset):
    response = post(
        body=MULTIPART, content_type=f"multipart/form-data; boundary=xx; charset={charset}"
    )
    assert response.status == 415
    assert "UTF-8" in response.body.decode()
    assert missing_security_headers(response) == []
    assert not Feedback.objects.exists()


def test_a_multipart_body_with_a_utf8_charset_parameter_is_received():
    response = post(body=MULTIPART, content_type="multipart/form-data; boundary=xx; charset=utf-8")
    assert response.status == 302
    assert Feedback.objects.count() == 1


def test_an_empty_accept_header_gets_the_plain_form_answer():
    response = post(headers={"Accept": ""})
    assert response.status == 302
    assert Feedback.objects.count() == 1


def test_a_chunked_body_without_a_length_gets_411():
    # gunicorn passes a chunked body on without CONTENT_LENGTH, and Django reads it as empty.
    response = post(headers={"Transfer-Encoding": "chunked"}, content_length="")
    assert response.status == 411
    assert "Content-Length" in response.body.decode()
    assert not Feedback.objects.exists()


def test_a_body_broken_off_by_the_client_gets_400_not_500(monkeypatch):
    import io

    monkeypatch.setattr(io, "BytesIO", lambda *_: BrokenStream())
    response = post()
    assert response.status == 400
    assert missing_security_headers(response) == []
    assert not Feedback.objects.exists()


# --- Every hostile request gets a deliberate answer ---------------------------------------

HOSTILE = [
    ("multipart with an empty boundary", {"content_type": "multipart/form-data; boundary="}),
    ("multipart without a boundary", {"content_type": "multipart/form-data", "body": MULTIPART}),
    ("multipart with an odd boundary", {"content_type": 'multipart/form-data; boundary="a b\\"'}),
    (
        "multipart cut short",
        {"content_type": "multipart/form-data; boundary=xx", "body": MULTIPART[:40]},
    ),
    ("a body longer than declared", {"content_length": "5"}),
    ("a body shorter than declared", {"content_length": "900"}),
    ("a negative length", {"content_length": "-1"}),
    ("a length that is not a number", {"content_length": "zwölf"}),
    ("form data in UTF-16", {"content_type": f"{FORM}; charset=utf-16"}),
    ("an unquoted RFC 2231 value", {"content_type": f"{FORM}; charset*=utf-8'x"}),
    ("a quoted empty charset", {"content_type": f'{FORM}; charset=""'}),
    ("JSON body", {"content_type": "application/json", "body": b'{"answer": "yes"}'}),
    ("no content type", {"content_type": ""}),
    ("bytes that are not UTF-8", {"body": b"answer=yes&comment=\xff\xfe\xc3"}),
    ("a NUL in the comment", {"body": b"answer=yes&comment=a%00b"}),
    ("an Accept header of commas", {"headers": {"Accept": ",,,;;"}}),
    ("an Accept header with a broken quality", {"headers": {"Accept": "application/json;q=x"}}),
    ("a NUL in a header", {"headers": {"Accept": "text/html\x00"}}),
]


@pytest.mark.parametrize(("case", "request_parts"), HOSTILE, ids=[case for case, _ in HOSTILE])
def test_a_hostile_feedback_post_gets_a_deliberate_answer_with_every_header(case, request_parts):
    response = post(**request_parts)
    assert response.status < 500, case
    assert missing_security_headers(response) == [], case
    stored = Feedback.objects.count()
    assert stored == (1 if response.status in {200, 302} else 0), case
