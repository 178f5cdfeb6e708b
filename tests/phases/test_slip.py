"""How far a date slipped, from its history: the rule table and the sentence on the pages."""

import pytest

from phases import slip as slip_module
from phases.periods import Period
from phases.slip import Slip, slip_of
from phases.status import Entry, Kind


def history(*entries):
    return [Entry(Kind(kind), Period.parse(text) if text else None) for kind, text in entries]


@pytest.mark.parametrize(
    "entries, expected",
    [
        # Never revised: nothing to say.
        ([("original", "9. november 2024")], None),
        ([("original", "høst 2021"), ("actual", "høst 2021")], None),
        # Trondheim kommune: one move, then unsettled, then what happened.
        (
            [
                ("original", "høst 2021"),
                ("revision", "30. april 2022"),
                ("unsettled", None),
                ("actual", "7. mai 2022"),
            ],
            Slip(moves=1, months=6),
        ),
        # Helse Nord-Trøndelag: two moves.
        (
            [
                ("original", "høst 2022"),
                ("revision", "4. november 2023"),
                ("revision", "9. november 2024"),
            ],
            Slip(moves=2, months=24),
        ),
        # A revision that repeats the plan is not a move.
        (
            [("original", "april 2023"), ("revision", "april 2023")],
            Slip(moves=0, months=0),
        ),
        # Brought forward.
        (
            [("original", "oktober 2025"), ("revision", "april 2025")],
            Slip(moves=1, months=-6),
        ),
        # After "unsettled", a new date is a move from the last plan announced.
        (
            [("original", "mai 2024"), ("unsettled", None), ("revision", "mai 2025")],
            Slip(moves=1, months=12),
        ),
        # Overlapping the first plan: within it.
        ([("original", "2023"), ("revision", "april 2023")], Slip(moves=1, months=0)),
        # An original plan found later and recorded after the revisions still comes first.
        (
            [("revision", "høst 2023"), ("revision", "3. november 2023"), ("original", "2022")],
            Slip(moves=2, months=11),
        ),
        # Unsettled with no new date: nothing holds now.
        ([("original", "mai 2024"), ("unsettled", None)], None),
    ],
)
def test_it_counts_moves_and_months_from_the_first_announced_plan(entries, expected):
    assert slip_of(history(*entries)) == expected


def test_its_examples_hold():
    import doctest

    failures, tried = doctest.testmod(slip_module)
    assert tried and not failures


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, sentence",
    [
        (
            "/virksomheter/helse-nord-trondelag/",
            "Flyttet 3 ganger, 23 måneder senere enn først kunngjort.",
        ),
        (
            "/nn/virksomheter/helse-nord-trondelag/",
            "Flytta 3 gonger, 23 månader seinare enn først kunngjort.",
        ),
        (
            "/en/virksomheter/trondheim-kommune/",
            "Moved 1 time, 6 months later than first announced.",
        ),
    ],
)
def test_a_revised_go_live_shows_its_slip(client, content, path, sentence):
    assert sentence in client.get(path).content.decode()


@pytest.mark.django_db
def test_the_go_live_phase_no_longer_presents_the_first_plan_as_current(client, content):
    for path in ("/", "/fase/produksjonssetting/"):
        page = client.get(path).content.decode()
        assert "Først ute er St. Olavs hospital" not in page
    page = client.get("/fase/produksjonssetting/").content.decode()
    assert "Slik var det planlagt i den opprinnelige planen" in page
    assert "Trondheim kommune tok Helseplattformen i bruk 7. mai 2022" in page


@pytest.mark.django_db
def test_kristiansund_has_its_original_plan_from_the_first_page_and_shows_its_slip(client, content):
    from phases.models import DateEntry

    original = DateEntry.objects.get(milestone__slug="kristiansund-kommune", kind="original")
    assert original.source_url == "https://helseplattformen.no/tidslinje-innforing/"
    page = client.get("/virksomheter/kristiansund-kommune/").content.decode()
    assert "Flyttet 2 ganger, 11 måneder senere enn først kunngjort." in page
