"""A field shown in the fallback language is marked with its own lang attribute."""

import pytest
from django.template import Context, Template
from django.utils import translation

from phases.fallback import shown_language
from tests.phases.factories import make_phase


@pytest.mark.parametrize(
    ("values", "requested", "expected"),
    [
        ({"nb": "Forberedelsesfase", "nn": "Førebuingsfase"}, "nn", "nn"),
        ({"nb": "Forberedelsesfase", "nn": ""}, "nn", "nb"),
        ({"nb": "Forberedelsesfase", "nn": None}, "nn", "nb"),
        ({"nb": "Forberedelsesfase", "en": "   "}, "en", "nb"),
        ({"nb": "Forberedelsesfase"}, "nb", "nb"),
        ({"nb": "", "nn": ""}, "nn", "nn"),  # nothing to show: no lang needed
    ],
)
def test_it_names_the_language_actually_shown(values, requested, expected):
    assert shown_language(values, requested) == expected


LANG_ATTR = Template('{% load rollout %}<h2{% lang_attr phase "title" %}>{{ phase.title }}</h2>')


@pytest.mark.django_db
def test_a_missing_nynorsk_title_is_shown_in_bokmal_and_marked_so():
    phase = make_phase(title="Forberedelsesfase")
    with translation.override("nn"):
        assert LANG_ATTR.render(Context({"phase": phase})) == '<h2 lang="nb">Forberedelsesfase</h2>'


@pytest.mark.django_db
def test_a_translated_title_needs_no_lang_of_its_own():
    phase = make_phase(title="Forberedelsesfase", title_nn="Førebuingsfase")
    with translation.override("nn"):
        assert LANG_ATTR.render(Context({"phase": phase})) == "<h2>Førebuingsfase</h2>"
    with translation.override("nb"):
        assert LANG_ATTR.render(Context({"phase": phase})) == "<h2>Forberedelsesfase</h2>"
