"""HTTP caching of the public pages: headers, validators, 304, and what is never cached."""

import pytest
from django.conf import settings

from tests.serving.conftest import PUBLIC_URLS

pytestmark = pytest.mark.django_db


def cache_control(response) -> dict[str, str]:
    directives = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value
    return directives


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_send_public_cache_control_and_an_etag(client, url):
    response = client.get(url)
    assert response.status_code == 200
    directives = cache_control(response)
    assert "public" in directives
    assert int(directives["s-maxage"]) == settings.PUBLIC_CACHE_SECONDS
    assert 0 < int(directives["max-age"]) <= int(directives["s-maxage"])
    assert int(directives["stale-while-revalidate"]) > 0
    assert response["ETag"].startswith('"')


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_set_no_cookie_and_vary_on_neither_cookie_nor_language(client, url):
    response = client.get(url)
    assert "Set-Cookie" not in response
    assert not response.cookies
    vary = response.get("Vary", "").lower()
    assert "cookie" not in vary
    # The language comes from the path, so shared caches must keep one copy per URL.
    assert "accept-language" not in vary


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_answer_304_to_a_matching_etag(client, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in cache_control(response)


def test_a_weak_or_listed_etag_matches_too(client):
    etag = client.get("/")["ETag"]
    assert client.get("/", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    assert client.get("/", headers={"If-None-Match": f'"other", {etag}'}).status_code == 304


def test_a_stale_etag_gets_the_whole_page(client):
    response = client.get("/", headers={"If-None-Match": '"an-old-version"'})
    assert response.status_code == 200
    assert response.content


def test_each_page_and_language_has_its_own_etag(client):
    etags = {client.get(url)["ETag"] for url in PUBLIC_URLS}
    assert len(etags) == len(PUBLIC_URLS)


def test_a_head_request_gets_the_same_headers_as_a_get(client):
    get = client.get("/en/")
    head = client.head("/en/")
    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head["Cache-Control"] == get["Cache-Control"]
    assert head.content == b""


def test_a_cached_page_is_served_without_a_database_query(client, django_assert_num_queries):
    first = client.get("/")
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "nb"


def test_a_conditional_request_is_answered_without_a_database_query(
    client, django_assert_num_queries
):
    etag = client.get("/nn/")["ETag"]
    with django_assert_num_queries(0):
        assert client.get("/nn/", headers={"If-None-Match": etag}).status_code == 304


def test_a_query_parameter_the_page_reads_makes_a_page_of_its_own(client):
    plain = client.get("/virksomheter/")
    filtered = client.get("/virksomheter/?kind=kommune")
    assert filtered.status_code == 200
    assert filtered["ETag"] != plain["ETag"]


def test_the_parameters_a_page_reads_are_one_page_in_any_order(client):
    first = client.get("/virksomheter/?kind=kommune&q=trond&utm_source=avis")
    second = client.get("/virksomheter/?q=trond&kind=kommune")
    assert first["ETag"] == second["ETag"]
    assert "utm_source" not in first.content.decode()


PERSONAL = "fnr=01017012345"


@pytest.mark.parametrize("url", ["/", "/tilgjengelighet/", "/nn/endringer/", "/en/virksomheter/"])
def test_an_unknown_parameter_is_neither_a_new_page_nor_echoed(client, url):
    plain = client.get(url)
    with_personal_data = client.get(f"{url}?{PERSONAL}")
    assert with_personal_data["ETag"] == plain["ETag"]
    html = with_personal_data.content.decode()
    assert "01017012345" not in html
    # The feedback form's page field says which page the answer is about, nothing more.
    assert f'name="page" value="{url}"' in html


def test_the_feedback_thank_you_is_the_only_value_of_its_parameter(client):
    thanks = client.get("/?tilbakemelding=takk")
    assert "Takk for tilbakemeldingen" in thanks.content.decode()
    assert client.get("/?tilbakemelding=noe-annet")["ETag"] == client.get("/")["ETag"]


def test_a_flood_of_unique_query_strings_stores_no_new_page(client):
    from django.core.cache import caches

    from tests.serving.stored_keys import page_keys

    client.get("/")
    before = page_keys(caches["default"])
    for number in range(300):
        assert client.get(f"/?q={number}&r{number}=1").status_code == 200
    assert page_keys(caches["default"]) == before


def test_if_none_match_star_is_not_modified_only_for_a_page_that_exists(client):
    client.get("/")
    assert client.get("/", headers={"If-None-Match": "*"}).status_code == 304
    assert client.get("/finnes-ikke/", headers={"If-None-Match": "*"}).status_code == 404


def test_a_missing_page_is_public_but_has_no_validator(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "public" in cache_control(response)
    assert "ETag" not in response
    assert "Set-Cookie" not in response


def test_a_visitor_with_a_session_cookie_bypasses_the_cache(client):
    client.get("/")  # stored for everyone else
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    response = client.get("/")
    assert response.status_code == 200
    directives = cache_control(response)
    assert "private" in directives
    assert "no-store" in directives
    assert "public" not in directives
    assert "ETag" not in response


@pytest.mark.parametrize("path", ["", "login/"])
def test_the_admin_is_never_cached(client, path):
    response = client.get(f"/{settings.ADMIN_PATH}{path}")
    directives = cache_control(response)
    assert "no-store" in directives
    assert "private" in directives
    assert "public" not in directives


def test_the_admin_is_never_cached_for_staff(admin_client):
    response = admin_client.get(f"/{settings.ADMIN_PATH}auth/user/")
    assert response.status_code == 200
    assert "no-store" in cache_control(response)
    assert "public" not in cache_control(response)


def test_the_health_check_is_not_a_public_page(client):
    response = client.get("/healthz")
    assert "public" not in cache_control(response)
    assert "ETag" not in response


def test_a_post_to_a_public_page_is_not_made_public(client):
    response = client.post("/")
    assert "public" not in cache_control(response)
    assert "ETag" not in response


def test_browsers_keep_a_page_no_longer_than_shared_caches(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 3
    directives = cache_control(client.get("/"))
    assert directives["s-maxage"] == "3"
    assert directives["max-age"] == "3"
