"""Honest rates: the share of Ja with its uncertainty, hidden where there are too few answers.

A share from 3 answers says little and may point to one person, so a rate is shown
(and exported) only from ``MIN_ANSWERS`` answers on. The interval is Wilson's score
interval at 95 %, which stays inside 0–1 and is honest for small counts, unlike the
plain ± 1.96·√(p(1−p)/n):

    >>> low, high = wilson_interval(8, 10)
    >>> round(low, 3), round(high, 3)
    (0.49, 0.943)
    >>> Rate(page="/", language="nb", week=datetime.date(2024, 5, 27), yes=3, no=1).shown
    False
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.module_loading import import_string

from feedback.stats import AnswerCounts
from helseplattform.local_time import local_midnight

MIN_ANSWERS = 5
Z_95 = 1.959963984540054


def wilson_interval(successes: int, total: int, *, z: float = Z_95) -> tuple[float, float]:
    """Return Wilson's score interval for ``successes`` out of ``total`` (0–1 each end)."""
    if total <= 0:
        raise ValueError("An interval needs at least one answer.")
    if not 0 <= successes <= total:
        raise ValueError(f"{successes} successes out of {total} is impossible.")
    share = successes / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    margin = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


@dataclass(frozen=True)
class Rate(AnswerCounts):
    """The answers on one page in one language in one week (Monday first).

    Unlike the plain counts, the share is None below ``MIN_ANSWERS``: it is not shown.
    """

    page: str
    language: str
    week: datetime.date
    yes: int
    no: int
    content_changed: bool = False

    @property
    def shown(self) -> bool:
        """Return True when there are enough answers to show the rate at all."""
        return self.total >= MIN_ANSWERS

    @property
    def share_yes(self) -> float | None:
        return self.yes / self.total if self.shown else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.yes, self.total) if self.shown else None

    @property
    def percent_yes(self) -> int | None:
        share = self.share_yes
        return None if share is None else round(share * 100)

    @property
    def percent_interval(self) -> tuple[int, int] | None:
        interval = self.interval
        return None if interval is None else (round(interval[0] * 100), round(interval[1] * 100))

    @property
    def week_label(self) -> str:
        year, week, _ = self.week.isocalendar()
        return f"{year}-W{week:02d}"


def week_start(day: datetime.date) -> datetime.date:
    """Return the Monday of the week ``day`` is in."""
    return day - datetime.timedelta(days=day.weekday())


def weekly_rates(queryset: QuerySet, *, changed_weeks: Iterable[datetime.date] = ()) -> list[Rate]:
    """Return the rate per page × language × week in the queryset (one query), newest week first.

    The caller passes ``queryset.counted()`` or narrower; ``changed_weeks`` are the
    Mondays of the weeks in which the public content changed.
    """
    changed = set(changed_weeks)
    rows = (
        queryset.order_by()
        .annotate(week=TruncWeek("created", output_field=DateField()))
        .values("page", "language", "week")
        .annotate(yes=Count("id", filter=Q(answer="yes")), no=Count("id", filter=Q(answer="no")))
    )
    rates = [
        Rate(
            page=row["page"],
            language=row["language"],
            week=row["week"],
            yes=row["yes"],
            no=row["no"],
            content_changed=row["week"] in changed,
        )
        for row in rows
    ]
    return sorted(rates, key=lambda rate: (-rate.week.toordinal(), rate.page, rate.language))


def content_change_weeks(*, start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Return the Mondays of the weeks from ``start`` to ``end`` in which public content changed.

    The moments come from the content's own app, named by the setting
    ``FEEDBACK_CONTENT_CHANGES`` (a dotted path to a function of ``start`` and ``end``
    moments): the feedback app does not import the timeline.
    """
    moments = import_string(settings.FEEDBACK_CONTENT_CHANGES)(
        start=local_midnight(start), end=local_midnight(end + datetime.timedelta(days=1))
    )
    return {week_start(timezone.localtime(moment).date()) for moment in moments}
