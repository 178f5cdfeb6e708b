"""Fixtures for the browser tests: the system Chromium, a live server, pages and content.

Design:
- One Chromium per run of this package (``browser``, package scope), started from
  Debian's binary (``CHROMIUM_PATH`` overrides ``/usr/bin/chromium``); Playwright never
  downloads a browser. Each test gets fresh, isolated contexts from ``open_page``
  (no cookies or cache shared between tests), at 1280 or 390 CSS px, at 200 % zoom,
  or with JavaScript disabled; ``page``, ``mobile_page``, ``zoomed_page`` and
  ``page_without_js`` are the common cases.
- The site runs in pytest-django's ``live_server`` (which gives every test
  ``transactional_db``: the server thread must see committed data, on SQLite's shared
  in-memory database as on PostgreSQL). ``content`` loads the real content with
  ``load_content`` once and restores it from a snapshot for later tests.
- Whether the tests run, skip or fail is decided once in
  ``pytest_collection_modifyitems`` (see ``availability.py``): skipped locally with one
  line saying how to enable them, failed in CI.
"""

import importlib.util
import io
import os
import re

import pytest
from django.core.management import call_command

from tests.e2e.availability import AXE_SOURCE, chromium_path, decide, missing_requirements
from tests.e2e.browser import (
    DESKTOP,
    LAUNCH_ARGS,
    MOBILE,
    ZOOM_200,
    Viewport,
    mark_javascript_disabled,
    watch_console,
)
from tests.e2e.snapshot import ContentSnapshot

DECISION = pytest.StashKey()
SITE_SCRIPT = re.compile(r"/static/.*\.js(\?.*)?$")

# Fixtures that start the browser: a test that uses one is a browser test, marked or not.
BROWSER_FIXTURES = {"browser", "open_page", "page", "mobile_page", "zoomed_page", "page_without_js"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_FIXTURES.intersection(item.fixturenames) and not item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.e2e)
        if "live_server" in item.fixturenames and not item.get_closest_marker("django_db"):
            # A live-server test empties the database when it ends. Serialized rollback
            # puts back what the migrations created (the editor groups and their
            # permissions), so every browser test starts from a migrated database.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    missing = missing_requirements(
        chromium=chromium_path(),
        axe_source=AXE_SOURCE,
        has_playwright=importlib.util.find_spec("playwright") is not None,
    )
    config.stash[DECISION] = decide(missing, ci=os.environ.get("CI"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip (locally) or fail (in CI) a browser test that cannot run, before its fixtures start."""
    if item.get_closest_marker("e2e") is None:
        return
    decision = item.config.stash[DECISION]
    # Raised from this one line for every test, so pytest folds the skips into one summary line.
    if decision.action == "skip":
        pytest.skip(decision.message)
    if decision.action == "fail":
        pytest.fail(decision.message, pytrace=False)


@pytest.fixture(scope="package")
def browser():
    """Start the system Chromium once for the browser tests, headless."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop marked as running in this
    # thread for as long as it is started. Django sees that loop and refuses ORM
    # calls from the thread (SynchronousOnlyOperation), although these calls are
    # plain synchronous code that Playwright only interleaves between its own
    # calls, never runs concurrently. So the check is switched off exactly while
    # Playwright runs, and restored afterwards: the package scope ends Playwright
    # (and its loop) before the rest of the suite runs with the check on.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(browser, live_server):
    """Return a function that opens a page in a fresh browser context on the live server.

    ``open_page(MOBILE)``, ``open_page(ZOOM_200)``, ``open_page(javascript=False)``.
    ``open_page(site_scripts=False)`` keeps JavaScript on but blocks the site's own
    scripts: the page looks as it does without JavaScript, and axe can still run in
    it (it cannot where JavaScript is off). Relative addresses (``page.goto("/nn/")``)
    go to the live server. Console errors are recorded (``browser.console_errors(page)``).
    """
    contexts = []

    def open_page(
        viewport: Viewport = DESKTOP, *, javascript: bool = True, site_scripts: bool = True
    ):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            # An English browser: the language must come from the address, not the browser.
            locale="en-US",
            timezone_id="Europe/Oslo",
            **viewport.context_options(),
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if not site_scripts:
            context.route(SITE_SCRIPT, lambda route: route.abort("blockedbyclient"))
        page = context.new_page()
        watch_console(page)
        if not javascript:
            mark_javascript_disabled(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    """A page 1280 CSS px wide, JavaScript on."""
    return open_page(DESKTOP)


@pytest.fixture
def mobile_page(open_page):
    """A page 390 CSS px wide, JavaScript on."""
    return open_page(MOBILE)


@pytest.fixture
def zoomed_page(open_page):
    """A 1280-px window zoomed to 200 %: 640 CSS px at two device pixels per CSS px."""
    return open_page(ZOOM_200)


@pytest.fixture
def page_without_js(open_page):
    """A page 1280 CSS px wide with JavaScript disabled."""
    return open_page(DESKTOP, javascript=False)


SNAPSHOT = pytest.StashKey()


@pytest.fixture
def content(request, transactional_db):
    """Load the site's real content (phases, milestones, organisations) as ``make run`` does.

    The first test runs ``load_content``; later tests get the same rows back from a
    snapshot (see ``snapshot.py``), because each test ends with an emptied database.
    """
    snapshot = request.config.stash.get(SNAPSHOT, None)
    if snapshot is None:
        request.config.stash[SNAPSHOT] = ContentSnapshot.record(
            lambda: call_command("load_content", stdout=io.StringIO())
        )
    else:
        snapshot.restore()
