"""An audit of the real content: every plan says which plan it is and cites the source it came from.

The seed page (the first version of helseplattformen.no/tidslinje-innforing/) names
St. Olavs hospital, Trondheim kommune and two GP offices in Trondheim for the first
go-live, then Helse Nord-Trøndelag and Helse Møre og Romsdal "med omliggende kommuner
og fastleger". Each of them has an original-plan line citing the seed page; every
line of a plan cites a source the content declares; the phases the later page
revised (2–4) say on the timeline and on their pages which plan a period is.
"""

import json
import re
from pathlib import Path

import pytest

from phases.models import DateEntry, Milestone, Phase

pytestmark = pytest.mark.django_db

CONTENT = json.loads(
    (Path(__file__).resolve().parents[2] / "phases" / "content" / "rollout.json").read_text(
        encoding="utf-8"
    )
)
SOURCES = CONTENT["sources"]
SEED = SOURCES["seed"]

# What the seed page names, and the go-live milestones that carry it.
NAMED_BY_THE_SEED = {
    "St. Olavs hospital": {"st-olavs-hospital"},
    "Trondheim kommune": {"trondheim-kommune"},
    "to fastlegekontor i Trondheim": {"to-fastlegekontor-i-trondheim"},
    "Helse Nord-Trøndelag": {"helse-nord-trondelag"},
    "Helse Møre og Romsdal": {"helse-more-og-romsdal"},
    # Named as a group beside the two trusts: their original-plan lines say so.
    "omliggende kommuner og fastleger": {"helse-nord-trondelag", "helse-more-og-romsdal"},
}

# The phases' periods as the seed page gives them (its original plan).
SEED_PERIODS = {
    "forberedelsesfase": "april–august 2019",
    "spesifiseringsfase": "august 2019–januar 2020",
    "utviklingsfase": "januar–august 2020",
    "test-og-godkjenningsfase": "januar–sommer 2021",
    "opplaeringsfase": "august–november 2021",
    "produksjonssetting": "fra høst 2021",
    "en-journal": "fra 2021",
}
REVISED_PHASES = ("spesifiseringsfase", "utviklingsfase", "test-og-godkjenningsfase")


def seed_originals(slug):
    return DateEntry.objects.filter(
        milestone__slug=slug,
        kind=DateEntry.Kind.ORIGINAL,
        source_url=SEED["url"],
        source_title=SEED["title"],
    )


@pytest.mark.parametrize(("named", "slugs"), NAMED_BY_THE_SEED.items())
def test_everyone_the_seed_page_names_has_an_original_plan_citing_it(content, named, slugs):
    for slug in slugs:
        assert seed_originals(slug).count() == 1, (named, slug)


def test_the_group_the_seed_names_beside_the_trusts_is_named_in_their_original_plan(content):
    for slug in NAMED_BY_THE_SEED["omliggende kommuner og fastleger"]:
        line = seed_originals(slug).get()
        assert "med omliggende kommuner og fastleger" in line.reason_nb
        assert "med kommunane og fastlegane rundt" in line.reason_nn
        assert "with the surrounding municipalities and GPs" in line.reason_en


def test_the_seed_organisations_are_the_ones_on_their_go_lives(content):
    organisations = {
        "st-olavs-hospital": ["St. Olavs hospital HF"],
        "trondheim-kommune": ["Trondheim kommune"],
        "helse-nord-trondelag": ["Helse Nord-Trøndelag HF"],
        "helse-more-og-romsdal": ["Helse Møre og Romsdal HF"],
        "to-fastlegekontor-i-trondheim": [],  # the seed does not say which offices
    }
    for slug, names in organisations.items():
        milestone = Milestone.objects.get(slug=slug)
        assert sorted(milestone.organisations.values_list("name", flat=True)) == names


def test_every_plan_line_cites_a_source_the_content_declares(content):
    declared = {(source["url"], source["title"]) for source in SOURCES.values()}
    plans = DateEntry.objects.filter(kind__in=[DateEntry.Kind.ORIGINAL, DateEntry.Kind.REVISION])

    assert plans.count() > 20
    for line in plans:
        assert (line.source_url, line.source_title) in declared, line


