"""Editors write a go-live's impact window in the milestone's nb / nn / en tabs."""

import pytest
from django.utils import translation

from phases.models import Milestone
from tests.admin.test_editing import _milestone_form

pytestmark = pytest.mark.django_db

FIELDS = ("impact_period", "impact_unaffected", "impact_contact")


def test_the_milestone_form_has_the_impact_window_in_every_language_with_help(editor, content):
    response = editor.get(f"/admin/phases/milestone/{content['milestone'].pk}/change/")
    html = response.content.decode()

    with translation.override("nb"):
        assert "Hva betyr dagen for deg?" in html  # the fieldset
        for field in FIELDS:
            for lang in ("nb", "nn", "en"):
                assert f'name="{field}_{lang}"' in html
        # Help written for editors: an example, and to leave it empty when the sources say nothing.
        assert "La feltet stå tomt når kildene ikke sier noe." in html
        assert "Akutt hjelp får du som vanlig." in html


def test_an_editor_saves_the_impact_window_and_it_is_in_the_history(editor, content):
    milestone = content["milestone"]
    url, data = _milestone_form(editor, milestone)
    data["impact_period_nb"] = "Fra slutten av oktober til midten av desember."
    data["impact_unaffected_nn"] = "Akutt hjelp får du som vanleg."

    response = editor.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert milestone.impact_period_nb == "Fra slutten av oktober til midten av desember."
    assert milestone.impact_unaffected_nn == "Akutt hjelp får du som vanleg."
    assert milestone.history.first().impact_period_nb == milestone.impact_period_nb


def test_markup_in_the_impact_window_is_refused_with_a_norwegian_message(editor, content):
    url, data = _milestone_form(editor, content["milestone"])
    data["impact_contact_en"] = "<script>alert(1)</script>"

    response = editor.post(url, data)

    assert response.status_code == 200
    with translation.override("nb"):
        assert "Feltet er ren tekst" in response.content.decode()
    assert not Milestone.objects.get(pk=content["milestone"].pk).impact_contact_en
