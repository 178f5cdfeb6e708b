"""Fuzzy periods: rollout dates at the precision people actually wrote them.

The Helseplattformen rollout plan was never written as exact dates. Editors write
"april-august 2019", "fra høst 2021", "7. mai 2022" or just "2021", and the site
must keep that precision: "høst 2021" is not "1 September 2021". This module is
the value type for such dates. It is pure Python (no Django), so it can be tested
and reasoned about on its own; the database stores it as one text column
(``phases.fields.PeriodField``, through ``Period.serialise`` / ``Period.deserialise``)
and the forms translate ``PeriodError.code`` into the visitor's language.

The stored text is the period in the Extended Date/Time Format (EDTF, ISO 8601-2,
level 1), which a person can read and any EDTF library can parse: a season is
21-24 in the month's place, a range has a slash, and an unknown end is "..":

>>> [Period.parse(text).serialise() for text in ("høst 2021", "7. mai 2022", "fra april 2019")]
['2021-23', '2022-05-07', '2019-04/..']
>>> Period.deserialise("2019-08/2020-01").format("nb")
'august 2019–januar 2020'


A ``Point`` is one fuzzy date (a year, a season, a month or a day). A ``Period``
is a single point, a closed range of two points, or an open-ended "from" point.

Tricky cases, and the rules chosen for them:

Winter spans the new year. It belongs to the year it starts in, so "vinter 2021"
is 1 December 2021 to the end of February 2022, and it is always written with both
years so nobody has to know the rule:

>>> winter = Period.parse("vinter 2021")
>>> winter.first_day(), winter.last_day()
(datetime.date(2021, 12, 1), datetime.date(2022, 2, 28))
>>> [winter.format(lang) for lang in LANGUAGES]
['vinter 2021/22', 'vinteren 2021/22', 'winter 2021/22']
>>> Period.parse("winter 2023–24").last_day()  # a leap year
datetime.date(2024, 2, 29)

A start without a year takes the end's year (and a day without a month takes the
end's month); formatting drops the repeated year the same way:

>>> Period.parse("januar-sommer 2021").format("nb")
'januar–sommer 2021'
>>> Period.parse("7.-12. mai 2022").format("en")
'7–12 May 2022'

It is never moved to the year before: "desember–februar 2022" is rejected as an
end before its start, and the editor writes "desember 2021–februar 2022".

>>> try:
...     Period.parse("desember–februar 2022")
... except PeriodError as error:
...     error.code
'end_before_start'

Nynorsk uses the definite form of seasons ("hausten 2021", "frå våren 2022");
Bokmål and English use the bare form ("høst 2021", "autumn 2021"):

>>> Period.parse("fra høst 2021").format("nn")
'frå hausten 2021'

Text is lower case, as it reads mid-sentence ("Innføringen skjer høst 2021");
templates capitalise where a sentence starts. English month names are capitalised.

Periods sort by first day, then last day, open-ended last:

>>> [str(p) for p in sorted(Period.parse(t) for t in ("høst 2021", "fra 2021", "2021"))]
['2021', 'fra 2021', 'høst 2021']

Not supported, on purpose: phrases finer than a month ("slutten av april 2023"),
quarters and halves of years, and two-digit years ("2019-20"). They are rejected
with a message rather than widened silently, so the editor sees what was stored.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any, NamedTuple

__all__ = [
    "ACCEPTED_EXAMPLES",
    "COLUMN_NAMES",
    "ERROR_MESSAGES",
    "LANGUAGES",
    "MAX_INPUT_LENGTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "Period",
    "PeriodError",
    "Point",
    "Precision",
    "Season",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
LANGUAGES = ("nb", "nn", "en")

# Longer input than this is rejected before parsing. The longest sensible input
# ("fra og med 30. september 2021 til og med 31. desember 2022") is about 60
# characters; the cap keeps the work per request small whatever is pasted.
MAX_INPUT_LENGTH = 100

# The separator of a range, as the original site wrote it: an en dash, no spaces.
RANGE_DASH = "–"

# The nine columns a period was stored in before migration 0013 (``Period.as_columns``).
COLUMN_NAMES = (
    "start_year",
    "start_season",
    "start_month",
    "start_day",
    "end_year",
    "end_season",
    "end_month",
    "end_day",
    "open_ended",
)

# EDTF's numbers for the seasons, written where the month would be ("2021-23" is autumn 2021).
_EDTF_SEASON_OFFSET = 20
# EDTF's mark for an interval's open end ("2021-23/.." is "fra høst 2021").
_EDTF_OPEN_END = ".."


# --------------------------------------------------------------------------- #
# Enums
# --------------------------------------------------------------------------- #


class Season(IntEnum):
    """A meteorological season, as Norwegians use the words.

    WINTER belongs to the year it starts in: winter 2021 runs from 1 December 2021
    to the end of February 2022. "vinter 2021/2022", "vinteren 2021/22" and
    "winter 2021–22" all parse to that winter.
    """

    SPRING = 1  # vår: March-May
    SUMMER = 2  # sommer: June-August
    AUTUMN = 3  # høst: September-November
    WINTER = 4  # vinter: December-February (into the next year)


# First and last month of each season. Winter's last month is in the next year.
_SEASON_MONTHS = {
    Season.SPRING: (3, 5),
    Season.SUMMER: (6, 8),
    Season.AUTUMN: (9, 11),
    Season.WINTER: (12, 2),
}


class Precision(StrEnum):
    """How precisely a point was written."""

    YEAR = "year"
    SEASON = "season"
    MONTH = "month"
    DAY = "day"


# Coarse to fine. Used only to break ties in Period.sort_key.
_PRECISION_RANK = {Precision.YEAR: 0, Precision.SEASON: 1, Precision.MONTH: 2, Precision.DAY: 3}


# --------------------------------------------------------------------------- #
# Errors
# --------------------------------------------------------------------------- #

# Written as the original site wrote them; every one of these parses.
ACCEPTED_EXAMPLES = (
    "2021",
    "høst 2021",
    "januar 2020",
    "7. mai 2022",
    "april–august 2019",
    "august 2019–januar 2020",
    "fra høst 2021",
)

_EXAMPLES_TEXT = ", ".join(ACCEPTED_EXAMPLES)

# English messages by error code. The forms translate by code; these are for
# logs, the shell and anyone calling the module directly.
ERROR_MESSAGES = {
    "empty": f"Write a date or a period, for example: {_EXAMPLES_TEXT}.",
    "unreadable": (
        "Could not read this as a date or a period. Write a year, a season, a month "
        f"or a day, a range of two of them, or 'fra' and one of them, for example: "
        f"{_EXAMPLES_TEXT}."
    ),
    "missing_year": "Add a year, for example 'høst 2021' or 'april–august 2019'.",
    "year_out_of_range": f"The year must be between {MIN_YEAR} and {MAX_YEAR}.",
    "invalid_date": "This date does not exist (for example 30 February).",
    "end_before_start": (
        "The end of the period is before its start. A start without a year takes the "
        "end's year; write both years for a range over the new year, for example "
        "'august 2019–januar 2020'."
    ),
    "open_with_end": "A period that runs 'from' a date ('fra høst 2021') cannot also have an end.",
}


class PeriodError(ValueError):
    """Text or values that are not a valid fuzzy date or period.

    ``code`` is one of the keys of ``ERROR_MESSAGES`` and is what callers should
    branch on or translate; ``detail`` is an optional English hint such as the
    word that was not understood.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in ERROR_MESSAGES:
            raise KeyError(f"Unknown PeriodError code {code!r}")
        self.code = code
        self.detail = detail
        message = ERROR_MESSAGES[code]
        super().__init__(f"{message} ({detail})" if detail else message)