def test_an_original_plan_from_the_seed_is_never_cited_as_the_later_version(content):
    later = SOURCES["timeline_later"]
    assert (
        later["title"] != SEED["title"]
    )  # same address, a later version: the title tells them apart
    assert not DateEntry.objects.filter(
        kind=DateEntry.Kind.ORIGINAL, source_title=later["title"]
    ).exists()
    for slug in REVISED_PHASES:
        (revision,) = Phase.objects.get(slug=slug).date_entries.all()
        assert revision.kind == DateEntry.Kind.REVISION
        assert revision.source_title == later["title"]


@pytest.mark.parametrize(("slug", "period"), SEED_PERIODS.items())
def test_each_phase_keeps_the_seed_page_period_as_its_original_plan(content, slug, period):
    assert str(Phase.objects.get(slug=slug).period) == period


@pytest.mark.parametrize("slug", ["trondheim-kommune", "st-olavs-hospital"])
def test_the_organisation_page_cites_the_seed_page_for_the_original_plan(
    client, content, clock, slug
):
    html = client.get(f"/virksomheter/{slug}/").content.decode()

    original = html.split('class="history__entry history__entry--original"')[1].split("</li>")[0]
    assert (
        f'<a href="{SEED["url"]}" hreflang="nb"><span lang="nb">{SEED["title"]}</span></a>'
        in original
    )


@pytest.mark.parametrize(
    ("prefix", "revised", "original", "text"),
    [
        (
            "",
            "Revidert plan:",
            "Opprinnelig plan, slik den første versjonen av tidslinjesiden oppga den:",
            "Teksten om fasen beskriver den opprinnelige planen.",
        ),
        (
            "/nn",
            "Revidert plan:",
            "Opphavleg plan, slik den første versjonen av tidslinjesida oppgav han:",
            "Teksten om fasen skildrar den opphavlege planen.",
        ),
        (
            "/en",
            "Revised plan:",
            "Original plan, as the first version of the timeline page gave it:",
            "The text about the phase describes the original plan.",
        ),
    ],
)
@pytest.mark.parametrize("page", ["timeline", "phase"])
def test_the_revised_phases_say_which_plan_each_period_is(
    client, content, clock, prefix, revised, original, text, page
):
    later = SOURCES["timeline_later"]
    timeline = client.get(f"{prefix}/").content.decode()
    for slug in SEED_PERIODS:
        if page == "timeline":
            part = timeline.split(f'id="{slug}"')[1].split("</li>")[0]
        else:
            part = client.get(f"{prefix}/fase/{slug}/").content.decode().split('id="datoer"')[0]
        if slug in REVISED_PHASES:
            assert f'<span class="plan-label">{revised}</span>' in part, slug
            assert original in part, slug
            assert text in part, slug
            assert (
                f'<a href="{later["url"]}" hreflang="nb"><span lang="nb">{later["title"]}</span></a>'
                in part
            )
        else:
            assert revised not in part, slug
            assert original not in part, slug


def test_the_original_plan_of_a_revised_phase_is_marked_up_at_its_precision(client, content, clock):
    part = client.get("/").content.decode().split('id="spesifiseringsfase"')[1].split("</li>")[0]

    # "august 2019–januar 2020" crosses a new year: no <time> that would claim more.
    assert re.search(r"oppga den: august 2019–januar 2020\.", part)


def test_the_real_content_ships_no_impact_window_because_the_sources_give_none(
    content, client, clock
):
    fields = [
        f"{field}_{lang}"
        for field in ("impact_period", "impact_unaffected", "impact_contact")
        for lang in ("nb", "nn", "en")
    ]
    for milestone in Milestone.objects.all():
        assert not any(getattr(milestone, name) for name in fields), milestone.slug
    assert 'class="impact"' not in client.get("/fase/produksjonssetting/").content.decode()
