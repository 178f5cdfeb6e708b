"""The timeline's figure "first announced vs now", one row per go-live wave: its geometry.

Pure Python (no Django, no ORM): the rows come from the milestones' date histories
as ``phases.status`` summarises them (``Dates``: the original plan, the plan now,
what happened) and the slip ``phases.slip`` computes; nothing is derived again here.
This module only places them on a shared time axis, in the coordinates of the SVG
viewBox the template draws (``templates/phases/_plan_figure.html``):

- the x axis runs from 1 January of the earliest year shown to 1 January after the
  latest, one tick per year;
- each period is a bar from its first to its last day, never narrower than
  ``MIN_BAR`` (a single day would vanish); an open-ended period ("fra høst 2022")
  has no last day and is drawn from its first day only, as the text says;
- a row without a first plan or without a date now (the plan no longer holds) has
  no bar for it: its text label says so, never a bar that pretends.

The figure is bounded: at most ``MAX_ROWS`` rows, and ``truncated`` says when
there were more, so the page costs the same however many waves there are.

>>> from phases.periods import Period
>>> from phases.status import Dates
>>> wave = Wave(
...     item="trondheim",
...     dates=Dates(
...         original=Period.parse("høst 2021"),
...         planned=None,
...         actual=Period.parse("7. mai 2022"),
...         changed=True,
...     ),
...     moves=1,
...     months=6,
... )
>>> figure = plan_figure([wave])
>>> [tick.year for tick in figure.ticks]
[2021, 2022, 2023]
>>> row = figure.rows[0]
>>> row.state, row.first_bar.x < row.now_bar.x
(<State.HAPPENED: 'happened'>, True)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from phases.periods import Period
from phases.slip import months_between
from phases.status import Dates

# Rows drawn at most: the real rollout has some fifteen waves; more would not fit a phone.
MAX_ROWS = 16

# The SVG viewBox, in user units. Narrow, so that the labels stay legible on a phone
# (390 px wide) when the figure scales to the page; the CSS caps its width on a desktop.
WIDTH = 400
MARGIN = 8
ROW_HEIGHT = 50
LABEL_BASELINE = 13  # the row's first text line (the wave), from the top of the row
STATE_BASELINE = 27  # its second text line (what holds now)
FIRST_BAR_TOP = 32  # the first announced plan, under the label
NOW_BAR_TOP = 41  # the date now, under the first plan
BAR_HEIGHT = 7
AXIS_HEIGHT = 24  # the year labels under the rows
MIN_BAR = 4.0


class State(StrEnum):
    """What holds now for a wave, as the row's text label says it."""

    HAPPENED = "happened"  # an actual date is recorded
    REVISED = "revised"  # a plan other than the first one holds
    AS_FIRST_PLANNED = "as_first_planned"  # the first plan still holds
    NO_DATE = "no_date"  # the plan no longer holds and no new date is known


@dataclass(frozen=True)
class Wave:
    """One go-live wave as its date history says it: the figure's input.

    ``item`` is handed back on the row untouched (the template links the milestone).
    ``moves`` and ``months`` are the slip (``phases.slip.Slip``), or None when the
    date was never revised.
    """

    item: object
    dates: Dates
    moves: int | None = None
    months: int | None = None


@dataclass(frozen=True)
class Bar:
    x: float
    width: float


@dataclass(frozen=True)
class Tick:
    year: int
    x: float


@dataclass(frozen=True)
class Row:
    item: object
    top: float
    first: Period | None
    now: Period | None
    state: State
    moves: int
    months: int | None  # from the first plan to now; None when one of them is missing
    first_bar: Bar | None
    now_bar: Bar | None

    @property
    def label_y(self) -> float:
        return self.top + LABEL_BASELINE

    @property
    def state_y(self) -> float:
        return self.top + STATE_BASELINE

    @property
    def first_y(self) -> float:
        return self.top + FIRST_BAR_TOP

    @property
    def now_y(self) -> float:
        return self.top + NOW_BAR_TOP

    @property
    def later_by(self) -> int:
        return self.months if self.months and self.months > 0 else 0

    @property
    def earlier_by(self) -> int:
        return -self.months if self.months and self.months < 0 else 0


@dataclass(frozen=True)
class Figure:
    rows: list[Row]
    ticks: list[Tick]
    width: int
    height: int
    axis_y: float
    truncated: bool  # more waves than rows drawn
    bar_height: int = BAR_HEIGHT


def state_of(dates: Dates) -> State:
    """Return what holds now for a wave, read from its summarised dates."""
    if dates.actual is not None:
        return State.HAPPENED
    if dates.planned is None:
        return State.NO_DATE
    if dates.changed and dates.planned != dates.original:
        return State.REVISED
    return State.AS_FIRST_PLANNED


def _span(period: Period) -> tuple[datetime.date, datetime.date]:
    return period.first_day(), period.last_day() or period.first_day()


def plan_figure(waves: Iterable[Wave], *, max_rows: int = MAX_ROWS) -> Figure:
    """Return the figure's rows and axis for at most ``max_rows`` waves, in the order given."""
    waves = list(waves)
    truncated = len(waves) > max_rows
    waves = waves[:max_rows]
    periods = [
        period for wave in waves for period in (wave.dates.original, wave.dates.shown) if period
    ]
    height = len(waves) * ROW_HEIGHT + AXIS_HEIGHT
    if not periods:
        return Figure(rows=[], ticks=[], width=WIDTH, height=0, axis_y=0, truncated=truncated)
    first_year = min(_span(period)[0] for period in periods).year
    last_year = max(_span(period)[1] for period in periods).year
    axis_start = datetime.date(first_year, 1, 1)
    axis_end = datetime.date(last_year + 1, 1, 1)
    scale = (WIDTH - 2 * MARGIN) / (axis_end - axis_start).days

    def x_of(day: datetime.date) -> float:
        return round(MARGIN + (day - axis_start).days * scale, 1)

    def bar_of(period: Period | None) -> Bar | None:
        if period is None:
            return None
        first, last = _span(period)
        x = x_of(first)
        # The last day is drawn to its end; a bar never runs past the axis.
        width = max(x_of(last + datetime.timedelta(days=1)) - x, MIN_BAR)
        return Bar(x=min(x, WIDTH - MARGIN - MIN_BAR), width=round(width, 1))

    rows = []
    for index, wave in enumerate(waves):
        first, now = wave.dates.original, wave.dates.shown
        months = wave.months
        if months is None and first is not None and now is not None:
            months = months_between(first, now)
        rows.append(
            Row(
                item=wave.item,
                top=index * ROW_HEIGHT,
                first=first,
                now=now,
                state=state_of(wave.dates),
                moves=wave.moves or 0,
                months=months,
                first_bar=bar_of(first),
                now_bar=bar_of(now),
            )
        )
    ticks = [
        Tick(year=year, x=x_of(datetime.date(year, 1, 1)))
        for year in range(first_year, last_year + 2)
    ]
    return Figure(
        rows=rows,
        ticks=ticks,
        width=WIDTH,
        height=height,
        axis_y=len(waves) * ROW_HEIGHT,
        truncated=truncated,
    )


def waves_of(milestones: Sequence[object]) -> list[Wave]:
    """Return the figure's input from milestones (their ``dates`` and ``slip``, prefetched)."""
    waves = []
    for milestone in milestones:
        slip = milestone.slip
        waves.append(
            Wave(
                item=milestone,
                dates=milestone.dates,
                moves=slip.moves if slip else None,
                months=slip.months if slip else None,
            )
        )
    return waves
