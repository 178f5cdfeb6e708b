"""The editor's flow from issue 5, in a real browser, by a "Kommunikasjon" user.

Log in; fix a typo in the Nynorsk title of a draft phase (on the Nynorsk tab);
record that its go-live moved to «mai 2022» with a reason and a source; preview
the page; schedule it to publish a few seconds ahead; see it appear on the public
page at that time; find the change in the history and restore the version before it.

The clock: publishing is "publish_at <= now" in the querysets, so nothing on the
server has to run at the scheduled moment. The test schedules the publish five
seconds ahead rather than five minutes and reloads the public page (at most every
half second) until it appears; the page cache learns of the moment from its
``content:next`` key, so this also proves a scheduled publish gets through the cache.
"""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.utils import timezone

from phases.models import Phase
from tests.e2e.browser import console_errors
from tests.phases.factories import make_entry, make_milestone, make_phase

pytestmark = pytest.mark.e2e

PASSWORD = "et-passord-bare-for-testen"
TYPO = "Førebuingsfsae"
FIXED = "Førebuingsfase"
SCHEDULE_SECONDS = 5


@pytest.fixture
def draft_phase(transactional_db):
    # Browser tests run on a transactional database, which is emptied after each
    # test, so the groups that the migration made may be gone: make them again.
    importlib.import_module("phases.migrations.0002_editor_groups").create_groups(apps, None)
    user = User.objects.create_user("kari", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Kommunikasjon"))
    phase = make_phase(
        period="høst 2021", title="Forberedelsesfase", slug="forberedelse", publish_at=None
    )
    phase.title_nn = TYPO
    phase.save()
    go_live = make_milestone(phase=phase, title="Trondheim tar i bruk Helseplattformen")
    make_entry(go_live, "original", "november 2021")
    return phase, go_live


def test_a_communications_editor_fixes_reschedules_previews_publishes_and_restores(
    page, open_page, live_server, draft_phase
):
    phase, go_live = draft_phase
    phase_url = f"/admin/phases/phase/{phase.pk}/change/"

    # Log in.
    page.goto("/admin/")
    page.get_by_label("Brukernavn").fill("kari")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name=re.compile("Faser")).first.click()
    page.get_by_role("link", name="Forberedelsesfase").click()

    # Fix the Nynorsk typo on the Nynorsk tab.
    title_tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_title_nn"))
    # The tabs are labelled with the language code, titled with its name («Norsk nynorsk»).
    title_tabs.get_by_role("tab", name="nn", exact=True).click()
    assert page.locator("#id_title_nn").is_visible()
    page.locator("#id_title_nn").fill(FIXED)
    page.get_by_role("button", name="Lagre og fortsett å redigere").click()
    page.get_by_text("ble endret").first.wait_for()
    phase.refresh_from_db()
    assert phase.title_nn == FIXED

    # Record that the go-live moved to «mai 2022», with a reason and a source.
    page.goto(f"/admin/phases/milestone/{go_live.pk}/change/")
    page.get_by_role("button", name=re.compile("Legg til ny dato i historikken", re.I)).click()
    new_line = page.locator(".inline-related:not(.empty-form)").last
    new_line.get_by_label("Type").select_option(label="Ny plan")
    new_line.get_by_label("Periode").fill("mai 2022")
    new_line.locator("textarea[name$='-reason_nb']").fill("Utsatt for å gi mer tid til opplæring.")
    new_line.locator("input[name$='-decided_on']").fill("14.01.2022")
    new_line.locator("input[name$='-source_url']").fill("https://helse-midt.no/nyheter/utsatt")
    new_line.locator("input[name$='-source_title']").fill(
        "Innføringen av Helseplattformen utsettes"
    )
    page.get_by_role("button", name="Lagre og fortsett å redigere").click()
    page.get_by_text("ble endret").first.wait_for()
    assert [str(entry.period) for entry in go_live.date_entries.order_by("id")] == [
        "november 2021",
        "mai 2022",
    ]

    # Preview the phase page in Nynorsk: a banner, the fixed title and the new date.
    page.goto(phase_url)
    page.get_by_role("link", name="Forhåndsvis på nynorsk").click()
    page.get_by_role("heading", name=re.compile("Forhåndsvisning")).wait_for()
    assert FIXED in page.content()
    assert "mai 2022" in page.content()

    # Schedule the publish a few seconds ahead.
    page.goto(phase_url)
    moment = timezone.localtime(timezone.now() + datetime.timedelta(seconds=SCHEDULE_SECONDS))
    moment = moment.replace(microsecond=0)  # the form takes whole seconds
    page.locator("#id_publish_at_0").fill(moment.strftime("%d.%m.%Y"))
    page.locator("#id_publish_at_1").fill(moment.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Lagre og fortsett å redigere").click()
    page.get_by_text("ble endret").first.wait_for()
    phase.refresh_from_db()
    assert phase.publish_at == moment

    # A visitor (no session) sees the page appear at that moment, not before.
    visitor = open_page()
    public_url = "/nn/fase/forberedelse/"
    assert visitor.goto(public_url).status == 404
    deadline = moment + datetime.timedelta(seconds=10)
    status = 404
    while status != 200 and timezone.now() < deadline:
        visitor.wait_for_timeout(500)
        status = visitor.goto(public_url).status
    assert status == 200
    assert timezone.now() >= moment
    assert FIXED in visitor.content()

    # Find the Nynorsk fix in the history, compare, and restore the version before it.
    page.goto(phase_url)
    page.get_by_role("link", name="Historikk", exact=True).click()
    assert FIXED in page.content()
    history = list(Phase.history.filter(id=phase.pk).order_by("history_date"))
    before_fix, fix = history[-3], history[-2]
    page.locator("#hp-compare-from").select_option(str(before_fix.history_id))
    page.locator("#hp-compare-to").select_option(str(fix.history_id))
    page.get_by_role("button", name="Sammenlign").click()
    row = page.get_by_role("row", name=re.compile("Tittel \\(nynorsk\\)"))
    assert TYPO in row.inner_text() and FIXED in row.inner_text()
    page.get_by_role("link", name="Se og gjenopprett den eldre versjonen").click()
    page.get_by_role("button", name="Tilbakestill").first.click()
    page.get_by_text("ble endret").first.wait_for()

    phase.refresh_from_db()
    assert phase.title_nn == TYPO
    restore = Phase.history.filter(id=phase.pk).latest("history_date")
    assert restore.history_user.username == "kari"
    assert restore.history_change_reason == f"Gjenopprettet versjon {before_fix.history_id}"
    # Django's admin has no favicon of its own; nothing else (no CSP violation) may fail.
    assert console_errors(page, allow=r"favicon\.ico") == []
