"""Issue 19's editor flow, in a real browser, by a "Kommunikasjon" user.

Write formatted text in the phase's text editor with the keyboard only; draft a
date change on a go-live; preview the public page with the draft in place (the
public page does not have it yet); publish it; correct it. The public change log
shows the correction as a correction, and the history shows it all in local time.
"""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.utils import timezone

from phases.models import DateEntry
from tests.e2e.browser import console_errors
from tests.phases.factories import make_entry, make_milestone, make_phase

pytestmark = pytest.mark.e2e

PASSWORD = "et-passord-bare-for-testen"
LOCAL_MINUTE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4},? (kl\. )?\d{2}:\d{2}\b")


@pytest.fixture
def published_phase(transactional_db):
    importlib.import_module("phases.migrations.0002_editor_groups").create_groups(apps, None)
    user = User.objects.create_user("kari", password=PASSWORD, is_staff=True)
    user.first_name, user.last_name = "Kari", "Nordmann"
    user.save()
    user.groups.add(Group.objects.get(name="Kommunikasjon"))
    phase = make_phase(period="høst 2021", title="Forberedelsesfase", slug="forberedelse")
    go_live = make_milestone(phase=phase, title="Trondheim tar i bruk", slug="trondheim")
    make_entry(go_live, "original", "november 2021")
    return phase, go_live


def _save(page):
    page.get_by_role("button", name="Lagre og fortsett å redigere").click()
    page.get_by_text("ble endret").first.wait_for()


def _public_page_with(open_page, url, text, *, seconds=10):
    """Open ``url`` as a new visitor until it shows ``text``; return the page.

    A publish reaches every visitor within seconds, not at once: the page cache
    and browsers may keep a page that long (``helseplattform/caching.py``).
    """
    deadline = timezone.now() + datetime.timedelta(seconds=seconds)
    while True:
        visitor = open_page()
        visitor.goto(url)
        if text in visitor.content() or timezone.now() > deadline:
            return visitor
        visitor.wait_for_timeout(500)
        visitor.context.close()


def _tab_into(page, selector, *, limit=40):
    """Press Tab until the focus is inside ``selector`` (keyboard only, as an editor would)."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"!!document.activeElement.closest({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_an_editor_writes_drafts_previews_publishes_and_corrects_a_date_change(
    page, open_page, published_phase
):
    phase, go_live = published_phase
    page.goto("/admin/")
    page.get_by_label("Brukernavn").fill("kari")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    # Formatted text with the keyboard only: a heading, bold text and a list.
    page.goto(f"/admin/phases/phase/{phase.pk}/change/")
    page.locator(".prose-editor").first.wait_for()
    page.locator("#id_summary_nb").focus()
    _tab_into(page, ".prose-editor [contenteditable]")
    keyboard = page.keyboard
    keyboard.type("## Om fasen")
    keyboard.press("Enter")
    keyboard.type("Dette er ")
    keyboard.press("Control+b")
    keyboard.type("viktig")
    keyboard.press("Control+b")
    keyboard.type(".")
    keyboard.press("Enter")
    keyboard.type("- Første punkt")
    keyboard.press("Enter")
    keyboard.type("Andre punkt")
    _save(page)
    phase.refresh_from_db()
    assert "<h2>Om fasen</h2>" in phase.body_nb
    assert "<p>Dette er <strong>viktig</strong>.</p>" in phase.body_nb
    assert re.search(r"<ul><li>(<p>)?Første punkt(</p>)?</li><li>(<p>)?Andre punkt", phase.body_nb)

    # Draft a date change on the go-live.
    page.goto(f"/admin/phases/milestone/{go_live.pk}/change/")
    page.get_by_role("button", name=re.compile("Legg til ny dato i historikken", re.I)).click()
    draft = page.locator(".inline-related:not(.empty-form)").last
    draft.get_by_label("Type").select_option(label="Ny plan")
    draft.get_by_label("Periode").fill("mai 2022")
    draft.locator("textarea[name$='-reason_nb']").fill("Utsatt for å gi mer tid til opplæring.")
    draft.locator("input[name$='-decided_on']").fill("14.01.2022")
    _save(page)
    line = DateEntry.objects.get(milestone=go_live, kind="revision")
    assert line.draft

    # The public page does not have it; the preview has it in place.
    visitor = open_page()
    visitor.goto("/fase/forberedelse/")
    assert "mai 2022" not in visitor.content()
    page.get_by_role("link", name="Forhåndsvis på bokmål").click()
    page.get_by_role("heading", name=re.compile("Forhåndsvisning")).wait_for()
    assert "mai 2022" in page.content()
    assert "Utsatt for å gi mer tid til opplæring." in page.content()

    # Publish it on its own.
    page.goto(f"/admin/phases/milestone/{go_live.pk}/change/")
    page.locator("#id_date_entries-0-publish_now").check()
    _save(page)
    line.refresh_from_db()
    assert not line.draft
    visitor = _public_page_with(open_page, "/fase/forberedelse/", "mai 2022")
    assert "mai 2022" in visitor.content()

    # Published: it cannot be edited, only corrected.
    page.goto(f"/admin/phases/dateentry/{line.pk}/change/")
    assert page.locator("input[name='period']").count() == 0
    page.get_by_role("link", name="Rett denne linjen").click()
    assert page.locator("input[name='period']").input_value() == "mai 2022"
    page.locator("input[name='period']").fill("juni 2022")
    page.locator("textarea[name='reason_nb']").fill("Riktig måned er juni, ikke mai.")
    page.get_by_label("Publiser linjen nå").check()
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.get_by_text("ble lagt til").first.wait_for()
    correction = DateEntry.objects.get(corrects=line)
    assert not correction.draft

    # The public change log shows a correction, naming what it corrects.
    visitor = _public_page_with(open_page, "/endringer/", "juni 2022")
    entry = visitor.locator(".changes__entry").filter(has_text="juni 2022")
    assert "Rettelse" in entry.inner_text()
    assert "mai 2022" in entry.inner_text()
    visitor = _public_page_with(open_page, "/fase/forberedelse/", "juni 2022")
    assert visitor.locator(".milestone__date").first.inner_text() == "Juni 2022"

    # The milestone's history has the date lines, in local time to the minute, by name.
    page.goto(f"/admin/phases/milestone/{go_live.pk}/history/")
    history = page.locator("#change-history").inner_text()
    assert "Rettelse" in history
    assert "juni 2022" in history
    assert "Kari Nordmann" in history
    local = timezone.localtime(correction.history.earliest().history_date)
    assert f"{local:%H:%M}" in history
    assert LOCAL_MINUTE.search(history)
    assert not re.search(r"\d{2}:\d{2}:\d{2}\.\d+", history)  # no microseconds
    assert page.locator("#change-history a[href*='/auth/user/']").count() == 0
    assert console_errors(page, allow=r"favicon\.ico") == []
