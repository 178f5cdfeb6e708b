"""Every string a visitor can see is translated into Nynorsk and English, placeholders intact.

Which strings a visitor can see is decided from where ``makemessages`` found them
(the ``#:`` lines of the catalogue), with one simple rule:

* a template is public unless a folder in its path is an admin folder
  (``templates/admin/``, ``templates/adminsortable2/``, ``templates/feedback/admin/``);
* a Python module is public unless it is admin code: ``admin*.py``, ``apps.py``
  (the app names appear only in the admin), ``phases/publication.py`` (the
  publication state shown to editors), or a model module;
* a model module is public only through its choice labels (organisation kinds,
  decisions, date-history kinds, ...), which pages, filters, feeds and the API
  show with ``get_FOO_display``. Its field names, help texts and validation
  messages are read only in the admin, which is always served in Bokmål (it is
  outside ``i18n_patterns``, so LocaleMiddleware picks ``LANGUAGE_CODE``).

A string that occurs in both a public and an admin place counts as public. The
admin-only strings are translated too, but nothing here requires it.
"""

import re
from pathlib import Path, PurePosixPath

import polib
import pytest
from django.apps import apps
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["nn", "en"]
PROJECT_APPS = ["phases", "feedback"]

# Modules without "admin" in their name whose strings only editors read.
ADMIN_ONLY_MODULES = {"phases/publication.py"}

# %(name)s and friends, bare %s/%d, {name} and {} (str.format), HTML tags and entities.
# "%%" is a literal percent sign and is left out; makemessages writes it for "%" in templates.
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0\- +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{\w*\}|<[^>]+>|&\w+;")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def is_admin_template(path: PurePosixPath) -> bool:
    return any(part.startswith("admin") for part in path.parts[1:-1])


def is_admin_module(path: PurePosixPath) -> bool:
    return (
        path.name.startswith("admin")
        or path.name == "apps.py"
        or str(path) in ADMIN_ONLY_MODULES
        or "management" in path.parts
        or "migrations" in path.parts
    )


def choice_labels() -> set[str]:
    """Return the source text of every choice label of the project's models."""
    labels = set()
    with translation.override(None):  # no catalogue: a lazy label gives back its msgid
        for app in PROJECT_APPS:
            for model in apps.get_app_config(app).get_models():
                for field in model._meta.get_fields():
                    for _value, label in getattr(field, "flatchoices", None) or []:
                        labels.add(str(label))
    return labels


def is_public(entry: polib.POEntry, choices: set[str]) -> bool:
    for filename, _line in entry.occurrences:
        path = PurePosixPath(filename)
        if path.parts[0] == "templates":
            if not is_admin_template(path):
                return True
        elif path.suffix == ".py":
            if path.name == "models.py":
                if entry.msgid in choices:
                    return True
            elif not is_admin_module(path):
                return True
    return False


def public_entries(language: str) -> list[polib.POEntry]:
    choices = choice_labels()
    return [
        entry for entry in catalogue(language) if not entry.obsolete and is_public(entry, choices)
    ]


def translations(entry: polib.POEntry) -> list[tuple[str, str]]:
    """Return (source, translation) pairs: one, or one per plural form."""
    if entry.msgid_plural:
        sources = {0: entry.msgid}
        return [
            (sources.get(index, entry.msgid_plural), text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def describe(entry: polib.POEntry) -> str:
    where = ", ".join(f"{name}:{line}" for name, line in entry.occurrences[:3])
    return f"{entry.msgid!r} ({where})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_a_visitor_can_see_is_translated(language):
    untranslated = [
        describe(entry)
        for entry in public_entries(language)
        if "fuzzy" in entry.flags or not all(text.strip() for _source, text in translations(entry))
    ]
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_a_visitor_can_see_keeps_the_placeholders_of_its_source(language):
    mismatched = [
        f"{describe(entry)}: {placeholders(source)} became {placeholders(text)}"
        for entry in public_entries(language)
        for source, text in translations(entry)
        if text and placeholders(source) != placeholders(text)
    ]
    assert mismatched == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_a_visitor_can_see_keeps_the_literal_percent_signs(language):
    # A template's "%" is "%%" in the catalogue; a single "%" in the translation breaks it.
    mismatched = [
        describe(entry)
        for entry in public_entries(language)
        for source, text in translations(entry)
        if text and source.count("%%") != text.count("%%")
    ]
    assert mismatched == []


def test_the_rule_counts_pages_feeds_and_choice_labels_as_public_and_leaves_the_admin_out():
    public = {entry.msgid for entry in public_entries("nn")}
    # Templates, a status label, a filter form, the calendar and a model choice.
    assert {
        "Fant du det du lette etter?",
        "Planlagt dato er passert, ikke bekreftet",
        "Type virksomhet",
        "Historikk og kilder: %(url)s",
        "Kommune",
    } <= public
    # Admin templates, the admin's own code, and the field names and help texts of models.
    admin_only = {
        "Statistikk",
        "Sammenlign to versjoner",
        "Publiser nå",
        "sorteringsdato",
        "Tittelen slik kilden skriver den.",
    }
    assert admin_only.isdisjoint(public)


def test_placeholders_are_found_in_named_positional_and_format_style_strings():
    assert placeholders('%(count)d av %(total)s, %s og {name} <a href="/">x</a>&nbsp;') == sorted(
        ["%(count)d", "%(total)s", "%s", "{name}", '<a href="/">', "</a>", "&nbsp;"]
    )
    # A template's "%(used)s" is written "%%(used)s"; the script fills it in, so it is compared too.
    assert placeholders("%%(used)s av %%(max)s tegn") == ["%(max)s", "%(used)s"]
    assert placeholders('for eksempel {"telefonnummer": 1}') == []
