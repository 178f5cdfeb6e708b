"""Statistics against hand-counted data.

The data set (times in Europe/Oslo), counted by hand:

    page          | week 22 (27 May) | week 23 (3 Jun)          | week 24 (10 Jun) | total
    /             | Ja 2, Nei 1      | Ja 1                     |                  | Ja 3, Nei 1 (75 %)
    /endringer/   | Nei 2            | Ja 1                     |                  | Ja 1, Nei 2 (33 %)
    /en/          |                  | Nei 1 (Sun 9 Jun 23:30)  | Ja 1 (00:30)     | Ja 1, Nei 1 (50 %)
    all pages     | Ja 2, Nei 3      | Ja 2, Nei 1              | Ja 1, Nei 0      | Ja 5, Nei 4

plus one Nei on / on 1 April, outside the period 27 May–16 June. The two answers
around midnight on 9/10 June (21:30 and 22:30 UTC) fall in different local weeks.
"""

import datetime

import pytest

from feedback import stats
from feedback.models import Feedback
from feedback.stats import IntervalStats, PageStats
from tests.feedback.helpers import at, make_feedback

D = datetime.date
START, END = D(2024, 5, 27), D(2024, 6, 16)


@pytest.fixture
def hand_counted(db):
    for page, answer, moment in [
        ("/", "yes", at(2024, 5, 27, 9)),
        ("/", "yes", at(2024, 5, 27, 10)),
        ("/", "no", at(2024, 5, 29, 14)),
        ("/", "yes", at(2024, 6, 3, 8)),
        ("/endringer/", "no", at(2024, 5, 28, 11)),
        ("/endringer/", "no", at(2024, 5, 28, 12)),
        ("/endringer/", "yes", at(2024, 6, 4, 13)),
        ("/en/", "no", at(2024, 6, 9, 23, 30)),
        ("/en/", "yes", at(2024, 6, 10, 0, 30)),
        ("/", "no", at(2024, 4, 1, 12)),  # outside the period
    ]:
        make_feedback(page=page, answer=answer, created=moment)
    return Feedback.objects.between(start=START, end=END)


def test_it_counts_ja_and_nei_per_page_in_the_period(hand_counted):
    rows = stats.sort_pages(stats.per_page(hand_counted), key="page", descending=False)
    assert rows == [
        PageStats("/", yes=3, no=1),
        PageStats("/en/", yes=1, no=1),
        PageStats("/endringer/", yes=1, no=2),
    ]
    assert [row.percent_yes for row in rows] == [75, 50, 33]
    assert stats.totals(rows) == PageStats("", yes=5, no=4)


def test_it_counts_per_local_week_with_empty_weeks_filled(hand_counted):
    assert stats.trend(hand_counted, start=START, end=END, unit="week") == [
        IntervalStats(D(2024, 5, 27), "week", yes=2, no=3),
        IntervalStats(D(2024, 6, 3), "week", yes=2, no=1),
        IntervalStats(D(2024, 6, 10), "week", yes=1, no=0),
    ]


def test_it_counts_per_month(hand_counted):
    assert stats.trend(hand_counted, start=START, end=END, unit="month") == [
        IntervalStats(D(2024, 5, 1), "month", yes=2, no=3),
        IntervalStats(D(2024, 6, 1), "month", yes=3, no=1),
    ]


def test_a_period_without_feedback_has_no_pages_and_zero_weeks(hand_counted):
    empty = Feedback.objects.between(start=D(2023, 1, 2), end=D(2023, 1, 15))
    assert stats.per_page(empty) == []
    assert [
        p.total for p in stats.trend(empty, start=D(2023, 1, 2), end=D(2023, 1, 15), unit="week")
    ] == [0, 0]


ROWS = [
    PageStats("/a/", yes=1, no=3),  # 25 %, 4
    PageStats("/b/", yes=4, no=0),  # 100 %, 4
    PageStats("/c/", yes=0, no=0),  # no answers
    PageStats("/d/", yes=2, no=2),  # 50 %, 4
]


@pytest.mark.parametrize(
    ("key", "descending", "order"),
    [
        ("page", False, ["/a/", "/b/", "/c/", "/d/"]),
        ("page", True, ["/d/", "/c/", "/b/", "/a/"]),
        ("yes", True, ["/b/", "/d/", "/a/", "/c/"]),
        ("no", True, ["/a/", "/d/", "/b/", "/c/"]),
        ("no", False, ["/b/", "/c/", "/d/", "/a/"]),
        ("total", True, ["/a/", "/b/", "/d/", "/c/"]),  # ties keep page order
        ("share", True, ["/b/", "/d/", "/a/", "/c/"]),  # no answers always last
        ("share", False, ["/a/", "/d/", "/b/", "/c/"]),
    ],
)
def test_it_sorts_by_any_column(key, descending, order):
    assert [row.page for row in stats.sort_pages(ROWS, key=key, descending=descending)] == order


def test_it_refuses_an_unknown_sort_key():
    with pytest.raises(ValueError, match="Unknown sort key"):
        stats.sort_pages(ROWS, key="comment", descending=False)


@pytest.mark.parametrize(
    ("row", "share", "percent_yes", "percent_no"),
    [
        (PageStats("/", 0, 0), None, 0, 0),
        (PageStats("/", 1, 2), 1 / 3, 33, 67),
        (PageStats("/", 2, 1), 2 / 3, 67, 33),
        (PageStats("/", 5, 0), 1.0, 100, 0),
    ],
)
def test_the_share_of_ja_adds_up_to_a_whole_bar(row, share, percent_yes, percent_no):
    assert row.share_yes == share
    assert (row.percent_yes, row.percent_no) == (percent_yes, percent_no)


@pytest.mark.parametrize(
    ("day", "unit", "start"),
    [
        (D(2024, 5, 27), "week", D(2024, 5, 27)),
        (D(2024, 6, 2), "week", D(2024, 5, 27)),
        (D(2025, 1, 1), "week", D(2024, 12, 30)),
        (D(2024, 2, 29), "month", D(2024, 2, 1)),
    ],
)
def test_a_period_starts_on_monday_or_the_first(day, unit, start):
    assert stats.period_start(day, unit) == start


def test_periods_run_across_the_new_year():
    periods = stats.fill_periods({}, start=D(2024, 11, 15), end=D(2025, 1, 3), unit="month")
    assert [p.label for p in periods] == ["2024-11", "2024-12", "2025-01"]
    weeks = stats.fill_periods({}, start=D(2024, 12, 30), end=D(2025, 1, 6), unit="week")
    assert [p.label for p in weeks] == ["2025-W01", "2025-W02"]


def test_the_trend_chart_scales_the_busiest_period_to_the_full_height():
    periods = [
        IntervalStats(D(2024, 5, 27), "week", yes=2, no=3),
        IntervalStats(D(2024, 6, 3), "week", yes=2, no=1),
        IntervalStats(D(2024, 6, 10), "week", yes=0, no=0),
    ]
    first, second, empty = stats.trend_chart(periods, width=600, height=160)

    assert (first.x, first.width) == (30.0, 140.0)
    assert (first.yes_y, first.yes_height, first.no_y, first.no_height) == (96.0, 64.0, 0.0, 96.0)
    assert second.x == 230.0
    assert (second.yes_height, second.no_height, second.no_y) == (64.0, 32.0, 64.0)
    assert (empty.yes_height, empty.no_height) == (0.0, 0.0)
    assert stats.trend_chart([]) == []
