"""Tests for phases.periods, the fuzzy period value type.

Table-driven: each table row is one case, so a failure names the exact input.
The module is pure Python; none of these tests need a database or settings.
"""

import ast
import calendar
import datetime
import doctest
import random
import sys
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from phases import periods
from phases.periods import (
    ACCEPTED_EXAMPLES,
    ERROR_MESSAGES,
    LANGUAGES,
    MAX_YEAR,
    MIN_YEAR,
    Period,
    PeriodError,
    Point,
    Precision,
    Season,
)

SPRING, SUMMER, AUTUMN, WINTER = Season.SPRING, Season.SUMMER, Season.AUTUMN, Season.WINTER
D = datetime.date


# --------------------------------------------------------------------------- #
# Builders: short names keep the tables readable.
# --------------------------------------------------------------------------- #


def year(y):
    return Point(year=y)


def season(s, y):
    return Point(year=y, season=s)


def month(m, y):
    return Point(year=y, month=m)


def day(d, m, y):
    return Point(year=y, month=m, day=d)


def single(point):
    return Period(start=point)


def span(start, end):
    return Period(start=start, end=end)


def since(point):
    return Period(start=point, open_ended=True)


# --------------------------------------------------------------------------- #
# Parsing
# --------------------------------------------------------------------------- #

