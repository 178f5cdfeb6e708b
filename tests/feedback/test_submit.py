"""The feedback POST: with and without JavaScript, its protections, and its answers.

The public URLs (/tilbakemelding/, /nn/tilbakemelding/, /en/tilbakemelding/) are a
contract with the widget on cached pages, so they are written out literally.
"""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from feedback.models import Feedback
from feedback.scrubber import scrub
from tests.feedback.helpers import EMAIL, FNR, PERSONAL_COMMENT, PHONE, RAW_PIECES

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}


def post(client, data, *, url="/tilbakemelding/", headers=None, **extra):
    return client.post(url, data, headers={**SAME_ORIGIN, **(headers or {})}, **extra)


def assert_stored_without_personal_data(feedback):
    for piece in RAW_PIECES:
        assert piece not in feedback.comment
    assert "[fødselsnummer fjernet]" in feedback.comment
    assert "[telefonnummer fjernet]" in feedback.comment
    assert "[e-post fjernet]" in feedback.comment
    assert feedback.removed == {"e-post": 1, "fodselsnummer": 1, "telefonnummer": 1}


# --- Done when: personal data in, thank-you out, placeholders stored ---------------------


def test_a_visitor_without_javascript_is_thanked_and_only_placeholders_are_stored(client):
    response = post(
        client,
        {"answer": "no", "comment": PERSONAL_COMMENT, "page": "/endringer/"},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/endringer/?tilbakemelding=takk#tilbakemelding"
    feedback = Feedback.objects.get()
    assert (feedback.page, feedback.language, feedback.answer) == ("/endringer/", "nb", "no")
    assert_stored_without_personal_data(feedback)


def test_a_visitor_with_javascript_is_thanked_in_json_and_only_placeholders_are_stored(client):
    response = post(
        client, {"answer": "no", "comment": PERSONAL_COMMENT, "page": "/"}, headers=JSON
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert response.json()["message"]
    assert_stored_without_personal_data(Feedback.objects.get())


def test_the_thank_you_page_shows_the_thanks_and_no_form(client):
    response = client.get("/endringer/?tilbakemelding=takk")
    html = response.content.decode()
    assert 'id="tilbakemelding"' in html
    assert "Takk for tilbakemeldingen!" in html
    assert 'name="comment"' not in html


def test_the_raw_values_are_not_in_any_response(client):
    for headers in ({}, JSON):
        response = post(client, {"answer": "no", "comment": PERSONAL_COMMENT}, headers=headers)
        body = response.content.decode() + str(response.headers)
        for piece in (FNR, PHONE, EMAIL):
            assert piece not in body


@pytest.mark.parametrize(
    ("url", "language", "home"),
    [
        ("/tilbakemelding/", "nb", "/"),
        ("/nn/tilbakemelding/", "nn", "/nn/"),
        ("/en/tilbakemelding/", "en", "/en/"),
    ],
)
def test_it_stores_the_language_of_the_url_the_widget_posted_to(client, url, language, home):
    response = post(client, {"answer": "yes", "page": ""}, url=url)
    assert response.status_code == 302
    assert response["Location"] == f"{home}?tilbakemelding=takk#tilbakemelding"
    assert Feedback.objects.get().language == language


def test_an_answer_without_a_comment_is_fine(client):
    response = post(client, {"answer": "yes", "page": "/"}, headers=JSON)
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert (feedback.comment, feedback.removed) == ("", {})


def test_it_keeps_the_query_of_the_page_and_adds_the_thank_you(client):
    response = post(client, {"answer": "yes", "page": "/virksomheter/?type=kommune&side=2"})
    assert response["Location"] == (
        "/virksomheter/?type=kommune&side=2&tilbakemelding=takk#tilbakemelding"
    )
    assert Feedback.objects.get().page == "/virksomheter/"


# --- The return address -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("/tilbakemelding/", "//evil.example", "/"),
        ("/tilbakemelding/", "//evil.example/endringer/", "/"),
        ("/tilbakemelding/", "https://evil.example", "/"),
        ("/tilbakemelding/", "http://testserver/endringer/", "/"),
        ("/tilbakemelding/", "/\\evil.example", "/"),
        ("/tilbakemelding/", "\\\\evil.example", "/"),
        ("/tilbakemelding/", "javascript:alert(1)", "/"),
        ("/tilbakemelding/", "JaVaScRiPt:alert(1)", "/"),
        ("/tilbakemelding/", "/\t/evil.example", "/"),
        ("/tilbakemelding/", "/endringer/\r\nSet-Cookie: x=1", "/"),
        ("/tilbakemelding/", "endringer/", "/"),
        ("/tilbakemelding/", "", "/"),
        ("/nn/tilbakemelding/", "//evil.example", "/nn/"),
        ("/en/tilbakemelding/", "https://evil.example", "/en/"),
        ("/tilbakemelding/", "/" + "a" * 3000, "/"),
    ],
)
def test_an_unsafe_return_address_falls_back_to_the_home_page_of_the_language(
    client, url, page, expected
):
    response = post(client, {"answer": "yes", "page": page}, url=url)
    assert response.status_code == 302
    assert response["Location"] == f"{expected}?tilbakemelding=takk#tilbakemelding"
    assert Feedback.objects.get().page == expected


