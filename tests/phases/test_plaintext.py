"""Plain-text fields refuse markup on save, with a Norwegian message for the editor (issue #21).

Old main stored "<script>…</script>" and "onerror=" in a title and the API served it unchanged.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from phases.models import DateEntry
from phases.plaintext import contains_markup
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

MESSAGE = "Feltet er ren tekst og kan ikke inneholde HTML-kode"


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("Trondheim kommune tar i bruk Helseplattformen", False),
        ("Mindre enn < 5 % gjenstår", False),
        ("3 < 4 og 5 > 4", False),
        ("Fisk & chips", False),
        ("", False),
        ("<script>alert(1)</script>", True),
        ('<img src=x onerror="alert(1)">', True),
        ("Fase </b>", True),
        ("< b>", True),
        ("<!-- skjult -->", True),
        ("&lt;script&gt;", True),
        ("&#60;script&#62;", True),
        ("&#x3c;", True),
    ],
)
def test_it_finds_markup_in_plain_text(text, markup):
    assert contains_markup(text) is markup


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: make_phase(), "title_nb"),
        (lambda: make_phase(), "title_en"),
        (lambda: make_phase(), "summary_nn"),
        (lambda: make_milestone(), "title_nb"),
        (lambda: make_milestone(), "description_en"),
        (lambda: make_organisation(), "name"),
        (lambda: make_entry(make_milestone(), DateEntry.Kind.REVISION, "2025"), "reason_nb"),
        (lambda: make_entry(make_milestone(), DateEntry.Kind.REVISION, "2025"), "source_title"),
    ],
)
def test_a_plain_text_field_refuses_markup_with_a_message_for_the_editor(make, field):
    item = make()
    setattr(item, field, '<img src=x onerror="alert(1)">Fase 2')
    # In Bokmål, whatever language an earlier request in the process left active.
    with translation.override("nb"):
        with pytest.raises(ValidationError) as refused:
            item.full_clean()
        assert MESSAGE in refused.value.message_dict[field][0]


@pytest.mark.django_db
def test_the_rich_text_body_may_hold_markup_and_the_plain_fields_of_the_content_hold_none():
    phase = make_phase(body="<p>Avsnitt med <strong>utheving</strong>.</p>")
    phase.full_clean()
