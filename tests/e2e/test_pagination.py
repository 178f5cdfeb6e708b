"""The long lists in pages: the navigation in every language, with and without JavaScript.

The page sizes are made small so that the real content fills several pages: 68
organisations at 20 a page, the change log at 5 entries a page.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from phases import views
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import MOBILE, assert_nothing_cut_off, console_errors
from tests.e2e.public_urls import LANGUAGES, localized
from tests.e2e.test_organisations import listed_organisations

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("content")]

WORDS = {
    "nb": {"next": "Neste", "previous": "Forrige", "directory": "Sider med virksomheter"},
    "nn": {"next": "Neste", "previous": "Førre", "directory": "Sider med verksemder"},
    "en": {"next": "Next", "previous": "Previous", "directory": "Pages of organisations"},
}


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    # The live server runs in this process: the views read the patched sizes.
    monkeypatch.setattr(views, "DIRECTORY_PAGE_SIZE", 20)
    monkeypatch.setattr(views, "CHANGES_PAGE_SIZE", 5)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_next_and_previous_walk_the_directory_keeping_the_filter(open_page, language, javascript):
    words = WORDS[language]
    page = open_page(javascript=javascript)
    page.goto(localized("/virksomheter/?kind=kommune", language))
    nav = page.get_by_role("navigation", name=words["directory"])
    first = listed_organisations(page)
    assert nav.locator('[aria-current="page"]').inner_text().split()[-1] == "1"

    with page.expect_navigation():
        nav.get_by_role("link", name=words["next"]).click()

    assert query(page) == {"kind": ["kommune"], "side": ["2"]}
    second = listed_organisations(page)
    assert second and not set(second) & set(first)
    assert nav.locator('[aria-current="page"]').inner_text().split()[-1] == "2"

    with page.expect_navigation():
        nav.get_by_role("link", name=words["previous"]).click()

    assert query(page) == {"kind": ["kommune"]}
    assert listed_organisations(page) == first
    assert console_errors(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_later_page_passes_axe_and_fits_a_phone(open_page, language):
    for viewport_page in (open_page(), open_page(MOBILE)):
        for path in ("/virksomheter/?side=2", "/endringer/?side=2"):
            viewport_page.goto(localized(path, language))
            assert viewport_page.locator("nav.pagination [aria-current=page]").count() == 1
            assert_nothing_cut_off(viewport_page)
            assert_no_axe_violations(viewport_page, state=f"page of a list, {language}")


def test_the_pages_can_be_walked_by_keyboard_alone(page):
    page.goto("/endringer/")
    link = page.locator("nav.pagination a[rel=next]")
    link.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('rel')") == "next"

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert query(page) == {"side": ["2"]}


def test_the_search_finds_an_organisation_on_any_page(page):
    page.goto("/virksomheter/?side=4")
    last = listed_organisations(page)
    name = sorted(last)[0]

    page.goto("/virksomheter/")
    assert name not in listed_organisations(page)
    page.locator("[name=q]").fill(name)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    assert name in listed_organisations(page)
    assert "side" not in query(page)
