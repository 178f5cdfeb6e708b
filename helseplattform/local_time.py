"""The site's calendar: days as they are on a wall in Trondheim, whatever zone the server runs in.

The rollout happens in Norway, so "today" (statuses), the days of the feedback
statistics and the day a plan was decided (feeds, calendars) are days in
Europe/Oslo, not in UTC: at 00:30 in Oslo it is still yesterday in UTC. Pure
Python (no Django), so the settings and the pure domain modules can use it too.

>>> local_day(datetime.datetime(2021, 8, 31, 23, 30, tzinfo=datetime.UTC))
datetime.date(2021, 9, 1)
>>> local_midnight(datetime.date(2021, 9, 1)).isoformat()
'2021-09-01T00:00:00+02:00'
"""

import datetime
from zoneinfo import ZoneInfo

TIME_ZONE = ZoneInfo("Europe/Oslo")


def local_day(moment: datetime.datetime) -> datetime.date:
    """Return the calendar day in Norway at an aware moment."""
    if moment.tzinfo is None:
        raise ValueError("local_day needs an aware datetime (use django.utils.timezone.now())")
    return moment.astimezone(TIME_ZONE).date()


def local_midnight(day: datetime.date) -> datetime.datetime:
    """Return the moment ``day`` begins in Norway (an aware datetime)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=TIME_ZONE)
