"""The directory in a real browser: the search that forgives with and without
JavaScript (the combobox by keyboard), and the map with its table at 390 and
1280 px and at 200 % zoom, checked by axe."""

import pytest

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import DESKTOP, MOBILE, ZOOM_200, assert_nothing_cut_off, console_errors
from tests.e2e.public_urls import LANGUAGES, localized

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("content")]

# (typed, first hit, where it leads): a folded name, a typo, a Nynorsk form, an other name.
SAMPLE = [
    ("alesund", "Ålesund kommune", "/virksomheter/alesund-kommune/"),
    ("Trondhiem", "Trondheim kommune", "/virksomheter/trondheim-kommune/"),
    ("Molde sjukehus", "Molde sjukehus", "/virksomheter/helse-more-og-romsdal/"),
    ("st olav", "St. Olavs hospital HF", "/virksomheter/st-olavs-hospital/"),
]


@pytest.mark.parametrize(("typed", "name", "path"), SAMPLE)
def test_the_front_page_search_works_without_javascript(open_page, typed, name, path):
    page = open_page(javascript=False)
    page.goto("/")
    page.fill("#nar-kommer-q", typed)
    with page.expect_navigation():
        page.locator(".directory-search button[type=submit]").click()
    first = page.locator("table.organisations tbody tr").first.locator("a").first
    assert first.inner_text() == name
    assert first.evaluate("(a) => a.pathname") == path


@pytest.mark.parametrize(("typed", "name", "path"), SAMPLE)
def test_the_suggestions_as_you_type_follow_the_combobox_pattern(page, typed, name, path):
    page.goto("/")
    box = page.locator("#nar-kommer-q")
    box.press_sequentially(typed, delay=20)
    page.locator("[role=option]").first.wait_for()
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    assert page.locator("[role=option]").first.inner_text().splitlines()[0] == name
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert_no_axe_violations(page, state="suggestions open")
    with page.expect_navigation():
        box.press("Enter")
    assert page.evaluate("() => location.pathname") == path
    assert console_errors(page) == []


def test_escape_closes_the_suggestions_and_enter_still_submits_the_form(page):
    page.goto("/virksomheter/")
    box = page.locator("input[name=q]")
    box.press_sequentially("roros", delay=20)
    page.locator("[role=option]").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("table.organisations tbody tr").first.locator("a").first.inner_text() == (
        "Røros kommune"
    )


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP, ZOOM_200], ids=lambda v: v.name)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_passes_axe_and_fits_the_screen(open_page, viewport, language):
    page = open_page(viewport)
    page.goto(localized("/virksomheter/kart/", language))
    assert page.locator(".dotmap__svg a").count() == 67
    box = page.locator(".dotmap__svg").bounding_box()
    assert box["width"] > 300  # readable: the map takes the width it has
    assert_nothing_cut_off(page)
    assert_no_axe_violations(page, state=f"map {viewport.name}")
    assert console_errors(page) == []


def test_the_map_can_be_used_by_keyboard(page):
    page.goto("/virksomheter/kart/")
    first_dot = page.locator(".dotmap__svg a").first
    first_dot.focus()
    name = first_dot.locator("title").text_content()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == name.split(":")[0]


def test_the_map_makes_no_request_to_another_host(page, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto("/virksomheter/kart/")
    assert hosts == {live_server.url.split("/")[2]}
