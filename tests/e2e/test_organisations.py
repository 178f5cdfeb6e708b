"""The organisations page ("Når tar vi i bruk Helseplattformen?"): the GET filter form
with and without JavaScript, the language switch keeping the filters, and one page
per organisation."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import MOBILE, assert_nothing_cut_off, console_errors
from tests.e2e.public_urls import LANGUAGES, localized

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("content")]

# The map and the suggestions live beside the organisations, and are not one.
ORGANISATION_LINK = re.compile(r"^(?:/nn|/en)?/virksomheter/(?!kart/|forslag/)[\w-]+/$")

# A hospital trust with a reported go-live, a municipality with one, a trust whose
# plan moved, and a municipality outside Trøndelag and Møre og Romsdal.
SAMPLE = [
    "St. Olavs hospital HF",
    "Trondheim kommune",
    "Helse Møre og Romsdal HF",
    "Bindal kommune",
]


def listed_organisations(page) -> dict[str, str]:
    """Return {name: address} of the organisations the page lists."""
    names = {}
    for link in page.locator("main a").all():
        href = link.evaluate("(a) => a.pathname")
        if ORGANISATION_LINK.match(href):
            names[link.inner_text().strip()] = href
    return names


def submit_filters(page, **values):
    form = page.locator("main form").filter(has=page.locator("[name=q]"))
    for name, value in values.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("(element) => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").first.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_name_search_finds_an_organisation(open_page, javascript):
    page = open_page(javascript=javascript)
    page.goto("/virksomheter/")
    everything = listed_organisations(page)

    submit_filters(page, q="trondheim")

    assert parse_qs(urlsplit(page.url).query)["q"] == ["trondheim"]
    found = listed_organisations(page)
    assert "Trondheim kommune" in found
    assert "Molde kommune" not in found
    assert len(found) < len(everything)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_kind_and_county_filters_narrow_the_list(open_page, javascript):
    page = open_page(javascript=javascript)
    page.goto("/virksomheter/")

    submit_filters(page, kind="kommune", county="more-og-romsdal")

    found = listed_organisations(page)
    assert "Molde kommune" in found
    assert "Trondheim kommune" not in found
    assert "Helse Møre og Romsdal HF" not in found
    assert all(name.endswith("kommune") for name in found), found


def test_the_status_filter_keeps_only_reported_go_lives(page):
    page.goto("/virksomheter/")

    submit_filters(page, status="done")

    found = listed_organisations(page)
    assert {"Trondheim kommune", "St. Olavs hospital HF"} <= set(found)
    assert "Bindal kommune" not in found


def test_a_search_without_results_says_so_and_passes_axe(page):
    page.goto("/virksomheter/?q=finnes-ikke-i-midt-norge")

    assert listed_organisations(page) == {}
    assert_no_axe_violations(page, state="no results")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filtered_list_passes_axe_and_fits_a_phone(open_page, language):
    page = open_page(MOBILE)
    page.goto(localized("/virksomheter/?kind=kommune&county=trondelag", language))

    assert listed_organisations(page)
    assert_nothing_cut_off(page)
    assert_no_axe_violations(page, state="filtered")


def test_switching_language_keeps_the_filters(page):
    page.goto("/virksomheter/")
    submit_filters(page, q="molde")

    page.locator('nav a[hreflang="nn"]').click()
    page.wait_for_load_state()

    assert urlsplit(page.url).path == "/nn/virksomheter/"
    assert parse_qs(urlsplit(page.url).query)["q"] == ["molde"]
    assert page.locator("[name=q]").input_value() == "molde"
    assert "Molde kommune" in listed_organisations(page)


def test_every_listed_organisation_has_a_page_of_its_own(page):
    page.goto("/virksomheter/")
    organisations = listed_organisations(page)

    assert len(organisations) >= 60
    for name, address in organisations.items():
        response = page.goto(address)
        assert response.status == 200, address
        assert name in page.locator("h1").inner_text(), address
    assert console_errors(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_pages_pass_axe_and_fit_a_phone(open_page, language):
    page = open_page()
    mobile = open_page(MOBILE)
    page.goto(localized("/virksomheter/", language))
    organisations = listed_organisations(page)

    for name in SAMPLE:
        assert name in organisations, f"{name} is not listed"
        page.goto(organisations[name])
        assert page.evaluate("() => document.documentElement.lang") == language
        assert_no_axe_violations(page)
        mobile.goto(organisations[name])
        assert_nothing_cut_off(mobile)
    assert console_errors(page) == []
