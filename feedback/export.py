"""Feedback as CSV for Norwegian spreadsheets and as JSON, CSV safe against formula injection.

The CSV is what Norwegian Excel opens by a double click: semicolon-separated
(Excel takes the list separator from the locale, and Norwegian uses the comma
for decimals), UTF-8 with a byte order mark (without it, Excel reads æ, ø and å
as Windows-1252).

A comment is written by an anonymous visitor. A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (for example ``=HYPERLINK(...)`` or ``=cmd|...``),
so such cells are prefixed with a single quote, which makes them plain text
(OWASP, "CSV Injection"). ``|`` (DDE in older Excel) and ``%`` (macro
expansion in some importers) are treated the same, as is any of them hidden
behind leading whitespace, a byte-order mark, a zero-width space or another
invisible Unicode format character, which spreadsheets skip when they read:

>>> spreadsheet_safe("=1+1")
"'=1+1"
>>> spreadsheet_safe("\ufeff=1+1")
"'\ufeff=1+1"
>>> spreadsheet_safe("Fant ikke datoen")
'Fant ikke datoen'
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator

from django.utils import timezone

from feedback.scrubber import Kind

FORMULA_STARTS = frozenset("=+-@|%\t\r")
HEADER = [
    "tidspunkt",
    "side",
    "språk",
    "svar",
    "status",
    "stikkord",
    "kommentar",
    *[kind.value for kind in Kind],
]
DELIMITER = ";"


def first_visible(text: str) -> str:
    """Return the first character of ``text`` a spreadsheet acts on, or "".

    Tab and carriage return count (they start a formula themselves); other
    whitespace and the invisible format characters (category Cf: the BOM,
    zero-width spaces and joiners, direction marks) are skipped.
    """
    for character in text:
        if character in FORMULA_STARTS:
            return character
        if character.isspace() or unicodedata.category(character) == "Cf":
            continue
        return character
    return ""


def spreadsheet_safe(value: object) -> object:
    """Return the value, with a leading single quote when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and first_visible(value) in FORMULA_STARTS:
        return "'" + value
    return value


def feedback_rows(feedback: Iterable) -> Iterator[list[object]]:
    """Yield the header and one row per feedback, every text cell made spreadsheet-safe."""
    yield HEADER
    for item in feedback:
        removed = item.removed or {}
        row = [
            timezone.localtime(item.created).strftime("%Y-%m-%d %H:%M"),
            item.page,
            item.language,
            item.answer,
            item.state,
            ", ".join(sorted(tag.name for tag in item.tags.all())),
            item.comment,
            *[int(removed.get(kind.value, 0)) for kind in Kind],
        ]
        yield [spreadsheet_safe(cell) for cell in row]


def feedback_record(item) -> dict[str, object]:
    """Return one feedback as a JSON object: what the CSV has, with the time in ISO 8601."""
    removed = item.removed or {}
    return {
        "id": item.pk,
        "created": timezone.localtime(item.created).isoformat(timespec="minutes"),
        "page": item.page,
        "language": item.language,
        "answer": item.answer,
        "state": item.state,
        "tags": sorted(tag.name for tag in item.tags.all()),
        "comment": item.comment,
        "removed": {kind.value: int(removed.get(kind.value, 0)) for kind in Kind},
    }


class Echo:
    """A file-like object that returns what is written, for streaming ``csv.writer`` output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[object]]) -> Iterator[str]:
    """Yield CSV text, starting with a byte order mark so Excel reads æ, ø and å correctly."""
    writer = csv.writer(Echo(), delimiter=DELIMITER)
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(row)
