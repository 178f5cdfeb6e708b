"""The site's calendar is Norway's: days and midnights in Europe/Oslo, not in UTC."""

import datetime

import pytest
from django.conf import settings

from helseplattform.local_time import TIME_ZONE, local_day, local_midnight

D = datetime.date
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Midnight UTC in winter is 01:00 in Oslo: the same day.
        (datetime.datetime(2021, 12, 1, 0, 0, tzinfo=UTC), D(2021, 12, 1)),
        # 23:30 UTC on 31 August is 01:30 on 1 September in Oslo (summer time).
        (datetime.datetime(2021, 8, 31, 23, 30, tzinfo=UTC), D(2021, 9, 1)),
        # 22:59 UTC on 30 November is 23:59 in Oslo: still November.
        (datetime.datetime(2021, 11, 30, 22, 59, tzinfo=UTC), D(2021, 11, 30)),
        (datetime.datetime(2021, 11, 30, 23, 0, tzinfo=UTC), D(2021, 12, 1)),
    ],
)
def test_today_is_the_date_in_oslo(moment, expected):
    assert local_day(moment) == expected


def test_local_day_refuses_a_naive_moment():
    with pytest.raises(ValueError, match="aware"):
        local_day(datetime.datetime(2021, 9, 1))


@pytest.mark.parametrize(
    ("day", "in_utc"),
    [
        # Winter time (UTC+1) and summer time (UTC+2).
        (D(2024, 1, 15), datetime.datetime(2024, 1, 14, 23, 0, tzinfo=UTC)),
        (D(2024, 6, 10), datetime.datetime(2024, 6, 9, 22, 0, tzinfo=UTC)),
        # The days the clocks change (at 02:00 and 03:00): midnight is still in the old time.
        (D(2024, 3, 31), datetime.datetime(2024, 3, 30, 23, 0, tzinfo=UTC)),
        (D(2024, 10, 27), datetime.datetime(2024, 10, 26, 22, 0, tzinfo=UTC)),
    ],
)
def test_a_day_begins_at_midnight_in_oslo(day, in_utc):
    assert local_midnight(day) == in_utc
    assert local_day(local_midnight(day)) == day
    assert local_day(
        local_midnight(day) - datetime.timedelta(microseconds=1)
    ) == day - datetime.timedelta(days=1)


def test_the_site_runs_in_the_same_time_zone():
    # Django's own conversions (timezone.localtime, TruncWeek) must agree with these days.
    assert TIME_ZONE.key == settings.TIME_ZONE
