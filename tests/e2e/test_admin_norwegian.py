"""No English in the admin for a Norwegian editor: every visible text checked against the catalogues.

A "Kommunikasjon" editor walks the pages they use. On each, every text a person
can see or hear (the page's text, including visually hidden headings, and the
title, aria-label, placeholder and alt attributes and the button labels) is
compared with the English source strings of Django and of every package the admin
uses (their ``.po`` catalogues). A text that is one of those strings, where
Bokmål has a translation of its own, means the translation did not reach the
page: a Bokmål entry missing from the package (``locale/nb/``), or a script whose
catalogue was not loaded.
"""

import importlib
import re
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.utils.translation.trans_real import DjangoTranslation

from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.e2e

PASSWORD = "et-passord-bare-for-testen"
SITE_PACKAGES = Path(django.__file__).resolve().parent.parent
CATALOGUES = [
    "django/conf",
    "django/contrib/admin",
    "django/contrib/auth",
    "django/contrib/contenttypes",
    "simple_history",
    "adminsortable2",
    "axes",
    "django_prose_editor",
]
# The toolbar titles django-prose-editor writes without gettext (richtext-editor.js).
TOOLBAR_TITLES = ["bold", "italic", "unordered list", "ordered list", "undo", "redo", "paragraph"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\}")

VISIBLE_TEXTS = """() => {
  const icons = new Set([...document.querySelectorAll('.material-icons')].map(e => e.textContent.trim()));
  const texts = document.body.innerText.split('\\n').map(t => t.trim()).filter(t => t && !icons.has(t));
  for (const element of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
      const value = element.getAttribute(name);
      if (value && value.trim()) texts.push(value.trim());
    }
  }
  for (const input of document.querySelectorAll('input[type=submit], input[type=button]')) {
    if (input.value) texts.push(input.value.trim());
  }
  return texts;
}"""


def english_source_strings() -> dict[str, str]:
    """Return {English msgid: its Bokmål translation} for the strings Bokmål translates."""
    english = {(text, None, "djangojs") for text in TOOLBAR_TITLES}
    for package in CATALOGUES:
        for path in (SITE_PACKAGES / package / "locale").glob("*/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(path)):
                if not PLACEHOLDER.search(entry.msgid) and "\n" not in entry.msgid:
                    english.add((entry.msgid, entry.msgid_plural or None, path.stem))
    # The catalogues as Django serves them: Python's, and the admin's JavaScript catalogue.
    domains = {domain: DjangoTranslation("nb", domain=domain) for domain in ("django", "djangojs")}
    pairs = {}
    for text, plural, domain in english:
        catalogue = domains[domain]
        if plural:
            # Django asks for these with ngettext: a singular-only entry does not count.
            pairs[text] = catalogue.ngettext(text, plural, 1)
            pairs[plural] = catalogue.ngettext(text, plural, 2)
        elif pairs.get(text, text) == text:
            pairs[text] = catalogue.gettext(text)
    return {text: norwegian for text, norwegian in pairs.items() if norwegian != text}


@pytest.fixture
def editor_content(transactional_db):
    importlib.import_module("phases.migrations.0002_editor_groups").create_groups(apps, None)
    # The role pages and the glossary came later, with their own grant.
    importlib.import_module("phases.migrations.0015_guidance_pages").grant_editors(apps, None)
    user = User.objects.create_user("kari", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Kommunikasjon"))
    phase = make_phase(period="høst 2021", title="Forberedelsesfase", slug="forberedelse")
    organisation = make_organisation(name="Ørland kommune", slug="orland")
    milestone = make_milestone(phase=phase, title="Ørland tar i bruk", organisations=[organisation])
    entry = make_entry(milestone, "original", "november 2021")
    phase.title_nn = "Førebuingsfase"
    phase.save()
    return {"phase": phase, "milestone": milestone, "organisation": organisation, "entry": entry}


def _pages(content):
    phase, milestone = content["phase"], content["milestone"]
    organisation, entry = content["organisation"], content["entry"]
    history = phase.history.order_by("history_date")
    older, newer = history.first(), history.last()
    return [
        "/admin/",
        "/admin/phases/phase/",
        "/admin/phases/phase/add/",
        f"/admin/phases/phase/{phase.pk}/change/",
        f"/admin/phases/phase/{phase.pk}/history/",
        f"/admin/phases/phase/{phase.pk}/historikk/sammenlign/"
        f"?fra={older.history_id}&til={newer.history_id}",
        f"/admin/phases/phase/{phase.pk}/history/{older.history_id}/",
        "/admin/phases/milestone/",
        f"/admin/phases/milestone/{milestone.pk}/change/",
        f"/admin/phases/milestone/{milestone.pk}/history/",
        "/admin/phases/organisation/",
        "/admin/phases/organisation/?kind__exact=kommune",
        f"/admin/phases/organisation/{organisation.pk}/change/",
        "/admin/phases/dateentry/",
        f"/admin/phases/dateentry/{entry.pk}/change/",
        f"/admin/phases/dateentry/add/?retter={entry.pk}",
        "/admin/phases/rolepage/",
        "/admin/phases/rolepage/add/",
        "/admin/phases/glossaryterm/",
        "/admin/phases/glossaryterm/add/",
        "/admin/phases/phase/forhandsvis/",
        "/admin/password_change/",
    ]


def _english_on(page, english: dict[str, str]) -> list[str]:
    return sorted({text for text in page.evaluate(VISIBLE_TEXTS) if text in english})


def test_no_english_string_appears_in_the_admin_for_a_norwegian_editor(page, editor_content):
    english = english_source_strings()
    # The catalogues this test relies on are there: the strings of the issue are among them,
    # and the editor's toolbar titles and the admin's scripts' strings (JavaScript catalogue).
    for known in (
        "Please correct the error below.",
        "Show counts",
        "Start typing to filter…",
        "bold",
        "Sunday",
    ):
        assert known in english
    page.goto("/admin/login/")
    assert _english_on(page, english) == []
    page.get_by_label("Brukernavn").fill("kari")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    found = {}
    for url in _pages(editor_content):
        response = page.goto(url)
        assert response.status == 200, url  # an editor's page, not a refusal
        page.wait_for_load_state("networkidle")
        if texts := _english_on(page, english):
            found[url] = texts
    # A form with an error, and the actions' confirmation.
    page.goto("/admin/phases/phase/add/")
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.locator(".errornote").wait_for()
    if texts := _english_on(page, english):
        found["phase add, with errors"] = texts
    assert found == {}
