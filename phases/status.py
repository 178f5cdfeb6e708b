"""Status of a phase or a go-live, derived from its date history and a day.

Status is never stored: it changes with the calendar, not with an edit. Everything
here is pure Python (no Django) and takes the day as an argument, so the tests
control the clock and the views decide what "today" is
(``helseplattform.local_time.local_day``).

The date history is a list of entries in the order they were recorded; each is a
kind and a period (see ``Kind``). From it:

- the *original* plan is the first plan entry;
- the *planned* period is the newest plan or revision; an "unsettled" entry after
  it means the planned date no longer holds and no new one is known;
- the *actual* period is the newest "actual" entry.

The words matter more than the logic. A plan is never "done": a go-live is done
only when an actual date is recorded. When its planned date has passed without
one, the honest status is "planned date passed, not confirmed":

>>> from phases.periods import Period
>>> import datetime
>>> history = [Entry(Kind.ORIGINAL, Period.parse("9. november 2024"))]
>>> milestone_status(summarise(history), datetime.date(2026, 11, 25))
<Status.UNCONFIRMED: 'unconfirmed'>

A phase, on the other hand, is a stretch of work and not an event anyone reports:
it counts as done once its (planned or actual) period is over.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from phases.periods import Period

__all__ = [
    "Dates",
    "Entry",
    "Kind",
    "Shown",
    "Status",
    "current_index",
    "milestone_status",
    "phase_status",
    "shown_of",
    "shown_status",
    "summarise",
]


class Kind(StrEnum):
    """What an entry of a date history records. The model's choices use these values."""

    ORIGINAL = "original"  # the plan as first published
    REVISION = "revision"  # a new planned period, replacing the previous one
    UNSETTLED = "unsettled"  # the planned date no longer holds; no new date decided
    ACTUAL = "actual"  # what happened, reported by a source


class Status(StrEnum):
    DONE = "done"
    UNDER_WAY = "under_way"
    UPCOMING = "upcoming"
    UNCONFIRMED = "unconfirmed"  # planned date passed, nothing reported
    DATE_UNKNOWN = "date_unknown"  # no planned date holds, nothing reported


@dataclass(frozen=True)
class Entry:
    """One entry of a date history: a kind and its period (None for UNSETTLED)."""

    kind: Kind
    period: Period | None


@dataclass(frozen=True)
class Dates:
    """What a date history says: the original plan, the plan now, what happened."""

    original: Period | None = None
    planned: Period | None = None
    actual: Period | None = None
    changed: bool = False  # True when any revision or unsettled entry was recorded

    @property
    def shown(self) -> Period | None:
        """The period to show first: what happened if known, else the plan."""
        return self.actual or self.planned

    @property
    def original_differs(self) -> bool:
        """True when the original plan is worth showing beside the current one."""
        return self.changed and self.original is not None and self.original != self.shown


def summarise(entries: Iterable[Entry], *, original: Period | None = None) -> Dates:
    """Return the original, planned and actual periods of a history in recorded order.

    ``original`` is the plan to start from when the history has no ORIGINAL entry
    (a phase keeps its original period on itself).
    """
    planned = original
    actual = None
    changed = False
    for entry in entries:
        if entry.kind == Kind.ORIGINAL:
            if original is None:
                original = entry.period
            if not changed:
                planned = entry.period
        elif entry.kind == Kind.REVISION:
            planned = entry.period
            changed = True
        elif entry.kind == Kind.UNSETTLED:
            planned = None
            changed = True
        elif entry.kind == Kind.ACTUAL:
            actual = entry.period
    return Dates(original=original, planned=planned, actual=actual, changed=changed)


def phase_status(dates: Dates, day: datetime.date) -> Status:
    """Return a phase's status on the given day: over, started or not yet."""
    period = dates.shown
    if period is None:
        return Status.DATE_UNKNOWN
    if period.is_over(day):
        return Status.DONE
    if period.has_started(day):
        return Status.UNDER_WAY
    return Status.UPCOMING


def milestone_status(dates: Dates, day: datetime.date) -> Status:
    """Return a milestone's status on the given day; done only with an actual date."""
    if dates.actual is not None:
        return Status.DONE if dates.actual.has_started(day) else Status.UPCOMING
    if dates.planned is None:
        return Status.DATE_UNKNOWN
    if dates.planned.is_over(day):
        return Status.UNCONFIRMED
    if dates.planned.has_started(day):
        return Status.UNDER_WAY
    return Status.UPCOMING


@dataclass(frozen=True)
class Shown:
    """What a milestone's status needs from its dates, small enough to store on the milestone.

    The days of the shown period (``Dates.shown``) and whether it is what happened
    or a plan. ``Milestone`` keeps these in columns (recomputed whenever a published
    line of its history changes), so the database can filter by status and date
    (``phases.status_query``); ``shown_status`` is the rule on them, the same as
    ``milestone_status`` on the whole history.
    """

    first_day: datetime.date | None = None  # None: no planned date holds, nothing reported
    last_day: datetime.date | None = None  # None: open-ended (or no period)
    is_actual: bool = False
    # The precision ranks that break ties in ``Period.sort_key``, as one number, so the
    # database orders two go-lives as ``Organisation.go_live`` does.
    rank: int = 0


def shown_of(dates: Dates) -> Shown:
    """Return the stored form of a history's shown period."""
    period = dates.shown
    if period is None:
        return Shown()
    _first, _last, start_rank, end_rank = period.sort_key()
    return Shown(
        first_day=period.first_day(),
        last_day=period.last_day(),
        is_actual=dates.actual is not None,
        rank=start_rank * 5 + end_rank + 1,  # end_rank is -1 (no end) to 3
    )


def shown_status(shown: Shown, day: datetime.date) -> Status:
    """Return a milestone's status on the day from its stored dates (as ``milestone_status``)."""
    if shown.is_actual:
        return Status.DONE if day >= shown.first_day else Status.UPCOMING
    if shown.first_day is None:
        return Status.DATE_UNKNOWN
    if shown.last_day is not None and day > shown.last_day:
        return Status.UNCONFIRMED
    if day >= shown.first_day:
        return Status.UNDER_WAY
    return Status.UPCOMING


def current_index(statuses: Iterable[Status]) -> int | None:
    """Return the index of the current phase: the first one under way, or None."""
    for index, status in enumerate(statuses):
        if status == Status.UNDER_WAY:
            return index
    return None
