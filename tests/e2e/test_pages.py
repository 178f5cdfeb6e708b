"""Every public page in every language, in a real browser.

For each page (timeline, organisations, change log, accessibility statement and
the 404 page) in Bokmål, Nynorsk and English: zero axe violations at 390 and 1280
CSS px, nothing cut off at those widths and at 200 % zoom, the right
``<html lang>``, no console errors (CSP violations included), a skip link that moves
keyboard focus to ``<main>``, and a language switcher that stays on the page.
Full-page screenshots land in tests/e2e/screenshots/ (git-ignored).
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import (
    DESKTOP,
    MOBILE,
    assert_nothing_cut_off,
    console_errors,
    save_screenshot,
)
from tests.e2e.public_urls import LANGUAGES, PAGES, localized

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("content")]

every_page = pytest.mark.parametrize("public_page", PAGES, ids=lambda page: page.name)
every_language = pytest.mark.parametrize("language", LANGUAGES)


def allowed_errors(public_page, url):
    """Return a pattern for the console errors a page causes on purpose (a 404 page's own status)."""
    if public_page.status == 404:
        return rf"status of 404 \(Not Found\) \(at {re.escape(url)}\)"
    return None


def visit(page, public_page, language):
    response = page.goto(public_page.url(language))
    assert response.status == public_page.status, f"{public_page.url(language)}"
    return response


@every_page
@every_language
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=lambda viewport: viewport.name)
def test_every_page_passes_axe_and_fits_the_width(open_page, public_page, language, viewport):
    page = open_page(viewport)
    visit(page, public_page, language)

    save_screenshot(page, name=public_page.name, language=language, viewport=viewport)
    assert_nothing_cut_off(page)
    assert_no_axe_violations(page)


@every_page
@every_language
def test_every_page_declares_its_language_and_logs_no_errors(page, public_page, language):
    visit(page, public_page, language)

    assert page.evaluate("() => document.documentElement.lang") == language
    assert page.title().strip()
    assert console_errors(page, allow=allowed_errors(public_page, page.url)) == []


@every_page
@every_language
def test_the_skip_link_moves_keyboard_focus_to_main(page, public_page, language):
    visit(page, public_page, language)

    page.keyboard.press("Tab")
    skip_link = page.evaluate(
        """() => {
          const link = document.activeElement;
          const box = link.getBoundingClientRect();
          return {tag: link.tagName, href: link.getAttribute("href"),
                  visible: box.top >= 0 && box.left >= 0 && box.width > 1 && box.height > 1};
        }"""
    )
    assert skip_link["tag"] == "A" and skip_link["href"].startswith("#"), (
        f"the first Tab stop is not a skip link: {skip_link}"
    )
    assert skip_link["visible"], "the skip link is not visible when it has focus"
    assert (
        page.evaluate("(id) => document.getElementById(id)?.tagName", skip_link["href"][1:])
        == "MAIN"
    )

    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"


@every_page
@every_language
def test_the_language_switcher_stays_on_the_same_page(page, public_page, language):
    for other in LANGUAGES:
        if other == language:
            continue
        visit(page, public_page, language)

        page.locator(f'nav a[hreflang="{other}"]').click()
        page.wait_for_load_state()

        assert urlsplit(page.url).path == localized(public_page.path, other)
        assert page.evaluate("() => document.documentElement.lang") == other


@every_page
@every_language
def test_nothing_is_cut_off_at_200_percent_zoom(zoomed_page, public_page, language):
    visit(zoomed_page, public_page, language)

    assert_nothing_cut_off(zoomed_page)
