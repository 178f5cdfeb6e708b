"""Languages: Bokmål at /, Nynorsk at /nn/, English at /en/, and the switcher between them."""

import pytest
from django.conf import settings

from feedback.models import Feedback
from helseplattform.languages import NATIVE_NAMES, site_languages, translated_languages
from phases import periods
from phases.editorial.views import LANGUAGE_LABELS
from phases.models import DateEntry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("url", "lang"), [("/", "nb"), ("/nn/", "nn"), ("/en/", "en")])
def test_each_language_has_its_own_address_and_lang_attribute(client, url, lang):
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response["Content-Language"] == lang


def test_bokmal_is_served_at_the_root_whatever_the_browser_prefers(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="nb">' in response.content.decode()


def test_the_switcher_links_to_the_same_page_in_every_language(client):
    html = client.get("/nn/tilgjengelighet/").content.decode()
    assert 'href="/tilgjengelighet/" lang="nb"' in html
    assert 'href="/en/tilgjengelighet/" lang="en"' in html
    assert 'href="/nn/tilgjengelighet/" lang="nn" hreflang="nn" aria-current="true"' in html


def test_the_switcher_keeps_the_query_string_the_page_reads(client):
    html = client.get("/en/virksomheter/?kind=kommune").content.decode()
    assert 'href="/nn/virksomheter/?kind=kommune"' in html


def test_the_switcher_drops_a_query_string_the_page_does_not_read(client):
    html = client.get("/en/tilgjengelighet/?a=1").content.decode()
    assert 'href="/nn/tilgjengelighet/"' in html
    assert "a=1" not in html


def test_every_page_names_its_alternates_for_search_engines(client):
    html = client.get("/en/").content.decode()
    for lang, path in [("nb", "/"), ("nn", "/nn/"), ("en", "/en/"), ("x-default", "/")]:
        assert f'<link rel="alternate" hreflang="{lang}" href="http://testserver{path}">' in html


@pytest.mark.parametrize("url", ["/finnes-ikke/", "/nn/finnes-ikke/", "/en/finnes-ikke/", "/xx/"])
def test_unknown_addresses_get_a_404_page_in_the_right_language(client, url):
    response = client.get(url)
    assert response.status_code == 404
    lang = url.split("/")[1] if url.split("/")[1] in {"nn", "en"} else "nb"
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/tilgjengelighet/", "/nn/tilgjengelighet/", "/en/tilgjengelighet/"]
)
def test_the_accessibility_statement_is_published_in_every_language(client, url):
    response = client.get(url)
    assert response.status_code == 200
    # The contact address is the operator's CONTACT_EMAIL (tests/phases/test_about_pages.py).
    assert 'href="https://www.uustatus.no/"' in response.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/finnes-ikke/",
            {"nb": "/finnes-ikke/", "nn": "/nn/finnes-ikke/", "en": "/en/finnes-ikke/"},
        ),
        (
            "/nn/finnes-ikke/",
            {"nb": "/finnes-ikke/", "nn": "/nn/finnes-ikke/", "en": "/en/finnes-ikke/"},
        ),
        ("/en/a/b/", {"nb": "/a/b/", "nn": "/nn/a/b/", "en": "/en/a/b/"}),
    ],
)
def test_the_switcher_on_a_404_page_keeps_the_address_in_the_other_language(client, url, expected):
    html = client.get(url).content.decode()
    for code, path in expected.items():
        assert f'href="{path}" lang="{code}"' in html


def test_the_site_languages_are_read_from_settings_bokmal_first():
    assert site_languages() == ["nb", "nn", "en"]
    assert translated_languages() == ["nn", "en"]
    assert settings.MODELTRANSLATION_LANGUAGES == ("nb", "nn", "en")


def test_every_table_kept_per_language_covers_exactly_the_site_languages():
    # These are fixed in code or in migrations (choices), so a fourth language in
    # settings.LANGUAGES must be added to each of them: this test names them all.
    tables = {
        "helseplattform.languages.NATIVE_NAMES": list(NATIVE_NAMES),
        "phases.periods.LANGUAGES (the words a period is written with)": list(periods.LANGUAGES),
        "phases.models.DateEntry.Language": DateEntry.Language.values,
        "feedback.models.Feedback.Language": Feedback.Language.values,
        "phases.editorial.views.LANGUAGE_LABELS": list(LANGUAGE_LABELS),
    }
    assert {name: codes for name, codes in tables.items() if codes != site_languages()} == {}
