"""The analysts' pages in a real browser, as an «Analyse» user (not a superuser): axe-clean
at 1280 and 390 CSS px, and the triage works by keyboard-reachable controls.
"""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from feedback.models import SpikeAlert, Tag, Theme
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import DESKTOP, MOBILE, horizontal_overflow
from tests.feedback.helpers import make_feedback

pytestmark = pytest.mark.e2e

PASSWORD = "et-passord-bare-for-testen"
PAGES = [
    "/admin/feedback/feedback/",
    "/admin/feedback/feedback/statistikk/",
    "/admin/feedback/feedback/andeler/",
    "/admin/feedback/feedback/temaer/",
    "/admin/feedback/tag/",
    "/admin/feedback/theme/",
    "/admin/feedback/analysttoken/add/",
]


@pytest.fixture
def analyst_data(transactional_db):
    # The transactional database is emptied between browser tests: make the groups again.
    importlib.import_module("phases.migrations.0002_editor_groups").create_groups(apps, None)
    importlib.import_module("feedback.migrations.0003_analyst_permissions").add_permissions(
        apps, None
    )
    user = User.objects.create_user("anne", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Analyse"))
    now = datetime.datetime.now(tz=datetime.UTC)
    for n in range(12):
        make_feedback(
            page="/virksomheter/" if n % 2 else "/",
            answer="no" if n % 3 == 0 else "yes",
            comment=f"Fant ikke timen min hos fastlegen ({n})" if n % 4 == 0 else "",
            created=now - datetime.timedelta(hours=n),
        )
    Tag.objects.create(name="timeavtale")
    Theme.objects.create(name="Timeavtale", keywords="time\ntimeavtale")
    SpikeAlert.objects.create(
        page="/virksomheter/", kind="no_share", day=now.date(), summary="Eksempel", raised_at=now
    )
    return user


def log_in(page):
    page.goto("/admin/login/?next=/admin/feedback/feedback/")
    page.get_by_label("Brukernavn").fill("anne")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("heading", name="Varsler om avvik siste sju dager").wait_for()


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["1280", "390"])
def test_the_analysts_pages_are_axe_clean(open_page, analyst_data, viewport):
    page = open_page(viewport)
    log_in(page)
    for url in PAGES:
        page.goto(url)
        assert_no_axe_violations(page, state=url)


def test_an_analyst_marks_answers_as_read_with_the_keyboard(page, analyst_data):
    log_in(page)
    page.locator("#action-toggle").focus()
    page.keyboard.press("Space")
    page.locator("select[name=action]").select_option("mark_read")
    page.locator("button[name=index]").focus()
    page.keyboard.press("Enter")
    page.get_by_text("12 tilbakemeldinger fikk status «Lest».").wait_for()
    from feedback.models import Feedback

    assert set(Feedback.objects.values_list("state", flat=True)) == {"read"}


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("/admin/feedback/feedback/andeler/", "Andel ja fra"),
        ("/admin/feedback/feedback/statistikk/", "Svar per side fra"),
    ],
)
def test_wide_tables_scroll_in_their_own_box_on_a_phone(mobile_page, analyst_data, url, region):
    log_in(mobile_page)
    mobile_page.goto(url)
    box = mobile_page.get_by_role("region", name=region)
    box.wait_for()
    # The page itself does not scroll sideways; the table does, inside a focusable box.
    assert horizontal_overflow(mobile_page) == 0
    assert box.evaluate("element => element.scrollWidth > element.clientWidth")
