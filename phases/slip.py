"""How far a date has slipped: "flyttet N ganger, X måneder senere enn først kunngjort".

Pure Python over a date history (``phases.status.Entry`` in recorded order):

- a *move* is a revision whose period differs from the plan in force before it
  (after an "unsettled" entry, from the last plan that was announced); a revision
  that repeats the plan is not a move;
- the *slip* is counted in whole calendar months between the plan first announced
  and what holds now (what happened, if known, else the plan), and never
  overstated for a fuzzy period: later is counted from the last month first
  announced ("høst 2021" to "7. mai 2022" is 6 months, from November), earlier
  from the first; periods that overlap count as 0 (within the first plan).

>>> from phases.periods import Period
>>> history = [
...     Entry(Kind.ORIGINAL, Period.parse("høst 2021")),
...     Entry(Kind.REVISION, Period.parse("30. april 2022")),
...     Entry(Kind.UNSETTLED, None),
...     Entry(Kind.ACTUAL, Period.parse("7. mai 2022")),
... ]
>>> slip_of(history)
Slip(moves=1, months=6)
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from phases.periods import Period
from phases.status import Entry, Kind


@dataclass(frozen=True)
class Slip:
    moves: int  # revisions that changed the date
    months: int  # from the first announced plan to now; negative when earlier

    @property
    def later(self) -> bool:
        return self.months > 0

    @property
    def earlier_by(self) -> int:
        return -self.months


def _month_number(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def months_between(first_announced: Period, now: Period) -> int:
    """Return the whole months ``now`` lies after (positive) or before (negative) the first plan."""
    announced_last = first_announced.last_day() or first_announced.first_day()
    if now.first_day() > announced_last:
        return _month_number(now.first_day()) - _month_number(announced_last)
    now_last = now.last_day() or now.first_day()
    if now_last < first_announced.first_day():
        return _month_number(now_last) - _month_number(first_announced.first_day())
    return 0


def slip_of(entries: Iterable[Entry]) -> Slip | None:
    """Return the moves and months of slip of a history; None when it was never revised.

    The ORIGINAL entry is the plan first announced wherever it was recorded (an
    original plan found later is added after the revisions it preceded).
    """
    original = None
    revisions: list[Period] = []
    current = actual = None
    revised = False
    for entry in entries:
        if entry.kind == Kind.ORIGINAL and original is None:
            original = entry.period
            if not revised:
                current = entry.period
        elif entry.kind == Kind.REVISION and entry.period is not None:
            revised = True
            revisions.append(entry.period)
            current = entry.period
        elif entry.kind == Kind.UNSETTLED:
            revised = True
            current = None  # the plan no longer holds; a new date moves from the last plan
        elif entry.kind == Kind.ACTUAL and entry.period is not None:
            actual = entry.period
    plans = ([original] if original is not None else []) + revisions
    now = actual or current
    if not revised or not plans or now is None:
        return None
    moves = sum(1 for before, after in itertools.pairwise(plans) if after != before)
    return Slip(moves=moves, months=months_between(plans[0], now))
