"""A go-live's impact window: reduced activity, what carries on as usual, who contacts whom.

Optional plain text in nb/nn/en, shown on the go-live (phase and organisation pages)
only where filled, edited in the admin's language tabs, served by the API.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from phases.models import Milestone
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db

IMPACT = {
    "impact_period_nb": "Fra slutten av oktober til midten av desember.",
    "impact_period_nn": "Frå slutten av oktober til midten av desember.",
    "impact_period_en": "From late October to mid-December.",
    "impact_unaffected_nb": "Akutt hjelp får du som vanlig.",
    "impact_unaffected_nn": "Akutt hjelp får du som vanleg.",
    "impact_unaffected_en": "You get emergency help as usual.",
    "impact_contact_nb": "Sykehuset kontakter deg hvis timen din blir flyttet.",
    "impact_contact_nn": "Sjukehuset kontaktar deg om timen din blir flytta.",
    "impact_contact_en": "The hospital will contact you if your appointment is moved.",
}


@pytest.fixture
def go_live(db):
    organisation = make_organisation(name="Testby kommune", slug="testby-kommune")
    phase = make_phase(slug="produksjon", title="Produksjon", period="2022")
    milestone = make_milestone(
        phase=phase,
        slug="testby",
        title="Testby kommune tar i bruk Helseplattformen",
        organisations=[organisation],
        **IMPACT,
    )
    make_entry(milestone, "original", "12. november 2030")
    return milestone


def section(html):
    return html.split('<section class="impact"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("prefix", "heading", "terms", "lang"),
    [
        (
            "",
            "Hva betyr dagen for deg?",
            ["Redusert drift", "Dette går som vanlig", "Hvem tar kontakt"],
            "nb",
        ),
        (
            "/nn",
            "Kva tyder dagen for deg?",
            ["Redusert drift", "Dette går som vanleg", "Kven tek kontakt"],
            "nn",
        ),
        (
            "/en",
            "What does the day mean for you?",
            ["Reduced activity", "What carries on as usual", "Who gets in touch"],
            "en",
        ),
    ],
)
@pytest.mark.parametrize("page", ["/fase/produksjon/", "/virksomheter/testby-kommune/"])
def test_the_go_live_says_what_the_day_means_in_every_language(
    client, clock, go_live, prefix, heading, terms, lang, page
):
    impact = section(client.get(f"{prefix}{page}").content.decode())

    assert f'id="testby-impact">{heading}</h' in impact
    for term in terms:
        assert f"<dt>{term}</dt>" in impact
    for field in ("impact_period", "impact_unaffected", "impact_contact"):
        assert f"<dd>{IMPACT[f'{field}_{lang}']}</dd>" in impact


def test_the_section_is_a_heading_one_level_below_the_go_live(client, clock, go_live):
    html = client.get("/fase/produksjon/").content.decode()

    assert '<h3 class="milestone__title" id="testby-title"' in html
    assert '<h4 class="impact__title" id="testby-impact">' in section(html)
    assert 'aria-labelledby="testby-impact"' in html


def test_only_the_parts_that_are_filled_are_shown(client, clock, go_live):
    Milestone.objects.filter(pk=go_live.pk).update(
        impact_period_nb="", impact_period_nn="", impact_period_en="",
        impact_contact_nb="", impact_contact_nn="", impact_contact_en="",
    )  # fmt: skip

    impact = section(client.get("/fase/produksjon/").content.decode())

    assert "<dt>Dette går som vanlig</dt>" in impact
    assert "Redusert drift" not in impact
    assert "Hvem tar kontakt" not in impact


def test_a_go_live_without_an_impact_window_shows_no_section(client, clock, go_live):
    Milestone.objects.filter(pk=go_live.pk).update(**dict.fromkeys(IMPACT, ""))

    for url in ("/fase/produksjon/", "/virksomheter/testby-kommune/"):
        html = client.get(url).content.decode()
        assert 'class="impact"' not in html
        assert "Hva betyr dagen for deg?" not in html


def test_a_missing_translation_is_shown_in_bokmal_and_marked(client, clock, go_live):
    Milestone.objects.filter(pk=go_live.pk).update(impact_contact_en="")

    impact = section(client.get("/en/fase/produksjon/").content.decode())

    assert f'<dd lang="nb">{IMPACT["impact_contact_nb"]}</dd>' in impact
    assert f"<dd>{IMPACT['impact_period_en']}</dd>" in impact


def test_line_breaks_are_kept_and_the_text_is_escaped(client, clock, go_live):
    Milestone.objects.filter(pk=go_live.pk).update(
        impact_unaffected_nb="Akutt hjelp som vanlig.\nRing 113 ved fare for liv & helse."
    )

    impact = section(client.get("/fase/produksjon/").content.decode())

    assert "Akutt hjelp som vanlig.<br>Ring 113 ved fare for liv &amp; helse." in impact


@pytest.mark.parametrize("field", ["impact_period_nb", "impact_unaffected_nn", "impact_contact_en"])
def test_the_fields_refuse_markup_like_every_plain_text_field(go_live, field):
    setattr(go_live, field, 'Redusert drift <img src=x onerror="alert(1)">')

    with pytest.raises(ValidationError) as raised:
        go_live.full_clean()

    assert raised.value.error_dict[field][0].code == "markup"


def test_the_fields_are_optional(go_live):
    for name in IMPACT:
        setattr(go_live, name, "")

    go_live.full_clean()  # raises nothing
    with translation.override("nb"):
        assert not go_live.has_impact


def test_the_api_gives_the_impact_window_in_the_language_asked_for(client, clock, go_live):
    (milestone,) = client.get("/api/v1/milestones/?lang=nn").json()["results"]

    assert milestone["impact"] == {
        "reduced_activity": IMPACT["impact_period_nn"],
        "unaffected": IMPACT["impact_unaffected_nn"],
        "contact": IMPACT["impact_contact_nn"],
    }


def test_the_api_gives_null_for_a_go_live_without_one(client, clock, go_live):
    Milestone.objects.filter(pk=go_live.pk).update(**dict.fromkeys(IMPACT, ""))

    (milestone,) = client.get("/api/v1/milestones/").json()["results"]

    assert milestone["impact"] is None


def test_the_api_answer_with_an_impact_window_matches_the_openapi_document(client, clock, go_live):
    from tests.open_data.test_openapi import response_validator

    document = client.get("/api/v1/openapi.json").json()
    data = client.get("/api/v1/milestones/").json()

    assert data["results"][0]["impact"] is not None
    assert response_validator(document, "/api/v1/milestones/", 200).is_valid(data)
    data["results"][0]["impact"]["reduced_activity"] = 7
    assert not response_validator(document, "/api/v1/milestones/", 200).is_valid(data)
