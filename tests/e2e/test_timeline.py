"""The timeline, the phase pages and the change log in a real browser, in nb, nn and en."""

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import DESKTOP, MOBILE, assert_nothing_cut_off, console_errors
from tests.e2e.public_urls import LANGUAGES, localized

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("content")]

every_language = pytest.mark.parametrize("language", LANGUAGES)

# The seed's seven phases in their order (Bokmål titles, typos fixed).
PHASE_TITLES_NB = [
    "Forberedelsesfase",
    "Spesifiseringsfase",
    "Utviklingsfase",
    "Test- og godkjenningsfase",
    "Opplæringsfase",
    "Produksjonssetting",
    "journal for hele helsetjenesten i Midt-Norge",
]


def phase_links(page, language):
    """Return the phase page addresses linked from the timeline's ordered list, in order."""
    page.goto(localized("/", language))
    pattern = re.compile(rf"^{re.escape(localized('/fase/', language))}[\w-]+/$")
    links = []
    for item in page.locator("main ol > li").all():
        for href in item.locator("a").evaluate_all("(links) => links.map((a) => a.pathname)"):
            if pattern.match(href) and href not in links:
                links.append(href)
                break
    return links


def test_the_timeline_lists_the_seven_phases_in_order(page):
    page.goto("/")

    phases = page.locator("main ol > li")

    assert phases.count() == 7
    for position, title in enumerate(PHASE_TITLES_NB):
        assert title in phases.nth(position).inner_text()


@every_language
def test_every_phase_on_the_timeline_links_to_its_own_page(page, language):
    links = phase_links(page, language)

    assert len(links) == 7, links
    for link in links:
        response = page.goto(link)
        assert response.status == 200, link
        assert page.evaluate("() => document.documentElement.lang") == language
        assert page.locator("h1").count() == 1


@every_language
def test_the_timeline_marks_the_current_phase_for_screen_readers(page, language):
    page.goto(localized("/", language))

    current = page.locator("main ol > li[aria-current]")

    assert current.count() <= 1
    if current.count():
        assert current.get_attribute("aria-current") in {"step", "true", "location"}


@every_language
def test_every_phase_page_passes_axe_and_fits_a_phone(open_page, language):
    page = open_page()
    links = phase_links(page, language)
    mobile = open_page(MOBILE)

    assert links
    for link in links:
        page.goto(link)
        assert_no_axe_violations(page)
        mobile.goto(link)
        assert_nothing_cut_off(mobile)
    assert console_errors(page) == []
    assert console_errors(mobile) == []


@every_language
def test_a_phase_page_links_back_to_its_place_on_the_timeline(page, language):
    link = phase_links(page, language)[0]
    page.goto(link)

    anchors = page.locator("main a").evaluate_all(
        "(links) => links.map((a) => a.pathname + a.hash)"
    )

    slug = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
    assert localized("/", language) + f"#{slug}" in anchors, anchors


@every_language
def test_the_change_log_lists_revisions_with_their_sources(page, language):
    page.goto(localized("/endringer/", language))

    external = page.locator("main a[href^='http']")

    assert external.count() >= 3, "the change log should link to the sources of its revisions"


@every_language
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=lambda viewport: viewport.name)
def test_the_plan_figure_and_its_table_pass_axe_and_fit_the_width(open_page, language, viewport):
    page = open_page(viewport)
    page.goto(localized("/", language))

    figure = page.locator("svg.plan-figure__svg")
    assert figure.get_attribute("role") == "img"
    box = figure.bounding_box()
    assert box["width"] <= viewport.width and box["height"] > 200
    # Every row's label fits inside the figure (an SVG clips what runs past its edge).
    labels = page.locator("svg.plan-figure__svg text:not(.plan-figure__year)")
    assert labels.count() == 2 * 15  # the wave, and what holds now
    for label in labels.all():
        label_box = label.bounding_box()
        assert label_box["x"] + label_box["width"] <= box["x"] + box["width"] + 1
        # Legible on a phone too: the figure never shrinks its 12-unit text below 10 CSS px.
        assert label_box["height"] >= 10
    # The table alternative: closed at first, opened by its summary (plain HTML, no script).
    table = page.locator("details.plan-figure__details table")
    assert not table.is_visible()
    page.locator("details.plan-figure__details summary").click()
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 15
    assert_no_axe_violations(page)
    assert_nothing_cut_off(page)
    assert console_errors(page) == []