# --- Cross-site requests --------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "none", "Origin": "http://testserver.evil.example"},
        {"Origin": "https://testserver"},  # another scheme is another origin
        {"Origin": "null"},
        {"Origin": "http://evil.example"},
    ],
)
def test_it_refuses_cross_site_posts(client, headers):
    response = client.post("/tilbakemelding/", {"answer": "yes", "page": "/"}, headers=headers)
    assert response.status_code == 403
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://testserver"},
        {},  # old browsers and scripts: left to the honeypot and the rate limit
    ],
)
def test_it_accepts_same_origin_posts(client, headers):
    response = client.post("/tilbakemelding/", {"answer": "yes", "page": "/"}, headers=headers)
    assert response.status_code == 302


def test_a_cross_site_refusal_is_json_for_the_script(client):
    response = client.post(
        "/tilbakemelding/", {"answer": "yes"}, headers={"Sec-Fetch-Site": "cross-site", **JSON}
    )
    assert response.status_code == 403
    assert response.json()["status"] == "error"


# --- Robots, limits and bad input -------------------------------------------------------------


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored(client):
    response = post(client, {"answer": "yes", "page": "/endringer/", "website": "http://spam"})
    assert response.status_code == 302
    assert response["Location"] == "/endringer/?tilbakemelding=takk#tilbakemelding"
    assert not Feedback.objects.exists()


def test_it_limits_the_posts_per_address_with_a_friendly_429(client, settings):
    settings.FEEDBACK_ADDRESS_RATE_LIMIT = 3
    statuses = [post(client, {"answer": "yes"}).status_code for _ in range(3)]
    refused = post(client, {"answer": "yes"})
    refused_json = post(client, {"answer": "yes"}, headers=JSON)

    assert statuses == [302, 302, 302]
    assert refused.status_code == 429
    assert "Vent noen minutter" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 600
    assert refused_json.status_code == 429
    assert "Vent noen minutter" in refused_json.json()["message"]
    assert Feedback.objects.count() == 3