# --------------------------------------------------------------------------- #
# Point
# --------------------------------------------------------------------------- #


def _require_int(name: str, value: object, *, optional: bool = True) -> None:
    """Reject wrong types early: they are programming errors, not editor input."""
    if value is None and optional:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")


def _last_day_of_month(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, kw_only=True)
class Point:
    """One fuzzy date: a year, a season of a year, a month or a day.

    At most one of ``season`` and ``month`` is set, and ``day`` needs ``month``.
    """

    year: int
    season: Season | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        _require_int("year", self.year, optional=False)
        for name in ("season", "month", "day"):
            _require_int(name, getattr(self, name))
        if self.season is not None:
            # Accept plain ints (from the database) but store the enum, so that
            # formatting and repr always see a Season.
            try:
                object.__setattr__(self, "season", Season(self.season))
            except ValueError:
                raise PeriodError("invalid_date", f"no season {self.season}") from None
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError("year_out_of_range", str(self.year))
        if self.season is not None and self.month is not None:
            raise PeriodError("invalid_date", "a point has a season or a month, not both")
        if self.day is not None and self.month is None:
            raise PeriodError("invalid_date", "a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise PeriodError("invalid_date", f"no month {self.month}")
        if self.day is not None:
            try:
                datetime.date(self.year, self.month, self.day)
            except ValueError:
                raise PeriodError("invalid_date", f"{self.year}-{self.month}-{self.day}") from None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        return Precision.YEAR

    def first_day(self) -> datetime.date:
        if self.season is not None:
            return datetime.date(self.year, _SEASON_MONTHS[self.season][0], 1)
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        if self.day is not None:
            return datetime.date(self.year, self.month, self.day)
        if self.month is not None:
            return _last_day_of_month(self.year, self.month)
        if self.season is not None:
            last_month = _SEASON_MONTHS[self.season][1]
            year = self.year + 1 if self.season is Season.WINTER else self.year
            return _last_day_of_month(year, last_month)
        return datetime.date(self.year, 12, 31)

    def machine_readable(self) -> str | None:
        """Return the point as an HTML date string at its own precision (see ``date_string``)."""
        return date_string(self.first_day(), self.last_day())

    def format(self, lang: str) -> str:
        """The point on its own, e.g. "høst 2021", "hausten 2021", "autumn 2021"."""
        return _format_point(self, _language(lang))

    def __str__(self) -> str:
        return self.format("nb")

    def serialise(self) -> str:
        """The point in EDTF: "2021", "2021-23" (autumn), "2021-04" or "2022-05-07"."""
        if self.season is not None:
            return f"{self.year:04d}-{_EDTF_SEASON_OFFSET + self.season:02d}"
        parts = [f"{self.year:04d}"]
        parts += [f"{number:02d}" for number in (self.month, self.day) if number is not None]
        return "-".join(parts)

    @classmethod
    def deserialise(cls, text: str) -> Point:
        """Read a point written by ``serialise``; raise PeriodError for anything else."""
        if not isinstance(text, str):
            raise TypeError(f"expected str, not {type(text).__name__}")
        match = _EDTF_POINT_RE.fullmatch(text)
        if match is None:
            raise PeriodError("unreadable", f"not a stored date: {text!r}")
        year, middle, day = match.group("year", "middle", "day")
        if middle is not None and int(middle) > _EDTF_SEASON_OFFSET and day is None:
            return cls(year=int(year), season=int(middle) - _EDTF_SEASON_OFFSET)
        return cls(
            year=int(year),
            month=int(middle) if middle is not None else None,
            day=int(day) if day is not None else None,
        )

    def as_columns(self, prefix: str = "") -> dict[str, int | None]:
        """The point as model columns: ``{prefix}year``, ``season``, ``month``, ``day``."""
        return {
            f"{prefix}year": self.year,
            f"{prefix}season": int(self.season) if self.season is not None else None,
            f"{prefix}month": self.month,
            f"{prefix}day": self.day,
        }

    @classmethod
    def from_columns(
        cls,
        *,
        year: int,
        season: int | None = None,
        month: int | None = None,
        day: int | None = None,
    ) -> Point:
        return cls(year=year, season=season, month=month, day=day)


# --------------------------------------------------------------------------- #
# Period
# --------------------------------------------------------------------------- #


def _require_date(day: object) -> None:
    # A datetime is a date, but comparing one with a date raises, and its date
    # depends on the time zone: make the caller pick (timezone.localdate()).
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise TypeError(f"expected a datetime.date, not {type(day).__name__}")


@functools.total_ordering
@dataclass(frozen=True, kw_only=True)
class Period:
    """A single point, a closed range ``start``–``end``, or open-ended "from start".

    - ``Period(start=p)``: just the point, e.g. "høst 2021" or "7. mai 2022".
    - ``Period(start=a, end=b)``: "april–august 2019". An end equal to the start
      is dropped, so "2021–2021" is the same value as "2021".
    - ``Period(start=p, open_ended=True)``: "fra høst 2021", no known end.

    The end may not be wholly before the start; it may overlap it ("2021–høst 2021").
    """

    start: Point
    end: Point | None = None
    open_ended: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.start, Point):
            raise TypeError(f"start must be a Point, not {type(self.start).__name__}")
        if self.end is not None and not isinstance(self.end, Point):
            raise TypeError(f"end must be a Point or None, not {type(self.end).__name__}")
        if not isinstance(self.open_ended, bool):
            raise TypeError("open_ended must be a bool")
        if self.open_ended and self.end is not None:
            raise PeriodError("open_with_end")
        if self.end == self.start:
            # One value for one meaning: keeps equality, hashing and columns simple.
            object.__setattr__(self, "end", None)
        if self.end is not None and self.end.last_day() < self.start.first_day():
            raise PeriodError("end_before_start")

    # -- days ------------------------------------------------------------------

    def first_day(self) -> datetime.date:
        return self.start.first_day()

    def last_day(self) -> datetime.date | None:
        """The last day, or None when the period is open-ended."""
        if self.open_ended:
            return None
        return (self.end or self.start).last_day()

    def has_started(self, day: datetime.date) -> bool:
        """True from the first day on."""
        _require_date(day)
        return day >= self.first_day()

    def is_over(self, day: datetime.date) -> bool:
        """True after the last day; never for an open-ended period."""
        _require_date(day)
        last = self.last_day()
        return last is not None and day > last

    # -- order -----------------------------------------------------------------

    def sort_key(self) -> tuple[datetime.date, datetime.date, int, int]:
        """Order by first day, then last day (open-ended last).

        The precision ranks only break ties between different periods covering
        the same days ("2021" before "januar–desember 2021"), which makes the
        order total and consistent with ``==``.
        """
        last = self.last_day()
        end_rank = _PRECISION_RANK[self.end.precision] if self.end is not None else -1
        return (
            self.first_day(),
            last if last is not None else datetime.date.max,
            _PRECISION_RANK[self.start.precision],
            end_rank,
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    # -- text ------------------------------------------------------------------

    def machine_readable(self) -> str | None:
        """Return the period as an HTML date string that claims no more than it knows.

        A closed period gives the finest string that contains all of it ("april–august
        2019" is "2019"); an open-ended one gives its start ("fra høst 2021" is "2021").
        None when no single year contains it (a winter, "august 2019–januar 2020").
        """
        if self.open_ended:
            return self.start.machine_readable()
        return date_string(self.first_day(), self.last_day())

    def format(self, lang: str) -> str:
        """The period in "nb", "nn" or "en" (a region suffix such as "nb-NO" is ignored)."""
        return _format_period(self, _language(lang))

    def __str__(self) -> str:
        return self.format("nb")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read what an editor typed, in Bokmål, Nynorsk or English.

        Raises PeriodError with a ``code`` the form layer can translate.
        """
        return _parse(text)

    # -- storage ---------------------------------------------------------------

    def serialise(self) -> str:
        """The period as stored: EDTF, "2021-23", "2019-04/2019-08" or "2021-23/.."

        One text per value (an end equal to the start is dropped when the value is
        built), so equal periods are stored alike and the text can be compared in SQL.
        Its first four characters are the start's year, and the text after the slash
        (or the whole text, without one) starts with the end's year or is "..".
        """
        if self.open_ended:
            return f"{self.start.serialise()}/{_EDTF_OPEN_END}"
        if self.end is None:
            return self.start.serialise()
        return f"{self.start.serialise()}/{self.end.serialise()}"

    @classmethod
    def deserialise(cls, text: str) -> Period:
        """Read a period written by ``serialise``; raise PeriodError for anything else.

        Strict on purpose: this reads what the database holds, not what editors
        type (that is ``parse``), so a stray value is an error rather than a guess.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected str, not {type(text).__name__}")
        start, slash, end = text.partition("/")
        if not slash:
            return cls(start=Point.deserialise(start))
        if end == _EDTF_OPEN_END:
            return cls(start=Point.deserialise(start), open_ended=True)
        return cls(start=Point.deserialise(start), end=Point.deserialise(end))

    def as_columns(self) -> dict[str, Any]:
        """The period as the nine columns it was stored in before migration 0013.

        Kept for that migration, which converts between the two shapes both ways.
        """
        end_columns = (
            self.end.as_columns("end_")
            if self.end is not None
            else dict.fromkeys(("end_year", "end_season", "end_month", "end_day"))
        )
        return {**self.start.as_columns("start_"), **end_columns, "open_ended": self.open_ended}

    @classmethod
    def from_columns(
        cls,
        *,
        start_year: int,
        start_season: int | None = None,
        start_month: int | None = None,
        start_day: int | None = None,
        end_year: int | None = None,
        end_season: int | None = None,
        end_month: int | None = None,
        end_day: int | None = None,
        open_ended: bool = False,
    ) -> Period:
        """Build a period from the nine columns of ``as_columns`` (for migration 0013)."""
        start = Point.from_columns(
            year=start_year, season=start_season, month=start_month, day=start_day
        )
        end = None
        if end_year is not None:
            end = Point.from_columns(year=end_year, season=end_season, month=end_month, day=end_day)
        elif (end_season, end_month, end_day) != (None, None, None):
            raise PeriodError("invalid_date", "end columns without an end year")
        return cls(start=start, end=end, open_ended=bool(open_ended))


# --------------------------------------------------------------------------- #
# Formatting
# --------------------------------------------------------------------------- #

# fmt: off
_MONTHS_NO = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# fmt: on
# Nynorsk month names are the same as Bokmål.
_MONTH_NAMES = {"nb": _MONTHS_NO, "nn": _MONTHS_NO, "en": _MONTHS_EN}

# Bokmål writes "høst 2021" as the original site did; Nynorsk reads naturally
# only in the definite form ("hausten 2021", "frå våren 2022").
_SEASON_NAMES = {
    "nb": {
        Season.SPRING: "vår",
        Season.SUMMER: "sommer",
        Season.AUTUMN: "høst",
        Season.WINTER: "vinter",
    },
    "nn": {
        Season.SPRING: "våren",
        Season.SUMMER: "sommaren",
        Season.AUTUMN: "hausten",
        Season.WINTER: "vinteren",
    },
    "en": {
        Season.SPRING: "spring",
        Season.SUMMER: "summer",
        Season.AUTUMN: "autumn",
        Season.WINTER: "winter",
    },
}

_FROM_WORDS = {"nb": "fra", "nn": "frå", "en": "from"}

# A stored point: the year, then a month or an EDTF season number, then a day.
# Which numbers are valid is checked by Point itself.
_EDTF_POINT_RE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<middle>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")


def date_string(first: datetime.date, last: datetime.date) -> str | None:
    """Return the finest HTML date string (day, month or year) that contains first..last.

    HTML's ``<time datetime>`` knows "2021-01-15", "2021-01" and "2021", but no
    season and no range, so a season or range is given as the year it lies in,
    and one that spans two years gets none (None).

    >>> date_string(datetime.date(2021, 1, 15), datetime.date(2021, 1, 15))
    '2021-01-15'
    >>> date_string(datetime.date(2021, 1, 1), datetime.date(2021, 1, 31))
    '2021-01'
    >>> date_string(datetime.date(2021, 9, 1), datetime.date(2021, 11, 30))
    '2021'
    >>> date_string(datetime.date(2021, 12, 1), datetime.date(2022, 2, 28)) is None
    True
    """
    if first.year != last.year:
        return None
    if first.month != last.month:
        return f"{first.year:04d}"
    if first.day != last.day:
        return f"{first.year:04d}-{first.month:02d}"
    return first.isoformat()


def _language(lang: str) -> str:
    """Map "nb", "nb-NO", "nn_NO", "EN-gb" and the legacy "no" to a supported language."""
    base = str(lang).lower().replace("_", "-").split("-")[0]
    base = "nb" if base == "no" else base
    if base not in LANGUAGES:
        raise ValueError(f"Unsupported language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return base


def _winter_years(year: int) -> str:
    """Both years of a winter: "2021/22", or "1999/2000" when the century changes."""
    following = year + 1
    if following // 100 != year // 100:
        return f"{year}/{following}"
    return f"{year}/{following % 100:02d}"


def _format_point(point: Point, lang: str, *, year: bool = True, month: bool = True) -> str:
    """Format a point; ``year=False``/``month=False`` leave out what the end repeats."""
    precision = point.precision
    if precision is Precision.YEAR:
        return str(point.year)
    if precision is Precision.SEASON:
        name = _SEASON_NAMES[lang][point.season]
        if point.season is Season.WINTER:
            # Always both years: "vinter 2022" alone would be read as Jan-Feb 2022.
            return f"{name} {_winter_years(point.year)}"
        return f"{name} {point.year}" if year else name
    month_name = _MONTH_NAMES[lang][point.month - 1]
    if precision is Precision.MONTH:
        return f"{month_name} {point.year}" if year else month_name
    # Day: "7. mai 2022" in Norwegian, "7 May 2022" in English.
    parts = [str(point.day) if lang == "en" else f"{point.day}."]
    if month:
        parts.append(month_name)
    if year:
        parts.append(str(point.year))
    return " ".join(parts)


def _start_can_borrow_year(start: Point, end: Point) -> bool:
    """Whether "april 2019–august 2019" may be shortened to "april–august 2019".

    A bare year cannot lose its year, and a year-only end would read oddly
    ("høst–2021"). (A winter start keeps its years anyway: _format_point always
    writes both, "vinter 2021/22–vår 2022".)
    """
    return (
        start.year == end.year
        and start.precision is not Precision.YEAR
        and end.precision is not Precision.YEAR
    )


def _format_period(period: Period, lang: str) -> str:
    start, end = period.start, period.end
    if period.open_ended:
        return f"{_FROM_WORDS[lang]} {_format_point(start, lang)}"
    if end is None:
        return _format_point(start, lang)
    borrow_year = _start_can_borrow_year(start, end)
    # "7.–12. mai 2022": the month too, when both ends are days of the same month.
    borrow_month = (
        borrow_year
        and start.precision is Precision.DAY
        and end.precision is Precision.DAY
        and start.month == end.month
    )
    start_text = _format_point(start, lang, year=not borrow_year, month=not borrow_month)
    return f"{start_text}{RANGE_DASH}{_format_point(end, lang)}"


# --------------------------------------------------------------------------- #
# Parsing
#
# Text is split into tokens by one regular expression whose alternatives are
# single character classes (linear, no backtracking), then read by a small
# recursive-descent parser that looks at most four tokens ahead. Grammar:
#
#   period := [FROM] point [RANGE [point]]      -- RANGE with no point: "2021–"
#   point  := YYYY [- M - D]                    -- "2021", "2022-05-07"
#           | D . M . YYYY                      -- "07.05.2022", "7.5.2022"
#           | D [.] [MONTH [.] [YYYY]]          -- "7. mai 2022", "7 May", "7."
#           | MONTH [.] [D [,]] [YYYY]          -- "mai 2022", "May 7, 2022", "jan."
#           | SEASON [YYYY [/ YY]]              -- "høsten 2021", "vinter 2021/22"
#
# A start may leave out the year (and a day may leave out the month); it then
# takes them from the end. Everything else must be complete.
# --------------------------------------------------------------------------- #

_MONTH_WORDS = {
    **{name: number for number, name in enumerate(_MONTHS_NO, start=1)},
    **{name.lower(): number for number, name in enumerate(_MONTHS_EN, start=1)},
    # Abbreviations, Norwegian and English ("mar" and "sep" are shared).
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "des": 12,
    "dec": 12,
}

_SEASON_WORDS = {
    # Bokmål and Nynorsk, bare and definite forms, then English.
    "vår": Season.SPRING,
    "våren": Season.SPRING,
    "spring": Season.SPRING,
    "sommer": Season.SUMMER,
    "sommeren": Season.SUMMER,
    "sommar": Season.SUMMER,
    "sommaren": Season.SUMMER,
    "summer": Season.SUMMER,
    "høst": Season.AUTUMN,
    "høsten": Season.AUTUMN,
    "haust": Season.AUTUMN,
    "hausten": Season.AUTUMN,
    "autumn": Season.AUTUMN,
    "fall": Season.AUTUMN,
    "vinter": Season.WINTER,
    "vinteren": Season.WINTER,
    "winter": Season.WINTER,
}


# A number, a word (letters only, so "høst2021" is two tokens) or one other
# character. Whitespace only separates tokens.
_TOKEN_RE = re.compile(r"[0-9]+|[^\W\d_]+|\S")
_DASHES = frozenset("-‐‑‒–—―−")  # hyphen, en and em dash, minus and friends
_PUNCTUATION = frozenset("./,")


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    """Phrases as token sequences, longest first so "fra og med" wins over "fra"."""
    split = (tuple(_TOKEN_RE.findall(text)) for text in texts)
    return tuple(sorted(split, key=len, reverse=True))


_FROM_PHRASES = _phrases(
    "fra", "frå", "from", "since", "fom", "f.o.m.", "f.o.m", "fra og med", "frå og med"
)
_RANGE_PHRASES = _phrases("-", "til", "to", "until", "til og med", "t.o.m.", "t.o.m")


class _Token(NamedTuple):
    kind: str  # "num", "word" or "punct"
    text: str  # dashes are normalised to "-"


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN_RE.finditer(text):
        value = match.group()
        if value[0] in "0123456789":
            tokens.append(_Token("num", value))
        elif value in _DASHES:
            tokens.append(_Token("punct", "-"))
        elif value in _PUNCTUATION:
            tokens.append(_Token("punct", value))
        elif value.isalpha():
            tokens.append(_Token("word", value))
        else:
            raise PeriodError("unreadable", f"unexpected {value!r}")
    return tokens


@dataclass(kw_only=True)
class _Partial:
    """A point as written, before the start borrows what it left out from the end."""

    year: int | None = None
    season: Season | None = None
    month: int | None = None
    day: int | None = None

    def complete(self) -> Point:
        if self.day is not None and self.month is None:
            raise PeriodError("unreadable", "a day without a month")
        if self.year is None:
            raise PeriodError("missing_year")
        return Point(year=self.year, season=self.season, month=self.month, day=self.day)

    def complete_from(self, end: Point) -> Point:
        """Fill in the year (and the month of a bare day) from the end of the range."""
        if self.year is not None:
            return self.complete()
        month = self.month
        if self.day is not None and month is None:
            if end.month is None:
                raise PeriodError("unreadable", "a day without a month")
            month = end.month
        return Point(year=end.year, season=self.season, month=month, day=self.day)


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    # -- token helpers -----------------------------------------------------------

    def _peek(self, offset: int = 0) -> _Token | None:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def _is(self, offset: int, kind: str, text: str | None = None, max_digits: int = 0) -> bool:
        """Whether the token ``offset`` ahead has this kind (and text, and at most
        ``max_digits`` characters when that is given)."""
        token = self._peek(offset)
        if token is None or token.kind != kind:
            return False
        if text is not None and token.text != text:
            return False
        return not max_digits or len(token.text) <= max_digits

    def _take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def _skip(self, text: str) -> bool:
        """Consume one punctuation token if it is ``text``."""
        if self._is(0, "punct", text):
            self.pos += 1
            return True
        return False

    def _skip_phrase(self, phrases: tuple[tuple[str, ...], ...]) -> bool:
        for phrase in phrases:
            window = self.tokens[self.pos : self.pos + len(phrase)]
            if tuple(token.text for token in window) == phrase:
                self.pos += len(phrase)
                return True
        return False

    def _optional_year(self) -> int | None:
        token = self._peek()
        if token is not None and token.kind == "num" and len(token.text) == 4:
            self.pos += 1
            return int(token.text)
        return None

    def _month_word(self) -> int | None:
        token = self._peek()
        if token is None or token.kind != "word" or token.text not in _MONTH_WORDS:
            return None
        self.pos += 1
        self._skip(".")  # "jan.", "sept."
        return _MONTH_WORDS[token.text]

    # -- grammar -----------------------------------------------------------------

    def period(self) -> Period:
        has_from = self._skip_phrase(_FROM_PHRASES)
        start = self._point()
        end = None
        has_range = self._skip_phrase(_RANGE_PHRASES)
        # "2021–" is the usual way to write "since 2021"; only a dash, as a
        # trailing "til" is more likely unfinished than meant.
        trailing_dash = has_range and self._peek() is None and self.tokens[-1].text == "-"
        if has_range and not trailing_dash:
            end = self._point()
        token = self._peek()
        if token is not None:
            raise PeriodError("unreadable", f"unexpected {token.text!r}")
        if end is None:
            return Period(start=start.complete(), open_ended=has_from or trailing_dash)
        # "fra januar til mars 2020" is a closed range: the end wins over "fra".
        end_point = end.complete()
        return Period(start=start.complete_from(end_point), end=end_point)

    def _point(self) -> _Partial:
        token = self._peek()
        if token is None:
            raise PeriodError("unreadable", "a date is missing")
        if token.kind == "num" and len(token.text) == 4:
            return self._from_year()
        if token.kind == "num" and len(token.text) <= 2:
            return self._from_day()
        if token.kind == "word" and token.text in _SEASON_WORDS:
            return self._from_season()
        if token.kind == "word" and token.text in _MONTH_WORDS:
            return self._from_month()
        raise PeriodError("unreadable", f"unexpected {token.text!r}")

    def _from_year(self) -> _Partial:
        year = int(self._take().text)
        # ISO "2022-05-07". Needs all four tokens, so "2021-2022" stays a range.
        if (
            self._is(0, "punct", "-")
            and self._is(1, "num", max_digits=2)
            and self._is(2, "punct", "-")
            and self._is(3, "num", max_digits=2)
        ):
            month, day = int(self.tokens[self.pos + 1].text), int(self.tokens[self.pos + 3].text)
            self.pos += 4
            return _Partial(year=year, month=month, day=day)
        return _Partial(year=year)

    def _from_day(self) -> _Partial:
        day = int(self._take().text)
        if self._skip(".") and self._is(0, "num", max_digits=2):
            # "07.05.2022": the year is required, "7.5." alone is too easy to misread.
            month = int(self._take().text)
            year = self._optional_year() if self._skip(".") else None
            if year is None:
                raise PeriodError("unreadable", "write a numeric date as 07.05.2022")
            return _Partial(year=year, month=month, day=day)
        month = self._month_word()
        if month is None:
            return _Partial(day=day)  # the "7." of "7.–12. mai 2022"
        return _Partial(year=self._optional_year(), month=month, day=day)

    def _from_month(self) -> _Partial:
        month = self._month_word()
        day = None
        if self._is(0, "num", max_digits=2):  # "May 7, 2022"
            day = int(self._take().text)
            self._skip(",")
        return _Partial(year=self._optional_year(), month=month, day=day)

    def _from_season(self) -> _Partial:
        season = _SEASON_WORDS[self._take().text]
        year = self._optional_year()
        if season is Season.WINTER and year is not None:
            self._skip_second_winter_year(year)
        return _Partial(year=year, season=season)

    def _skip_second_winter_year(self, year: int) -> None:
        """Consume the "/22" of "vinter 2021/22" (also "/2022", "–22", "-2022").

        After a dash, a number that is not the next year starts a range instead
        ("vinter 2021–2023"). "vinter 2021–2022" is read as the winter, since a
        range from a winter to the whole next year is far less likely.
        """
        if not (self._is(0, "punct", "/") or self._is(0, "punct", "-")):
            return
        following = self._peek(1)
        if following is None or following.kind != "num":
            return
        text = following.text
        if (len(text) == 4 and int(text) == year + 1) or (
            len(text) == 2 and int(text) == (year + 1) % 100
        ):
            self.pos += 2
        elif self._is(0, "punct", "/"):
            raise PeriodError("invalid_date", f"winter {year} is {_winter_years(year)}")


def _parse(text: str) -> Period:
    if not isinstance(text, str):
        raise TypeError(f"expected str, not {type(text).__name__}")
    # NFC so a decomposed "å" (a + ring, as some keyboards send it) matches.
    normalized = " ".join(unicodedata.normalize("NFC", text).lower().split())
    if not normalized:
        raise PeriodError("empty")
    if len(normalized) > MAX_INPUT_LENGTH:
        raise PeriodError("unreadable", f"longer than {MAX_INPUT_LENGTH} characters")
    return _Parser(_tokenize(normalized)).period()
