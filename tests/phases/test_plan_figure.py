"""The geometry of the figure "first announced vs now" (phases/plan_figure.py), table-driven."""

import doctest

import pytest

from phases import plan_figure
from phases.periods import Period
from phases.plan_figure import MAX_ROWS, MIN_BAR, ROW_HEIGHT, State, Wave, state_of
from phases.status import Dates, Entry, Kind, summarise


def dates(*history):
    """Summarise a history written as (kind, period text or None) pairs."""
    return summarise(
        Entry(Kind(kind), Period.parse(text) if text else None) for kind, text in history
    )


def test_the_module_doctest_holds():
    assert doctest.testmod(plan_figure).failed == 0


@pytest.mark.parametrize(
    ("history", "state"),
    [
        ([("original", "høst 2021"), ("actual", "7. mai 2022")], State.HAPPENED),
        ([("original", "2022"), ("revision", "9. november 2024")], State.REVISED),
        ([("original", "12. november 2022")], State.AS_FIRST_PLANNED),
        # A revision that repeats the first plan is not a new plan.
        ([("original", "april 2025"), ("revision", "april 2025")], State.AS_FIRST_PLANNED),
        (
            [("original", "høst 2021"), ("revision", "30. april 2022"), ("unsettled", None)],
            State.NO_DATE,
        ),
        (
            [("original", "høst 2021"), ("unsettled", None), ("actual", "7. mai 2022")],
            State.HAPPENED,
        ),
        ([], State.NO_DATE),
    ],
)
def test_each_wave_gets_the_state_its_history_says(history, state):
    assert state_of(dates(*history)) == state


def test_the_axis_runs_from_the_first_year_shown_to_the_end_of_the_last():
    figure = plan_figure.plan_figure(
        [
            Wave(item=1, dates=dates(("original", "høst 2021"), ("actual", "7. mai 2022"))),
            Wave(item=2, dates=dates(("original", "april 2026"))),
        ]
    )

    assert [tick.year for tick in figure.ticks] == [2021, 2022, 2023, 2024, 2025, 2026, 2027]
    assert figure.ticks[0].x == plan_figure.MARGIN
    assert figure.ticks[-1].x == plan_figure.WIDTH - plan_figure.MARGIN
    xs = [tick.x for tick in figure.ticks]
    assert xs == sorted(xs)


def test_a_later_date_is_drawn_to_the_right_of_the_first_plan():
    figure = plan_figure.plan_figure(
        [Wave(item="hnt", dates=dates(("original", "2022"), ("revision", "9. november 2024")))]
    )
    row = figure.rows[0]

    assert row.now_bar.x > row.first_bar.x + row.first_bar.width
    # A whole year is a wide bar; a single day is never narrower than MIN_BAR.
    assert row.first_bar.width > 80
    assert row.now_bar.width == MIN_BAR


@pytest.mark.parametrize(
    ("history", "moves", "months", "later_by", "earlier_by"),
    [
        # From the slip when the date was revised (Slip.months, never re-derived here).
        ([("original", "høst 2021"), ("actual", "7. mai 2022")], 1, 6, 6, 0),
        # Never revised: the months between the first plan and what holds now.
        ([("original", "11. februar 2023"), ("actual", "11. februar 2023")], None, None, 0, 0),
        ([("original", "mai 2024"), ("actual", "april 2024")], None, None, 0, 1),
    ],
)
def test_a_row_carries_the_slip_or_the_months_from_the_first_plan(
    history, moves, months, later_by, earlier_by
):
    row = plan_figure.plan_figure(
        [Wave(item="x", dates=dates(*history), moves=moves, months=months)]
    ).rows[0]

    assert (row.later_by, row.earlier_by) == (later_by, earlier_by)
    assert row.moves == (moves or 0)


def test_a_wave_without_a_date_now_has_no_bar_for_it():
    row = plan_figure.plan_figure(
        [Wave(item="gp", dates=dates(("original", "høst 2021"), ("unsettled", None)))]
    ).rows[0]

    assert row.first_bar is not None
    assert row.now_bar is None
    assert row.now is None
    assert row.months is None


def test_an_open_ended_period_is_drawn_from_its_first_day_only():
    row = plan_figure.plan_figure(
        [Wave(item="hnt", dates=dates(("original", "fra høst 2022")))]
    ).rows[0]

    assert row.first_bar.width == MIN_BAR


def test_rows_are_stacked_in_the_order_given():
    waves = [Wave(item=i, dates=dates(("original", f"{2022 + i}"))) for i in range(3)]
    figure = plan_figure.plan_figure(waves)

    assert [row.item for row in figure.rows] == [0, 1, 2]
    assert [row.top for row in figure.rows] == [0, ROW_HEIGHT, 2 * ROW_HEIGHT]
    assert figure.axis_y == 3 * ROW_HEIGHT
    assert figure.height > figure.axis_y
    assert not figure.truncated


def test_the_figure_never_draws_more_than_its_fixed_number_of_rows():
    waves = [Wave(item=i, dates=dates(("original", "2024"))) for i in range(MAX_ROWS + 1)]

    figure = plan_figure.plan_figure(waves)

    assert len(figure.rows) == MAX_ROWS
    assert figure.truncated


def test_every_bar_stays_inside_the_figure():
    figure = plan_figure.plan_figure(
        [
            Wave(item=1, dates=dates(("original", "31. desember 2030"))),
            Wave(item=2, dates=dates(("original", "1. januar 2020"))),
        ]
    )
    for row in figure.rows:
        for bar in (row.first_bar, row.now_bar):
            assert bar.x >= plan_figure.MARGIN
            assert bar.x + bar.width <= plan_figure.WIDTH - plan_figure.MARGIN + 0.1


def test_waves_without_any_date_make_an_empty_figure():
    figure = plan_figure.plan_figure([Wave(item=1, dates=Dates())])

    assert figure.rows == []
    assert figure.height == 0


def test_waves_of_reads_the_milestones_dates_and_slip():
    class Milestone:
        dates = dates(("original", "høst 2021"), ("revision", "30. april 2022"))

        @property
        def slip(self):
            from phases.slip import slip_of

            return slip_of(
                [
                    Entry(Kind.ORIGINAL, Period.parse("høst 2021")),
                    Entry(Kind.REVISION, Period.parse("30. april 2022")),
                ]
            )

    milestone = Milestone()
    (wave,) = plan_figure.waves_of([milestone])

    assert wave.item is milestone
    assert (wave.moves, wave.months) == (1, 5)