def test_the_rate_limit_counts_each_client_apart(client, settings):
    settings.FEEDBACK_ADDRESS_RATE_LIMIT = 1
    assert post(client, {"answer": "yes"}, REMOTE_ADDR="192.0.2.1").status_code == 302
    assert post(client, {"answer": "yes"}, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert post(client, {"answer": "yes"}, REMOTE_ADDR="192.0.2.2").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_rate_limit(client, settings):
    settings.FEEDBACK_ADDRESS_RATE_LIMIT = 1
    assert post(client, {"answer": "yes"}, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    assert post(client, {"answer": "yes"}, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def browser(number: int) -> str:
    """Return the token the widget's script would make for one page view."""
    return f"{number:032x}"


def test_fifty_visitors_behind_one_address_can_each_answer(client):
    statuses = [
        post(
            client, {"answer": "yes", "client": browser(n)}, REMOTE_ADDR="198.51.100.7"
        ).status_code
        for n in range(50)
    ]
    assert statuses == [302] * 50
    assert Feedback.objects.count() == 50


def test_one_browser_is_limited_to_its_own_share(client, settings):
    settings.FEEDBACK_RATE_LIMIT = 10
    statuses = [
        post(
            client, {"answer": "yes", "client": browser(1)}, REMOTE_ADDR="198.51.100.8"
        ).status_code
        for _ in range(12)
    ]
    assert statuses == [302] * 10 + [429] * 2
    # Another browser at the same address is not held back by the first one.
    other = post(client, {"answer": "yes", "client": browser(2)}, REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 302


@pytest.mark.parametrize("rotating_tokens", [False, True])
def test_a_client_sending_a_hundred_answers_a_minute_is_limited(client, rotating_tokens):
    statuses = []
    for n in range(100):
        data = {"answer": "no"}
        if rotating_tokens:
            data["client"] = browser(n)  # a new token per post: the address ceiling holds
        statuses.append(post(client, data, REMOTE_ADDR="198.51.100.9").status_code)
    accepted = statuses.count(302)
    assert accepted == 60  # the address ceiling, FEEDBACK_ADDRESS_RATE_LIMIT
    assert statuses[60:] == [429] * 40
    assert Feedback.objects.count() == 60


def test_a_malformed_browser_token_counts_as_none(client, settings):
    settings.FEEDBACK_ADDRESS_RATE_LIMIT = 2
    statuses = [
        post(
            client, {"answer": "yes", "client": "not-hex"}, REMOTE_ADDR="198.51.100.10"
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"answer": "yes", "comment": "Hei\x00du"}, "comment"),
        ({"answer": "yes", "comment": "x" * 1001}, "comment"),
        ({"answer": "kanskje"}, "answer"),
        ({"answer": "YES"}, "answer"),
        ({"answer": ""}, "answer"),
        ({"comment": "Bare en kommentar"}, "answer"),
        ({"answer": "yes\x00"}, "answer"),
        ({"answer": "yes", "page": "/\x00"}, "page"),
    ],
)
def test_invalid_input_is_refused_with_a_clear_400(client, data, field):
    as_json = post(client, data, headers=JSON)
    as_html = post(client, data)

    assert as_json.status_code == 400
    assert as_json.json()["status"] == "error"
    assert field in as_json.json()["errors"]
    assert as_html.status_code == 400
    assert "Tilbakemeldingen ble ikke sendt" in as_html.content.decode()
    assert not Feedback.objects.exists()


def test_the_400_page_links_back_to_the_widget_on_the_page(client):
    response = post(client, {"answer": "nja", "page": "/endringer/"})
    assert response.status_code == 400
    assert 'href="/endringer/#tilbakemelding"' in response.content.decode()


@pytest.mark.parametrize("url", ["/nn/tilbakemelding/", "/en/tilbakemelding/"])
def test_errors_are_given_in_the_visitors_language(client, url):
    response = post(client, {"answer": "nja"}, url=url)
    assert response.status_code == 400
    assert f'lang="{url[1:3]}"' in response.content.decode()


def test_a_comment_of_exactly_1000_characters_is_accepted_even_with_line_breaks(client):
    # Browsers send a line break as \r\n; it counts as one character, as the visitor sees it.
    comment = "\r\n".join(["a" * 99] * 10) + "a"
    assert len(comment) == 1009
    response = post(client, {"answer": "no", "comment": comment}, headers=JSON)
    assert response.status_code == 200
    assert len(Feedback.objects.get().comment) == 1000


def test_a_body_larger_than_any_honest_post_is_refused_unread(client):
    response = post(client, {"answer": "yes", "comment": "x" * 20_000}, headers=JSON)
    assert response.status_code == 413
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete", "head"])
def test_only_post_is_allowed_on_the_feedback_url(client, method):
    assert getattr(client, method)("/tilbakemelding/").status_code == 405


def test_the_answers_are_never_cached(client):
    response = post(client, {"answer": "yes"}, headers=JSON)
    assert "no-store" in response["Cache-Control"]


@given(comment=st.text(st.characters(exclude_categories=("Cs",)), max_size=1100))
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_comment_is_stored_scrubbed_or_refused_with_400_never_an_error(
    client, settings, comment
):
    settings.FEEDBACK_RATE_LIMIT = settings.FEEDBACK_ADDRESS_RATE_LIMIT = 1_000_000
    before = Feedback.objects.count()
    response = post(client, {"answer": "no", "comment": comment}, headers=JSON)
    as_typed = comment.replace("\r\n", "\n").strip()

    if "\x00" in comment or len(as_typed) > 1000:
        assert response.status_code == 400
        assert Feedback.objects.count() == before
    else:
        assert response.status_code == 200
        assert Feedback.objects.latest("id").comment == scrub(as_typed)
