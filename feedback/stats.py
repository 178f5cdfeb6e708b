"""Statistics of the feedback for the admin: answers per page, the trend over time, and the charts.

Two database queries do the counting (``per_page`` and ``trend``); everything else
is pure functions over plain values, so the arithmetic is tested against counts
worked out by hand and the templates only print numbers:

    >>> row = PageStats(page="/", yes=3, no=1)
    >>> row.total, row.percent_yes
    (4, 75)
    >>> period_start(datetime.date(2024, 5, 30), "week")
    datetime.date(2024, 5, 27)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek

SORT_KEYS = ("page", "yes", "no", "total", "share")


class AnswerCounts:
    """The arithmetic of a number of Ja and Nei, for every count the statistics keep."""

    yes: int
    no: int

    @property
    def total(self) -> int:
        return self.yes + self.no

    @property
    def share_yes(self) -> float | None:
        """Return the share of Ja between 0 and 1, or None when nobody answered."""
        return self.yes / self.total if self.total else None

    @property
    def share_no(self) -> float | None:
        """Return the share of Nei between 0 and 1, or None when nobody answered."""
        return self.no / self.total if self.total else None

    @property
    def percent_yes(self) -> int:
        """Return the share of Ja in whole percent (0 when nobody answered), for tables and bars."""
        share = self.share_yes
        return 0 if share is None else round(share * 100)

    @property
    def percent_no(self) -> int:
        return 100 - self.percent_yes if self.total else 0


@dataclass(frozen=True)
class PageStats(AnswerCounts):
    """The answers given on one page."""

    page: str
    yes: int
    no: int


@dataclass(frozen=True)
class IntervalStats(AnswerCounts):
    """The answers given in one week or month (a calendar interval, not a ``phases.periods.Period``)."""

    start: datetime.date
    unit: str
    yes: int = 0
    no: int = 0

    @property
    def label(self) -> str:
        """Return a language-neutral label: "2024-W22" for a week, "2024-05" for a month."""
        if self.unit == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.year}-{self.start.month:02d}"


@dataclass(frozen=True)
class Column:
    """One period's stacked column in the trend chart, in SVG user units."""

    period: IntervalStats
    x: float
    width: float
    yes_y: float
    yes_height: float
    no_y: float
    no_height: float


def per_page(queryset: QuerySet) -> list[PageStats]:
    """Return the number of Ja and Nei for every page in the queryset (one query)."""
    rows = (
        queryset.order_by()
        .values("page")
        .annotate(yes=Count("id", filter=Q(answer="yes")), no=Count("id", filter=Q(answer="no")))
    )
    return [PageStats(page=row["page"], yes=row["yes"], no=row["no"]) for row in rows]


def sort_pages(rows: Iterable[PageStats], *, key: str, descending: bool) -> list[PageStats]:
    """Return the rows sorted by a column; pages break ties, and pages without answers sort last."""
    if key not in SORT_KEYS:
        raise ValueError(f"Unknown sort key {key!r}; use one of {', '.join(SORT_KEYS)}.")
    by_page = sorted(rows, key=lambda row: row.page)
    if key == "page":
        return list(reversed(by_page)) if descending else by_page
    if key == "share":
        answered = [row for row in by_page if row.share_yes is not None]
        unanswered = [row for row in by_page if row.share_yes is None]
        return sorted(answered, key=lambda row: row.share_yes, reverse=descending) + unanswered
    # sorted() is stable, so equal counts stay in page order either way.
    return sorted(by_page, key=lambda row: getattr(row, key), reverse=descending)


def totals(rows: Iterable[PageStats]) -> PageStats:
    """Return the sum of all rows, as one row for the whole site."""
    rows = list(rows)
    return PageStats(page="", yes=sum(r.yes for r in rows), no=sum(r.no for r in rows))


def period_start(day: datetime.date, unit: str) -> datetime.date:
    """Return the first day of the week (Monday) or month that ``day`` is in."""
    if unit == "week":
        return day - datetime.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    raise ValueError(f"Unknown unit {unit!r}; use week or month.")


def next_period(start: datetime.date, unit: str) -> datetime.date:
    """Return the first day of the period after the one starting on ``start``."""
    if unit == "week":
        return start + datetime.timedelta(weeks=1)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def fill_periods(
    counts: Mapping[datetime.date, tuple[int, int]],
    *,
    start: datetime.date,
    end: datetime.date,
    unit: str,
) -> list[IntervalStats]:
    """Return every period from ``start`` to ``end``, with zeros where nothing was counted.

    ``counts`` maps the first day of a period to its (yes, no) counts.
    """
    periods = []
    current = period_start(start, unit)
    while current <= end:
        yes, no = counts.get(current, (0, 0))
        periods.append(IntervalStats(start=current, unit=unit, yes=yes, no=no))
        current = next_period(current, unit)
    return periods


def trend(
    queryset: QuerySet, *, start: datetime.date, end: datetime.date, unit: str
) -> list[IntervalStats]:
    """Return the answers per week or month from ``start`` to ``end`` (one query, local time)."""
    truncate = {"week": TruncWeek, "month": TruncMonth}[unit]
    rows = (
        queryset.order_by()
        .annotate(period=truncate("created", output_field=DateField()))
        .values("period")
        .annotate(yes=Count("id", filter=Q(answer="yes")), no=Count("id", filter=Q(answer="no")))
    )
    counts = {row["period"]: (row["yes"], row["no"]) for row in rows}
    return fill_periods(counts, start=start, end=end, unit=unit)


def trend_chart(
    periods: list[IntervalStats], *, width: int = 600, height: int = 160
) -> list[Column]:
    """Return a stacked column per period (Ja at the bottom), scaled so the busiest period fills the height."""
    if not periods:
        return []
    highest = max(period.total for period in periods) or 1
    slot = width / len(periods)
    bar = round(slot * 0.7, 1)
    columns = []
    for index, period in enumerate(periods):
        yes_height = round(height * period.yes / highest, 1)
        no_height = round(height * period.no / highest, 1)
        columns.append(
            Column(
                period=period,
                x=round(index * slot + (slot - bar) / 2, 1),
                width=bar,
                yes_y=round(height - yes_height, 1),
                yes_height=yes_height,
                no_y=round(height - yes_height - no_height, 1),
                no_height=no_height,
            )
        )
    return columns
