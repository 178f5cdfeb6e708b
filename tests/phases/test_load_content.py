"""load_content ships the seed and the facts, and running it again changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from phases.management.commands.load_content import norwegian_slug
from phases.models import DateEntry, Milestone, Organisation, Phase
from phases.periods import Period
from phases.status import Status
from tests.conftest import TODAY
from tests.phases.factories import make_phase

pytestmark = pytest.mark.django_db

# Every organisation of rollout-facts.md §4, with its county.
TRONDELAG = """Trondheim Åfjord Indre_Fosen Ørland Holtålen Røros Verdal Levanger Rindal Rennebu
Melhus Tydal Selbu Oppdal Midtre_Gauldal Skaun Heim Hitra Frøya Leka Namsskogan Nærøysund Lierne
Osen Overhalla Grong Høylandet Røyrvik Flatanger Namsos Stjørdal Meråker Frosta Steinkjer Inderøy
Snåsa Malvik Orkland"""
MORE_OG_ROMSDAL = """Kristiansund Hustadvika Molde Rauma Aukra Vestnes Fjord Sula Vanylven Smøla
Averøy Aure Surnadal Sunndal Tingvoll Gjemnes Ulstein Volda Herøy Sykkylven Stranda Hareid Sande
Ørsta Giske"""
EXPECTED = {
    **{f"{n.replace('_', ' ')} kommune": "trondelag" for n in TRONDELAG.split()},
    **{f"{n.replace('_', ' ')} kommune": "more-og-romsdal" for n in MORE_OG_ROMSDAL.split()},
    "Os kommune": "innlandet",
    "Bindal kommune": "nordland",
    "St. Olavs hospital HF": "trondelag",
    "Helse Nord-Trøndelag HF": "trondelag",
    "Helse Møre og Romsdal HF": "more-og-romsdal",
}
# The municipalities of the two counties that no announced wave names (phases/content/directory.json).
OUTSIDE_THE_WAVES = {"Ålesund kommune": "more-og-romsdal", "Haram kommune": "more-og-romsdal"}


def load(*args):
    out = StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Phase, Milestone, Organisation, DateEntry)] + [
        m.history.count() for m in (Phase, Milestone, Organisation, DateEntry)
    ]


def go_live_of(name):
    # What load_content creates is published from the moment it ran.
    organisation = Organisation.objects.with_go_lives(at=timezone.now()).get(name=name)
    return organisation.go_live


def test_it_loads_the_seven_phases_in_order_with_their_original_periods():
    load()
    phases = list(Phase.objects.all())
    assert [p.title_nb for p in phases][:2] == ["Forberedelsesfase", "Spesifiseringsfase"]
    assert [p.period.format("nb") for p in phases] == [
        "april–august 2019",
        "august 2019–januar 2020",
        "januar–august 2020",
        "januar–sommer 2021",
        "august–november 2021",
        "fra høst 2021",
        "fra 2021",
    ]
    assert phases[0].title_nn == "Førebuingsfase"
    assert phases[6].title_nb == "Én journal for hele helsetjenesten i Midt-Norge"
    assert all(p.title_nn and p.title_en and p.body_nn and p.body_en for p in phases)


def test_it_fixes_the_typos_of_the_seed():
    load()
    text = " ".join(p.body_nb + p.title_nb for p in Phase.objects.all())
    for typo in (
        "innførinsgprosjektet",
        "prinspippene",
        "medpasientportal",
        "produsksjonssetting",
        "utrullling",
        "Èn journal",
        "forgår",
    ):
        assert typo not in text


def test_it_records_the_revised_phase_boundaries_with_their_source():
    load()
    for slug, revised in [
        ("spesifiseringsfase", "august–november 2019"),
        ("utviklingsfase", "november 2019–høst 2020"),
        ("test-og-godkjenningsfase", "januar–desember 2021"),
    ]:
        phase = Phase.objects.get(slug=slug)
        assert phase.dates.planned == Period.parse(revised)
        entry = phase.date_entries.get()
        assert entry.source_url == "https://helseplattformen.no/tidslinje-innforing/"
        assert entry.reason_nn and entry.reason_en


def test_every_organisation_of_the_go_live_waves_is_there_with_its_county():
    load()
    loaded = dict(Organisation.objects.values_list("name", "county"))
    assert loaded == EXPECTED | OUTSIDE_THE_WAVES


def test_st_olavs_went_live_on_12_november_2022_as_stolav_no_reported():
    load()
    go_live = go_live_of("St. Olavs hospital HF")
    assert go_live.dates.actual == Period.parse("12. november 2022")
    actual = go_live.date_entries.get(kind="actual")
    assert actual.source_url == "https://stolav.no/nyheter/2022/helseplattformen-er-tatt-i-bruk/"


def test_trondheim_kommune_went_live_on_7_may_2022_after_two_changes_of_plan():
    load()
    go_live = go_live_of("Trondheim kommune")
    assert go_live.dates.actual == Period.parse("7. mai 2022")
    assert go_live.dates.original == Period.parse("høst 2021")
    assert list(go_live.date_entries.values_list("kind", flat=True)) == [
        "original",
        "revision",
        "unsettled",
        "actual",
    ]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Trondheim kommune", Status.DONE),
        ("St. Olavs hospital HF", Status.DONE),
        ("Levanger kommune", Status.DONE),
        ("Rauma kommune", Status.DONE),
        ("Fjord kommune", Status.UNCONFIRMED),
        ("Kristiansund kommune", Status.UNCONFIRMED),
        ("Helse Nord-Trøndelag HF", Status.UNCONFIRMED),
        ("Helse Møre og Romsdal HF", Status.UNCONFIRMED),
        ("Os kommune", Status.UNCONFIRMED),
        ("Orkland kommune", Status.UNCONFIRMED),
    ],
)
def test_only_reported_go_lives_are_done(name, status):
    load()
    assert go_live_of(name).status_on(TODAY) == status


def test_helse_nord_trondelag_keeps_every_date_it_was_given():
    load()
    go_live = go_live_of("Helse Nord-Trøndelag HF")
    periods = [e.period.format("nb") for e in go_live.date_entries.all()]
    assert periods == ["2022", "fra høst 2022", "4. november 2023", "9. november 2024"]
    decided = go_live.date_entries.get(period=Period.parse("4. november 2023"))
    assert (decided.decided_on, decided.decided_on_precision) == (
        datetime.date(2023, 1, 1),
        "month",
    )


def test_the_unnamed_gp_offices_are_a_milestone_without_invented_organisations():
    load()
    milestone = Milestone.objects.get(slug="to-fastlegekontor-i-trondheim")
    assert not milestone.organisations.exists()
    assert "uten å si hvilke" in milestone.description_nb
    assert not Organisation.objects.filter(kind="fastlegekontor").exists()


def test_it_publishes_what_it_creates():
    load()
    assert not Phase.objects.filter(publish_at=None).exists()
    assert not Organisation.objects.filter(publish_at=None).exists()


def test_running_it_twice_changes_nothing_not_even_the_history():
    load()
    before = counts()
    output = load()
    assert counts() == before
    assert "0 created, 0 updated, 7 unchanged" in output


def test_it_restores_a_changed_text_and_leaves_editors_entries_alone():
    load()
    phase = Phase.objects.get(slug="forberedelsesfase")
    phase.title_en = "Changed"
    phase.save()
    extra = DateEntry(phase=phase, kind="revision", reason_nb="Redaktørens egen")
    extra.period = Period.parse("2020")
    extra.save()
    load()
    phase.refresh_from_db()
    assert phase.title_en == "Preparation phase"
    assert DateEntry.objects.filter(pk=extra.pk).exists()


def test_if_empty_loads_nothing_into_a_database_with_content():
    make_phase()
    assert "nothing loaded" in load("--if-empty")
    assert Phase.objects.count() == 1


def test_if_empty_loads_an_empty_database():
    load("--if-empty")
    assert Phase.objects.count() == 7


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ørland kommune", "orland-kommune"),
        ("Nærøysund kommune", "naeroysund-kommune"),
        ("Åfjord kommune", "afjord-kommune"),
    ],
)
def test_slugs_keep_norwegian_letters_readable(name, slug):
    assert norwegian_slug(name) == slug