PARSE_CASES = [
    # Years
    ("2021", single(year(2021))),
    ("  2021  ", single(year(2021))),
    ("1900", single(year(1900))),
    ("2100", single(year(2100))),
    # Seasons: Bokmål, Nynorsk, English, bare and definite, any case
    ("høst 2021", single(season(AUTUMN, 2021))),
    ("høsten 2021", single(season(AUTUMN, 2021))),
    ("Høsten 2021", single(season(AUTUMN, 2021))),
    ("HØST 2021", single(season(AUTUMN, 2021))),
    ("haust 2021", single(season(AUTUMN, 2021))),
    ("hausten 2021", single(season(AUTUMN, 2021))),
    ("autumn 2021", single(season(AUTUMN, 2021))),
    ("Fall 2021", single(season(AUTUMN, 2021))),
    ("vår 2022", single(season(SPRING, 2022))),
    ("våren 2022", single(season(SPRING, 2022))),
    ("VÅREN 2022", single(season(SPRING, 2022))),
    ("spring 2022", single(season(SPRING, 2022))),
    ("sommer 2021", single(season(SUMMER, 2021))),
    ("sommeren 2021", single(season(SUMMER, 2021))),
    ("sommar 2021", single(season(SUMMER, 2021))),
    ("sommaren 2021", single(season(SUMMER, 2021))),
    ("Summer 2021", single(season(SUMMER, 2021))),
    ("høst2021", single(season(AUTUMN, 2021))),
    # Winter: the year it starts in, optionally with the next year
    ("vinter 2021", single(season(WINTER, 2021))),
    ("vinteren 2021", single(season(WINTER, 2021))),
    ("winter 2021", single(season(WINTER, 2021))),
    ("vinter 2021/2022", single(season(WINTER, 2021))),
    ("vinteren 2021/22", single(season(WINTER, 2021))),
    ("winter 2021–22", single(season(WINTER, 2021))),
    ("winter 2021-22", single(season(WINTER, 2021))),
    ("vinter 2021 - 2022", single(season(WINTER, 2021))),
    ("vinter 2021 / 22", single(season(WINTER, 2021))),
    ("vinter 1999/2000", single(season(WINTER, 1999))),
    ("vinter 1999/00", single(season(WINTER, 1999))),
    ("vinter 2099/2100", single(season(WINTER, 2099))),
    # Months: full and abbreviated, Norwegian and English, optional dot
    ("januar 2020", single(month(1, 2020))),
    ("Januar 2020", single(month(1, 2020))),
    ("jan 2020", single(month(1, 2020))),
    ("Jan. 2020", single(month(1, 2020))),
    ("January 2020", single(month(1, 2020))),
    ("februar 2020", single(month(2, 2020))),
    ("feb. 2020", single(month(2, 2020))),
    ("february 2020", single(month(2, 2020))),
    ("mars 2020", single(month(3, 2020))),
    ("March 2020", single(month(3, 2020))),
    ("mar 2020", single(month(3, 2020))),
    ("april 2025", single(month(4, 2025))),
    ("April 2025", single(month(4, 2025))),
    ("apr. 2025", single(month(4, 2025))),
    ("mai 2022", single(month(5, 2022))),
    ("May 2022", single(month(5, 2022))),
    ("juni 2022", single(month(6, 2022))),
    ("June 2022", single(month(6, 2022))),
    ("jun 2022", single(month(6, 2022))),
    ("juli 2022", single(month(7, 2022))),
    ("July 2022", single(month(7, 2022))),
    ("jul. 2022", single(month(7, 2022))),
    ("august 2022", single(month(8, 2022))),
    ("aug 2022", single(month(8, 2022))),
    ("september 2022", single(month(9, 2022))),
    ("sep 2022", single(month(9, 2022))),
    ("sept 2022", single(month(9, 2022))),
    ("Sept. 2022", single(month(9, 2022))),
    ("oktober 2022", single(month(10, 2022))),
    ("okt 2022", single(month(10, 2022))),
    ("October 2022", single(month(10, 2022))),
    ("oct. 2022", single(month(10, 2022))),
    ("november 2022", single(month(11, 2022))),
    ("nov 2022", single(month(11, 2022))),
    ("desember 2022", single(month(12, 2022))),
    ("des 2022", single(month(12, 2022))),
    ("des. 2022", single(month(12, 2022))),
    ("December 2022", single(month(12, 2022))),
    ("dec 2022", single(month(12, 2022))),
    # Days, in every way editors write them
    ("7. mai 2022", single(day(7, 5, 2022))),
    ("7 mai 2022", single(day(7, 5, 2022))),
    ("7.mai 2022", single(day(7, 5, 2022))),
    ("7 May 2022", single(day(7, 5, 2022))),
    ("May 7, 2022", single(day(7, 5, 2022))),
    ("May 7 2022", single(day(7, 5, 2022))),
    ("2022-05-07", single(day(7, 5, 2022))),
    ("2022-5-7", single(day(7, 5, 2022))),
    ("07.05.2022", single(day(7, 5, 2022))),
    ("7.5.2022", single(day(7, 5, 2022))),
    ("30. april 2022", single(day(30, 4, 2022))),
    ("29. februar 2024", single(day(29, 2, 2024))),
    ("1. jan. 2021", single(day(1, 1, 2021))),
    ("31 Dec 2021", single(day(31, 12, 2021))),
    # Ranges: every separator
    ("april-august 2019", span(month(4, 2019), month(8, 2019))),
    ("april–august 2019", span(month(4, 2019), month(8, 2019))),
    ("april—august 2019", span(month(4, 2019), month(8, 2019))),
    ("april - august 2019", span(month(4, 2019), month(8, 2019))),
    ("april til august 2019", span(month(4, 2019), month(8, 2019))),
    ("april til og med august 2019", span(month(4, 2019), month(8, 2019))),
    ("april t.o.m. august 2019", span(month(4, 2019), month(8, 2019))),
    ("April to August 2019", span(month(4, 2019), month(8, 2019))),
    ("April until August 2019", span(month(4, 2019), month(8, 2019))),
    ("apr–aug 2019", span(month(4, 2019), month(8, 2019))),
    ("april 2019–august 2019", span(month(4, 2019), month(8, 2019))),
    ("august 2019-januar 2020", span(month(8, 2019), month(1, 2020))),
    ("August 2019 – January 2020", span(month(8, 2019), month(1, 2020))),
    ("januar 2021-sommer 2021", span(month(1, 2021), season(SUMMER, 2021))),
    ("januar–sommer 2021", span(month(1, 2021), season(SUMMER, 2021))),
    ("januar–sommaren 2021", span(month(1, 2021), season(SUMMER, 2021))),
    ("January–summer 2021", span(month(1, 2021), season(SUMMER, 2021))),
    ("Jan 2021 – summer 2021", span(month(1, 2021), season(SUMMER, 2021))),
    ("høst 2021–vår 2022", span(season(AUTUMN, 2021), season(SPRING, 2022))),
    ("hausten 2021 til våren 2022", span(season(AUTUMN, 2021), season(SPRING, 2022))),
    ("høst–vinter 2021/22", span(season(AUTUMN, 2021), season(WINTER, 2021))),
    ("vinter 2021/22–vår 2022", span(season(WINTER, 2021), season(SPRING, 2022))),
    ("vinter 2021–2023", span(season(WINTER, 2021), year(2023))),
    ("2019–2021", span(year(2019), year(2021))),
    ("2019 til 2021", span(year(2019), year(2021))),
    ("2021–2021", single(year(2021))),
    ("7.–12. mai 2022", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("7.-12. mai 2022", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("7. - 12. mai 2022", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("7–12 May 2022", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("30. april–7. mai 2022", span(day(30, 4, 2022), day(7, 5, 2022))),
    ("30 April–7 May 2022", span(day(30, 4, 2022), day(7, 5, 2022))),
    ("2022-05-07–2022-05-12", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("2022-05-07 - 2022-05-12", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("07.05.2022–12.05.2022", span(day(7, 5, 2022), day(12, 5, 2022))),
    ("31. desember 2021–2. januar 2022", span(day(31, 12, 2021), day(2, 1, 2022))),
    ("fra januar til mars 2020", span(month(1, 2020), month(3, 2020))),
    ("from January to March 2020", span(month(1, 2020), month(3, 2020))),
    ("fra og med januar til og med mars 2020", span(month(1, 2020), month(3, 2020))),
    # Open-ended
    ("fra høst 2021", since(season(AUTUMN, 2021))),
    ("Fra høsten 2021", since(season(AUTUMN, 2021))),
    ("frå hausten 2021", since(season(AUTUMN, 2021))),
    ("from autumn 2021", since(season(AUTUMN, 2021))),
    ("fra 2021", since(year(2021))),
    ("frå 2021", since(year(2021))),
    ("from 2021", since(year(2021))),
    ("since 2021", since(year(2021))),
    ("fom 2021", since(year(2021))),
    ("f.o.m. 2021", since(year(2021))),
    ("f.o.m 2021", since(year(2021))),
    ("fra og med 2021", since(year(2021))),
    ("frå og med 2021", since(year(2021))),
    ("fra 7. mai 2022", since(day(7, 5, 2022))),
    ("from May 7, 2022", since(day(7, 5, 2022))),
    ("fra vinteren 2021/22", since(season(WINTER, 2021))),
    ("2021–", since(year(2021))),
    ("høst 2021 -", since(season(AUTUMN, 2021))),
    # Whitespace of every kind
    ("  høst   2021  ", single(season(AUTUMN, 2021))),
    ("høst\t2021", single(season(AUTUMN, 2021))),
    ("høst\u00a02021", single(season(AUTUMN, 2021))),
    ("\napril –\taugust  2019\n", span(month(4, 2019), month(8, 2019))),
    # A decomposed "å" (a + combining ring) from some keyboards
    ("va\u030aren 2022", single(season(SPRING, 2022))),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_it_parses_what_editors_write(text, expected):
    assert Period.parse(text) == expected


BAD_INPUT_CASES = [
    # Nothing there
    ("", "empty"),
    ("   ", "empty"),
    ("\n\t", "empty"),
    # Words and shapes it does not know
    ("abc", "unreadable"),
    ("høst 2021 abc", "unreadable"),
    ("høst 2021 (foreløpig)", "unreadable"),
    ("2021 2022", "unreadable"),
    ("2021!", "unreadable"),
    ("21", "unreadable"),
    ("202", "unreadable"),
    ("20211", "unreadable"),
    ("2019-20", "unreadable"),
    ("2021/22", "unreadable"),
    ("høst 2021/22", "unreadable"),
    ("slutten av april 2023", "unreadable"),
    ("første halvår 2021", "unreadable"),
    ("Q1 2021", "unreadable"),
    ("i 2021", "unreadable"),
    ("–2021", "unreadable"),
    ("fra", "unreadable"),
    ("2021–2022–2023", "unreadable"),
    ("høst 2021 til", "unreadable"),
    ("7.", "unreadable"),
    ("7.–", "unreadable"),
    ("7.–2022", "unreadable"),
    ("7.5.", "unreadable"),
    ("mai 7. 2022", "unreadable"),
    ("٢٠٢١", "unreadable"),
    ("x" * 101, "unreadable"),
    # A year is needed
    ("høst", "missing_year"),
    ("januar", "missing_year"),
    ("7. mai", "missing_year"),
    ("May 7", "missing_year"),
    ("fra høst", "missing_year"),
    ("april–august", "missing_year"),
    ("2019–august", "missing_year"),
    # Years outside 1900-2100
    ("1899", "year_out_of_range"),
    ("2101", "year_out_of_range"),
    ("0000", "year_out_of_range"),
    ("høst 1850", "year_out_of_range"),
    ("mai 2200", "year_out_of_range"),
    ("1. mai 3000", "year_out_of_range"),
    ("fra 9999", "year_out_of_range"),
    ("2020–2101", "year_out_of_range"),
    # Days that do not exist
    ("30. februar 2022", "invalid_date"),
    ("29. februar 2023", "invalid_date"),
    ("29. februar 1900", "invalid_date"),
    ("31. april 2022", "invalid_date"),
    ("0. mai 2022", "invalid_date"),
    ("32 May 2022", "invalid_date"),
    ("2022-02-30", "invalid_date"),
    ("2022-13-01", "invalid_date"),
    ("31.11.2021", "invalid_date"),
    ("1.13.2021", "invalid_date"),
    ("vinter 2021/23", "invalid_date"),
    ("vinter 2021/2023", "invalid_date"),
    # Ends before starts; a start never borrows the year before
    ("2022–2021", "end_before_start"),
    ("høst 2021–vår 2021", "end_before_start"),
    ("august–april 2019", "end_before_start"),
    ("desember–februar 2022", "end_before_start"),
    ("vinter–vår 2022", "end_before_start"),
    ("12.–7. mai 2022", "end_before_start"),
    ("7. mai 2022–6. mai 2022", "end_before_start"),
]


@pytest.mark.parametrize(
    ("text", "code"), BAD_INPUT_CASES, ids=[c[0][:30] for c in BAD_INPUT_CASES]
)
def test_it_rejects_bad_input_with_a_code(text, code):
    with pytest.raises(PeriodError) as caught:
        Period.parse(text)
    assert caught.value.code == code
    assert str(caught.value)  # an English message is always there


@pytest.mark.parametrize("value", [None, 2021, b"2021", ["2021"]])
def test_it_rejects_input_that_is_not_text_as_a_programming_error(value):
    with pytest.raises(TypeError):
        Period.parse(value)


GARBAGE = [
    "a" * 10_000,
    "1" * 10_000,
    "1-" * 5_000,
    "høst 2021 " * 1_000,
    "7." * 5_000,
    "–" * 10_000,
    " " * 9_999 + "x",
    "".join(random.Random(2021).choice("aæ1-–./, ") for _ in range(10_000)),
    # Shapes just under the length cap
    "1-" * 49,
    "7. " * 33,
    "vinter 2021/" * 8,
]


@pytest.mark.parametrize("text", GARBAGE, ids=range(len(GARBAGE)))
def test_it_rejects_long_garbage_quickly(text):
    started = time.perf_counter()
    with pytest.raises(PeriodError):
        Period.parse(text)
    assert time.perf_counter() - started < 0.1


def test_it_accepts_long_runs_of_whitespace_around_a_valid_period():
    assert Period.parse(" " * 5_000 + "høst 2021" + " " * 5_000) == single(season(AUTUMN, 2021))


@pytest.mark.parametrize("text", ACCEPTED_EXAMPLES)
def test_it_parses_every_accepted_example(text):
    assert Period.parse(text).format("nb") == text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_formats_every_accepted_example_in_every_language_as_text_that_parses_back(lang):
    for example in ACCEPTED_EXAMPLES:
        text = Period.parse(example).format(lang)
        assert Period.parse(text) == Period.parse(example)


# --------------------------------------------------------------------------- #
# Formatting
# --------------------------------------------------------------------------- #

FORMAT_CASES = [
    # (period, nb, nn, en)
    (single(year(2021)), "2021", "2021", "2021"),
    (single(season(SPRING, 2022)), "vår 2022", "våren 2022", "spring 2022"),
    (single(season(SUMMER, 2021)), "sommer 2021", "sommaren 2021", "summer 2021"),
    (single(season(AUTUMN, 2021)), "høst 2021", "hausten 2021", "autumn 2021"),
    (single(season(WINTER, 2021)), "vinter 2021/22", "vinteren 2021/22", "winter 2021/22"),
    (single(season(WINTER, 2009)), "vinter 2009/10", "vinteren 2009/10", "winter 2009/10"),
    (single(season(WINTER, 1999)), "vinter 1999/2000", "vinteren 1999/2000", "winter 1999/2000"),
    (single(month(1, 2020)), "januar 2020", "januar 2020", "January 2020"),
    (single(month(12, 2020)), "desember 2020", "desember 2020", "December 2020"),
    (single(day(7, 5, 2022)), "7. mai 2022", "7. mai 2022", "7 May 2022"),
    (single(day(30, 4, 2022)), "30. april 2022", "30. april 2022", "30 April 2022"),
    (
        span(month(4, 2019), month(8, 2019)),
        "april–august 2019",
        "april–august 2019",
        "April–August 2019",
    ),
    (
        span(month(8, 2019), month(1, 2020)),
        "august 2019–januar 2020",
        "august 2019–januar 2020",
        "August 2019–January 2020",
    ),
    (
        span(month(1, 2021), season(SUMMER, 2021)),
        "januar–sommer 2021",
        "januar–sommaren 2021",
        "January–summer 2021",
    ),
    (since(season(AUTUMN, 2021)), "fra høst 2021", "frå hausten 2021", "from autumn 2021"),
    (since(year(2021)), "fra 2021", "frå 2021", "from 2021"),
    (since(day(7, 5, 2022)), "fra 7. mai 2022", "frå 7. mai 2022", "from 7 May 2022"),
    (
        since(season(WINTER, 2021)),
        "fra vinter 2021/22",
        "frå vinteren 2021/22",
        "from winter 2021/22",
    ),
    (
        span(day(7, 5, 2022), day(12, 5, 2022)),
        "7.–12. mai 2022",
        "7.–12. mai 2022",
        "7–12 May 2022",
    ),
    (
        span(day(30, 4, 2022), day(7, 5, 2022)),
        "30. april–7. mai 2022",
        "30. april–7. mai 2022",
        "30 April–7 May 2022",
    ),
    (
        span(day(31, 12, 2021), day(2, 1, 2022)),
        "31. desember 2021–2. januar 2022",
        "31. desember 2021–2. januar 2022",
        "31 December 2021–2 January 2022",
    ),
    (
        span(day(7, 5, 2022), month(6, 2022)),
        "7. mai–juni 2022",
        "7. mai–juni 2022",
        "7 May–June 2022",
    ),
    (span(month(5, 2022), day(7, 5, 2022)), "mai–7. mai 2022", "mai–7. mai 2022", "May–7 May 2022"),
    (span(year(2019), year(2021)), "2019–2021", "2019–2021", "2019–2021"),
    (
        span(year(2021), season(AUTUMN, 2021)),
        "2021–høst 2021",
        "2021–hausten 2021",
        "2021–autumn 2021",
    ),
    (
        span(season(AUTUMN, 2021), year(2022)),
        "høst 2021–2022",
        "hausten 2021–2022",
        "autumn 2021–2022",
    ),
    (
        span(season(AUTUMN, 2021), year(2021)),
        "høst 2021–2021",
        "hausten 2021–2021",
        "autumn 2021–2021",
    ),
    (
        span(season(AUTUMN, 2021), season(SPRING, 2022)),
        "høst 2021–vår 2022",
        "hausten 2021–våren 2022",
        "autumn 2021–spring 2022",
    ),
    (
        span(season(AUTUMN, 2021), season(WINTER, 2021)),
        "høst–vinter 2021/22",
        "hausten–vinteren 2021/22",
        "autumn–winter 2021/22",
    ),
    (
        span(season(WINTER, 2021), season(SPRING, 2022)),
        "vinter 2021/22–vår 2022",
        "vinteren 2021/22–våren 2022",
        "winter 2021/22–spring 2022",
    ),
    (
        span(season(WINTER, 2021), month(12, 2021)),
        "vinter 2021/22–desember 2021",
        "vinteren 2021/22–desember 2021",
        "winter 2021/22–December 2021",
    ),
    (
        span(month(1, 2022), season(WINTER, 2021)),
        "januar 2022–vinter 2021/22",
        "januar 2022–vinteren 2021/22",
        "January 2022–winter 2021/22",
    ),
    (
        span(month(12, 2021), month(2, 2022)),
        "desember 2021–februar 2022",
        "desember 2021–februar 2022",
        "December 2021–February 2022",
    ),
]


def _format_ids(cases):
    return [case[1] for case in cases]


@pytest.mark.parametrize(("period", "nb", "nn", "en"), FORMAT_CASES, ids=_format_ids(FORMAT_CASES))
def test_it_formats_in_bokmal_nynorsk_and_english(period, nb, nn, en):
    assert (period.format("nb"), period.format("nn"), period.format("en")) == (nb, nn, en)
    assert str(period) == nb


ROUND_TRIP_PERIODS = [case[0] for case in FORMAT_CASES] + [case[1] for case in PARSE_CASES]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("period", ROUND_TRIP_PERIODS, ids=str)
def test_it_parses_its_own_formatting_back_to_the_same_period(period, lang):
    assert Period.parse(period.format(lang)) == period


@pytest.mark.parametrize(
    ("point", "nb", "nn", "en"),
    [
        (year(2021), "2021", "2021", "2021"),
        (season(AUTUMN, 2021), "høst 2021", "hausten 2021", "autumn 2021"),
        (season(WINTER, 2023), "vinter 2023/24", "vinteren 2023/24", "winter 2023/24"),
        (month(10, 2022), "oktober 2022", "oktober 2022", "October 2022"),
        (day(1, 1, 2020), "1. januar 2020", "1. januar 2020", "1 January 2020"),
    ],
)
def test_it_formats_a_point_on_its_own(point, nb, nn, en):
    assert (point.format("nb"), point.format("nn"), point.format("en")) == (nb, nn, en)
    assert str(point) == nb


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nb", "fra høst 2021"),
        ("nb-NO", "fra høst 2021"),
        ("NB", "fra høst 2021"),
        ("no", "fra høst 2021"),
        ("nn", "frå hausten 2021"),
        ("nn_NO", "frå hausten 2021"),
        ("en", "from autumn 2021"),
        ("en-gb", "from autumn 2021"),
    ],
)
def test_it_accepts_language_codes_with_regions(lang, expected):
    assert since(season(AUTUMN, 2021)).format(lang) == expected


@pytest.mark.parametrize("lang", ["de", "sv", "", "se"])
def test_it_rejects_unsupported_languages(lang):
    with pytest.raises(ValueError, match="Unsupported language"):
        single(year(2021)).format(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_it_uses_an_en_dash_without_spaces_between_the_ends(lang):
    text = span(month(8, 2019), month(1, 2020)).format(lang)
    assert "–" in text
    assert " –" not in text
    assert "– " not in text
    assert "-" not in text


# --------------------------------------------------------------------------- #
# Days
# --------------------------------------------------------------------------- #

DAY_CASES = [
    # (point, precision, first day, last day)
    (year(2021), Precision.YEAR, D(2021, 1, 1), D(2021, 12, 31)),
    (year(2024), Precision.YEAR, D(2024, 1, 1), D(2024, 12, 31)),
    (season(SPRING, 2021), Precision.SEASON, D(2021, 3, 1), D(2021, 5, 31)),
    (season(SUMMER, 2021), Precision.SEASON, D(2021, 6, 1), D(2021, 8, 31)),
    (season(AUTUMN, 2021), Precision.SEASON, D(2021, 9, 1), D(2021, 11, 30)),
    (season(WINTER, 2021), Precision.SEASON, D(2021, 12, 1), D(2022, 2, 28)),
    (season(WINTER, 2023), Precision.SEASON, D(2023, 12, 1), D(2024, 2, 29)),
    (season(WINTER, 1999), Precision.SEASON, D(1999, 12, 1), D(2000, 2, 29)),
    (season(WINTER, 2099), Precision.SEASON, D(2099, 12, 1), D(2100, 2, 28)),
    (season(WINTER, 2100), Precision.SEASON, D(2100, 12, 1), D(2101, 2, 28)),
    (month(1, 2021), Precision.MONTH, D(2021, 1, 1), D(2021, 1, 31)),
    (month(2, 2023), Precision.MONTH, D(2023, 2, 1), D(2023, 2, 28)),
    (month(2, 2024), Precision.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
    (month(2, 2000), Precision.MONTH, D(2000, 2, 1), D(2000, 2, 29)),
    (month(2, 1900), Precision.MONTH, D(1900, 2, 1), D(1900, 2, 28)),
    (month(4, 2021), Precision.MONTH, D(2021, 4, 1), D(2021, 4, 30)),
    (month(12, 2021), Precision.MONTH, D(2021, 12, 1), D(2021, 12, 31)),
    (day(29, 2, 2024), Precision.DAY, D(2024, 2, 29), D(2024, 2, 29)),
    (day(7, 5, 2022), Precision.DAY, D(2022, 5, 7), D(2022, 5, 7)),
    (day(31, 12, 2100), Precision.DAY, D(2100, 12, 31), D(2100, 12, 31)),
]


@pytest.mark.parametrize(("point", "precision", "first", "last"), DAY_CASES, ids=str)
def test_it_knows_the_first_and_last_day_of_every_precision(point, precision, first, last):
    assert point.precision is precision
    assert point.first_day() == first
    assert point.last_day() == last
    # A single-point period covers exactly the point.
    assert (single(point).first_day(), single(point).last_day()) == (first, last)


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        (span(month(4, 2019), month(8, 2019)), D(2019, 4, 1), D(2019, 8, 31)),
        (span(month(8, 2019), month(1, 2020)), D(2019, 8, 1), D(2020, 1, 31)),
        (span(season(AUTUMN, 2023), season(WINTER, 2023)), D(2023, 9, 1), D(2024, 2, 29)),
        (span(year(2019), year(2021)), D(2019, 1, 1), D(2021, 12, 31)),
        (span(year(2021), month(1, 2021)), D(2021, 1, 1), D(2021, 1, 31)),
        (since(season(AUTUMN, 2021)), D(2021, 9, 1), None),
        (since(year(2021)), D(2021, 1, 1), None),
    ],
    ids=str,
)
def test_it_knows_the_first_and_last_day_of_ranges_and_open_periods(period, first, last):
    assert (period.first_day(), period.last_day()) == (first, last)


# --------------------------------------------------------------------------- #
# has_started / is_over
# --------------------------------------------------------------------------- #

BOUNDARY_CASES = [
    # (period, day, has_started, is_over)
    (span(month(4, 2019), month(8, 2019)), D(2019, 3, 31), False, False),
    (span(month(4, 2019), month(8, 2019)), D(2019, 4, 1), True, False),
    (span(month(4, 2019), month(8, 2019)), D(2019, 8, 31), True, False),
    (span(month(4, 2019), month(8, 2019)), D(2019, 9, 1), True, True),
    (single(day(7, 5, 2022)), D(2022, 5, 6), False, False),
    (single(day(7, 5, 2022)), D(2022, 5, 7), True, False),
    (single(day(7, 5, 2022)), D(2022, 5, 8), True, True),
    (single(season(WINTER, 2023)), D(2023, 11, 30), False, False),
    (single(season(WINTER, 2023)), D(2023, 12, 1), True, False),
    (single(season(WINTER, 2023)), D(2024, 1, 1), True, False),
    (single(season(WINTER, 2023)), D(2024, 2, 29), True, False),
    (single(season(WINTER, 2023)), D(2024, 3, 1), True, True),
    (single(year(2021)), D(2020, 12, 31), False, False),
    (single(year(2021)), D(2021, 1, 1), True, False),
    (single(year(2021)), D(2021, 12, 31), True, False),
    (single(year(2021)), D(2022, 1, 1), True, True),
    (since(season(AUTUMN, 2021)), D(2021, 8, 31), False, False),
    (since(season(AUTUMN, 2021)), D(2021, 9, 1), True, False),
    (since(season(AUTUMN, 2021)), D(2101, 12, 31), True, False),
    (since(year(2021)), D(2020, 12, 31), False, False),
    (since(year(2021)), D(2021, 1, 1), True, False),
]


@pytest.mark.parametrize(
    ("period", "today", "started", "over"),
    BOUNDARY_CASES,
    ids=[f"{case[0]}@{case[1]}" for case in BOUNDARY_CASES],
)
def test_it_knows_whether_a_day_is_before_inside_or_after(period, today, started, over):
    assert period.has_started(today) is started
    assert period.is_over(today) is over


@pytest.mark.parametrize("method", ["has_started", "is_over"])
@pytest.mark.parametrize("value", [datetime.datetime(2021, 1, 1, 12), "2021-01-01", None])
def test_it_refuses_anything_but_a_date(method, value):
    with pytest.raises(TypeError):
        getattr(single(year(2021)), method)(value)


# --------------------------------------------------------------------------- #
# Ordering
# --------------------------------------------------------------------------- #


def test_it_sorts_a_mixed_timeline_by_first_day_then_last_day_open_ended_last():
    expected = [
        "april–august 2019",
        "august 2019–januar 2020",
        "januar–sommer 2021",
        "2021",
        "fra 2021",
        "høst 2021",
        "høst–vinter 2021/22",
        "fra høst 2021",
        "vinter 2021/22",
        "vår 2022",
        "30. april–7. mai 2022",
        "mai 2022",
        "7. mai 2022",
        "7.–12. mai 2022",
    ]
    shuffled = [Period.parse(text) for text in expected]
    random.Random(7).shuffle(shuffled)
    assert [str(p) for p in sorted(shuffled)] == expected
    assert [str(p) for p in sorted(shuffled, key=Period.sort_key)] == expected


ORDER_CASES = [
    # (earlier, later)
    ("2021", "fra 2021"),
    ("2021", "høst 2021"),
    ("fra 2021", "høst 2021"),
    ("høst 2021", "fra høst 2021"),
    ("januar 2021", "2021"),
    ("2021", "januar–desember 2021"),
    ("januar–desember 2021", "januar–31. desember 2021"),
    ("fra 2021", "fra januar 2021"),
    ("vår 2022", "mai 2022"),
    ("høst 2021", "vinter 2021/22"),
    ("vinter 2021/22", "januar 2022"),
    ("desember 2021", "vinter 2021/22"),
    ("2020", "2021"),
    ("31. desember 2021", "1. januar 2022"),
]


@pytest.mark.parametrize(
    ("earlier", "later"), ORDER_CASES, ids=[" < ".join(c) for c in ORDER_CASES]
)
def test_it_orders_periods(earlier, later):
    a, b = Period.parse(earlier), Period.parse(later)
    assert a < b
    assert a <= b
    assert b > a
    assert b >= a
    assert not b < a
    assert a != b


def test_it_orders_equal_periods_as_equal():
    a, b = Period.parse("høsten 2021"), Period.parse("autumn 2021")
    assert a == b
    assert a <= b
    assert a >= b
    assert not a < b
    assert hash(a) == hash(b)


@pytest.mark.parametrize("other", [None, 2021, "2021", year(2021)])
def test_it_refuses_to_order_a_period_against_other_types(other):
    with pytest.raises(TypeError):
        _ = single(year(2021)) < other


# --------------------------------------------------------------------------- #
# Constructors and validation
# --------------------------------------------------------------------------- #

CONSTRUCTOR_ERROR_CASES = [
    (lambda: Point(year=1899), "year_out_of_range"),
    (lambda: Point(year=2101), "year_out_of_range"),
    (lambda: Point(year=2021, season=AUTUMN, month=9), "invalid_date"),
    (lambda: Point(year=2021, day=7), "invalid_date"),
    (lambda: Point(year=2021, season=AUTUMN, day=7), "invalid_date"),
    (lambda: Point(year=2021, month=0), "invalid_date"),
    (lambda: Point(year=2021, month=13), "invalid_date"),
    (lambda: Point(year=2022, month=2, day=30), "invalid_date"),
    (lambda: Point(year=2023, month=2, day=29), "invalid_date"),
    (lambda: Point(year=2021, month=4, day=31), "invalid_date"),
    (lambda: Point(year=2021, month=1, day=0), "invalid_date"),
    (lambda: Point(year=2021, season=0), "invalid_date"),
    (lambda: Point(year=2021, season=5), "invalid_date"),
    (lambda: Period(start=year(2021), end=year(2022), open_ended=True), "open_with_end"),
    (lambda: Period(start=year(2022), end=year(2021)), "end_before_start"),
    (lambda: Period(start=season(SPRING, 2022), end=season(WINTER, 2021)), "end_before_start"),
    (lambda: Period(start=day(2, 1, 2022), end=day(1, 1, 2022)), "end_before_start"),
]


@pytest.mark.parametrize(("build", "code"), CONSTRUCTOR_ERROR_CASES)
def test_it_rejects_invalid_values_at_construction(build, code):
    with pytest.raises(PeriodError) as caught:
        build()
    assert caught.value.code == code


@pytest.mark.parametrize(
    "build",
    [
        lambda: Point(year="2021"),
        lambda: Point(year=2021.0),
        lambda: Point(year=True),
        lambda: Point(year=2021, month="5"),
        lambda: Period(start="2021"),
        lambda: Period(start=year(2021), end="2022"),
        lambda: Period(start=year(2021), open_ended=1),
        lambda: Point(2021),
    ],
)
def test_it_rejects_wrong_types_as_programming_errors(build):
    with pytest.raises(TypeError):
        build()


def test_it_allows_an_end_that_overlaps_the_start():
    period = Period(start=year(2021), end=month(1, 2021))
    assert period.last_day() == D(2021, 1, 31)


def test_it_drops_an_end_equal_to_the_start():
    assert Period(start=year(2021), end=year(2021)) == single(year(2021))
    assert Period(start=year(2021), end=year(2021)).end is None


def test_it_stores_a_season_given_as_an_int_as_the_enum():
    point = Point(year=2021, season=3)
    assert point.season is AUTUMN
    assert point == season(AUTUMN, 2021)


def test_it_is_immutable():
    period = single(year(2021))
    with pytest.raises(AttributeError):
        period.start = year(2022)
    with pytest.raises(AttributeError):
        period.start.year = 2022


def test_it_can_be_used_as_a_dict_key():
    assert {Period.parse("høst 2021"): "a"}[Period.parse("hausten 2021")] == "a"


# --------------------------------------------------------------------------- #
# Errors
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("code", sorted(ERROR_MESSAGES))
def test_it_has_an_english_message_for_every_error_code(code):
    error = PeriodError(code)
    assert isinstance(error, ValueError)
    assert error.code == code
    assert str(error) == ERROR_MESSAGES[code]


def test_it_lists_the_accepted_forms_when_it_cannot_read_the_text():
    with pytest.raises(PeriodError) as caught:
        Period.parse("snart")
    for example in ACCEPTED_EXAMPLES:
        assert example in str(caught.value)
    assert "snart" in caught.value.detail


def test_it_refuses_unknown_error_codes():
    with pytest.raises(KeyError):
        PeriodError("no_such_code")


# --------------------------------------------------------------------------- #
# Columns
# --------------------------------------------------------------------------- #


def test_it_maps_a_point_to_prefixed_columns():
    assert season(WINTER, 2021).as_columns("start_") == {
        "start_year": 2021,
        "start_season": 4,
        "start_month": None,
        "start_day": None,
    }
    assert day(7, 5, 2022).as_columns() == {"year": 2022, "season": None, "month": 5, "day": 7}


def test_it_maps_a_period_to_the_model_columns():
    assert Period.parse("august 2019–januar 2020").as_columns() == {
        "start_year": 2019,
        "start_season": None,
        "start_month": 8,
        "start_day": None,
        "end_year": 2020,
        "end_season": None,
        "end_month": 1,
        "end_day": None,
        "open_ended": False,
    }
    assert Period.parse("fra høst 2021").as_columns() == {
        "start_year": 2021,
        "start_season": 3,
        "start_month": None,
        "start_day": None,
        "end_year": None,
        "end_season": None,
        "end_month": None,
        "end_day": None,
        "open_ended": True,
    }


@pytest.mark.parametrize("period", ROUND_TRIP_PERIODS, ids=str)
def test_it_round_trips_through_columns_exactly(period):
    columns = period.as_columns()
    assert all(value is None or type(value) in (int, bool) for value in columns.values())
    assert Period.from_columns(**columns) == period
    assert Point.from_columns(**period.start.as_columns()) == period.start


def test_it_rejects_end_columns_without_an_end_year():
    columns = single(year(2021)).as_columns() | {"end_month": 5}
    with pytest.raises(PeriodError) as caught:
        Period.from_columns(**columns)
    assert caught.value.code == "invalid_date"


# --------------------------------------------------------------------------- #
# Stored text (EDTF)
# --------------------------------------------------------------------------- #

SERIALISE_CASES = [
    (single(year(2021)), "2021"),
    (single(year(MIN_YEAR)), "1900"),
    (single(year(MAX_YEAR)), "2100"),
    (single(season(SPRING, 2021)), "2021-21"),
    (single(season(SUMMER, 2021)), "2021-22"),
    (single(season(AUTUMN, 2021)), "2021-23"),
    (single(season(WINTER, 2021)), "2021-24"),
    (single(month(1, 2020)), "2020-01"),
    (single(month(12, 2020)), "2020-12"),
    (single(day(7, 5, 2022)), "2022-05-07"),
    (single(day(29, 2, 2024)), "2024-02-29"),
    (span(month(4, 2019), month(8, 2019)), "2019-04/2019-08"),
    (span(month(8, 2019), month(1, 2020)), "2019-08/2020-01"),
    (span(year(2019), year(2020)), "2019/2020"),
    (span(year(2021), season(AUTUMN, 2021)), "2021/2021-23"),
    (span(month(11, 2019), season(AUTUMN, 2020)), "2019-11/2020-23"),
    (span(day(7, 5, 2022), day(12, 5, 2022)), "2022-05-07/2022-05-12"),
    (span(season(WINTER, 2021), season(SPRING, 2022)), "2021-24/2022-21"),
    (since(year(2021)), "2021/.."),
    (since(season(AUTUMN, 2021)), "2021-23/.."),
    (since(day(7, 5, 2022)), "2022-05-07/.."),
]


@pytest.mark.parametrize(("period", "text"), SERIALISE_CASES, ids=[c[1] for c in SERIALISE_CASES])
def test_it_stores_a_period_as_edtf_text_and_reads_it_back(period, text):
    assert period.serialise() == text
    assert Period.deserialise(text) == period


@pytest.mark.parametrize(
    ("point", "text"),
    [
        (year(2021), "2021"),
        (season(WINTER, 2021), "2021-24"),
        (month(4, 2019), "2019-04"),
        (day(7, 5, 2022), "2022-05-07"),
    ],
)
def test_it_stores_a_point_as_edtf_text_and_reads_it_back(point, text):
    assert point.serialise() == text
    assert Point.deserialise(text) == point


def test_it_stores_an_end_equal_to_the_start_as_the_point_alone():
    assert Period(start=year(2021), end=year(2021)).serialise() == "2021"
    assert Period.deserialise("2021/2021") == single(year(2021))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "unreadable"),
        ("høst 2021", "unreadable"),  # editor text is for parse(), not for the database
        ("21", "unreadable"),
        ("02021", "unreadable"),
        ("2021-1", "unreadable"),
        ("2021-05-7", "unreadable"),
        (" 2021", "unreadable"),
        ("2021 ", "unreadable"),
        ("2021/", "unreadable"),
        ("/2021", "unreadable"),
        ("/..", "unreadable"),
        ("../2021", "unreadable"),
        ("2021/../..", "unreadable"),
        ("2021/2022/2023", "unreadable"),
        ("2021/...", "unreadable"),
        ("2021-04/2021-08-", "unreadable"),
        ("２０２１", "unreadable"),  # full-width digits
        ("٢٠٢١", "unreadable"),  # Arabic-Indic digits
        ("2021-00", "invalid_date"),
        ("2021-13", "invalid_date"),
        ("2021-20", "invalid_date"),
        ("2021-25", "invalid_date"),
        ("2021-23-01", "invalid_date"),  # a season has no days
        ("2021-02-30", "invalid_date"),
        ("2021-04-00", "invalid_date"),
        ("1899", "year_out_of_range"),
        ("2101-01", "year_out_of_range"),
        ("2022/2021", "end_before_start"),
        ("2022-03/2021-24", "end_before_start"),  # winter 2021 ends in February 2022
    ],
)
def test_it_refuses_stored_text_that_it_did_not_write(text, code):
    with pytest.raises(PeriodError) as caught:
        Period.deserialise(text)
    assert caught.value.code == code


@pytest.mark.parametrize("value", [None, 2021, b"2021", Period.parse("2021")])
def test_it_refuses_to_read_stored_text_that_is_not_a_string(value):
    with pytest.raises(TypeError):
        Period.deserialise(value)
    with pytest.raises(TypeError):
        Point.deserialise(value)


# --------------------------------------------------------------------------- #
# The module itself
# --------------------------------------------------------------------------- #


def test_its_docstring_examples_hold():
    result = doctest.testmod(periods)
    assert result.attempted > 0
    assert result.failed == 0


def test_it_imports_only_the_standard_library():
    with open(periods.__file__, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}


# --------------------------------------------------------------------------- #
# Properties
# --------------------------------------------------------------------------- #


@st.composite
def points(draw, min_year=MIN_YEAR, max_year=MAX_YEAR):
    y = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(Precision))
    if precision is Precision.YEAR:
        return Point(year=y)
    if precision is Precision.SEASON:
        return Point(year=y, season=draw(st.sampled_from(Season)))
    m = draw(st.integers(1, 12))
    if precision is Precision.MONTH:
        return Point(year=y, month=m)
    return Point(year=y, month=m, day=draw(st.integers(1, calendar.monthrange(y, m)[1])))


@st.composite
def valid_periods(draw):
    start = draw(points())
    shape = draw(st.sampled_from(["single", "open", "range"]))
    if shape == "single":
        return Period(start=start)
    if shape == "open":
        return Period(start=start, open_ended=True)
    # Ends in the same or a near year, so ranges inside one year are common.
    end = draw(points(start.year, min(start.year + 2, MAX_YEAR)))
    assume(end.last_day() >= start.first_day())
    return Period(start=start, end=end)


# The autouse cache fixture in tests/conftest.py is harmless here: it only clears a cache.
PROPERTY_SETTINGS = settings(
    max_examples=500, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY_SETTINGS
@given(valid_periods())
def test_it_parses_its_own_formatting_in_every_language(period):
    for lang in LANGUAGES:
        assert Period.parse(period.format(lang)) == period


@PROPERTY_SETTINGS
@given(valid_periods())
def test_it_round_trips_any_period_through_columns(period):
    assert Period.from_columns(**period.as_columns()) == period


@PROPERTY_SETTINGS
@given(valid_periods())
def test_it_reads_back_every_period_it_stores(period):
    text = period.serialise()
    assert Period.deserialise(text) == period
    assert Period.deserialise(text).serialise() == text
    assert len(text) <= len("2022-05-07/2023-05-07")


@PROPERTY_SETTINGS
@given(valid_periods())
def test_its_stored_text_starts_with_the_start_year_and_ends_with_the_end(period):
    """The stored text reads in a database shell: the start's year first, the end after the slash."""
    text = period.serialise()
    assert text[:4] == f"{period.first_day().year:04d}"
    end_text = text[text.find("/") + 1 :]  # SQL's SUBSTR(text, STRPOS(text, '/') + 1)
    if period.open_ended:
        assert end_text == ".."
    else:
        last_point = period.end or period.start
        assert end_text == last_point.serialise()
        winter = last_point.season is Season.WINTER
        assert int(end_text[:4]) == period.last_day().year - (1 if winter else 0)


@PROPERTY_SETTINGS
@given(valid_periods(), valid_periods())
def test_equal_periods_and_only_they_are_stored_alike(a, b):
    assert (a.serialise() == b.serialise()) == (a == b)


@PROPERTY_SETTINGS
@given(valid_periods(), valid_periods())
def test_its_sort_key_agrees_with_first_day_and_equality(a, b):
    assert a.sort_key()[0] == a.first_day()
    if a.first_day() < b.first_day():
        assert a < b
    if a.sort_key() == b.sort_key():
        assert a == b
    assert (a < b) + (a == b) + (a > b) == 1


@PROPERTY_SETTINGS
@given(valid_periods(), st.dates(D(1899, 1, 1), D(2102, 12, 31)))
def test_it_answers_started_and_over_consistently_with_its_first_and_last_day(period, today):
    last = period.last_day()
    assert period.has_started(today) == (period.first_day() <= today)
    assert period.is_over(today) == (last is not None and today > last)
    assert period.is_over(today) <= period.has_started(today)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021", "2021"),
        ("januar 2021", "2021-01"),
        ("15. januar 2021", "2021-01-15"),
        ("høst 2021", "2021"),
        ("vinter 2021", None),
        ("fra høst 2021", "2021"),
        ("fra 7. mai 2022", "2022-05-07"),
        ("april–august 2019", "2019"),
        ("7.–12. mai 2022", "2022-05"),
        ("august 2019–januar 2020", None),
    ],
)
def test_it_gives_a_machine_readable_date_that_claims_no_more_than_the_text(text, expected):
    assert Period.parse(text).machine_readable() == expected
