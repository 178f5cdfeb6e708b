"""Status is derived from the date history and a day; the tests pass the day in."""

import datetime

import pytest

from helseplattform.local_time import local_day
from phases.periods import Period
from phases.status import (
    Dates,
    Entry,
    Kind,
    Status,
    current_index,
    milestone_status,
    phase_status,
    summarise,
)

D = datetime.date


def dates(*entries, original=None):
    return summarise(
        [Entry(Kind(kind), Period.parse(text) if text else None) for kind, text in entries],
        original=Period.parse(original) if original else None,
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2019, 3, 31), Status.UPCOMING),  # the day before
        (D(2019, 4, 1), Status.UNDER_WAY),  # first day
        (D(2019, 8, 31), Status.UNDER_WAY),  # last day
        (D(2019, 9, 1), Status.DONE),  # the day after
    ],
)
def test_a_phase_is_under_way_from_its_first_to_its_last_day(day, expected):
    assert phase_status(dates(original="april–august 2019"), day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2021, 8, 31), Status.UPCOMING),
        (D(2021, 9, 1), Status.UNDER_WAY),
        (D(2099, 12, 31), Status.UNDER_WAY),
    ],
)
def test_an_open_ended_phase_never_ends(day, expected):
    assert phase_status(dates(original="fra høst 2021"), day) == expected


def test_a_revised_phase_takes_its_status_from_the_newest_plan():
    revised = dates(("revision", "januar–desember 2021"), original="januar–sommer 2021")
    assert phase_status(revised, D(2021, 10, 1)) == Status.UNDER_WAY
    assert revised.original == Period.parse("januar–sommer 2021")
    assert revised.planned == Period.parse("januar–desember 2021")
    assert revised.original_differs


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 11, 8), Status.UPCOMING),
        (D(2024, 11, 9), Status.UNDER_WAY),
        (D(2024, 11, 10), Status.UNCONFIRMED),
    ],
)
def test_a_go_live_whose_planned_day_passed_without_a_report_is_unconfirmed(day, expected):
    assert milestone_status(dates(("original", "9. november 2024")), day) == expected


@pytest.mark.parametrize("day", [D(2022, 5, 7), D(2022, 5, 8), D(2030, 1, 1)])
def test_a_go_live_is_done_only_from_its_actual_date(day):
    history = dates(("original", "høst 2021"), ("actual", "7. mai 2022"))
    assert milestone_status(history, day) == Status.DONE


def test_an_actual_date_is_never_taken_for_done_before_it_happens():
    history = dates(("original", "høst 2021"), ("actual", "7. mai 2022"))
    assert milestone_status(history, D(2022, 5, 6)) == Status.UPCOMING


def test_a_plan_that_is_no_longer_settled_has_no_known_date():
    history = dates(("original", "høst 2021"), ("revision", "30. april 2022"), ("unsettled", None))
    assert history.planned is None
    assert milestone_status(history, D(2026, 11, 25)) == Status.DATE_UNKNOWN


def test_a_revision_never_loses_the_original_plan():
    history = dates(
        ("original", "2022"),
        ("revision", "fra høst 2022"),
        ("revision", "4. november 2023"),
        ("revision", "9. november 2024"),
    )
    assert history.original == Period.parse("2022")
    assert history.planned == Period.parse("9. november 2024")
    assert history.changed


def test_the_newest_plan_wins_even_when_it_is_earlier_than_the_one_before():
    history = dates(("original", "2025"), ("revision", "2024"))
    assert history.planned == Period.parse("2024")


def test_an_unchanged_plan_does_not_show_an_original():
    assert not dates(("original", "2022")).original_differs
    assert not Dates().original_differs


def test_the_current_phase_is_the_first_under_way():
    statuses = [Status.DONE, Status.UNDER_WAY, Status.UNDER_WAY, Status.UPCOMING]
    assert current_index(statuses) == 1
    assert current_index([Status.DONE, Status.UPCOMING]) is None


def test_a_phase_starts_at_midnight_in_oslo_not_in_utc():
    autumn = dates(original="fra høst 2021")
    late_evening_utc = datetime.datetime(2021, 8, 31, 22, 30, tzinfo=datetime.UTC)
    assert phase_status(autumn, local_day(late_evening_utc)) == Status.UNDER_WAY
    before_midnight_in_oslo = datetime.datetime(2021, 8, 31, 21, 59, tzinfo=datetime.UTC)
    assert phase_status(autumn, local_day(before_midnight_in_oslo)) == Status.UPCOMING
