"""CSV export: the cells a spreadsheet would run as formulas are made plain text."""

import csv
import io

import pytest

from feedback.export import HEADER, csv_lines, feedback_rows, spreadsheet_safe
from tests.feedback.helpers import at, make_feedback


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        (
            '=HYPERLINK("http://evil.example","klikk")',
            '\'=HYPERLINK("http://evil.example","klikk")',
        ),
        ("+47 kroner", "'+47 kroner"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Fant ikke datoen", "Fant ikke datoen"),
        ("1+1=2", "1+1=2"),
        ("", ""),
        (3, 3),
    ],
)
def test_it_prefixes_cells_that_start_like_a_formula(cell, safe):
    assert spreadsheet_safe(cell) == safe


# Issue #21: "|", "%" and a "=" behind a byte-order mark or a zero-width character got through.
@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("|cmd '/C calc'!A0", "'|cmd '/C calc'!A0"),
        ("%SystemRoot%", "'%SystemRoot%"),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ('\u200b=HYPERLINK("http://evil.example")', '\'\u200b=HYPERLINK("http://evil.example")'),
        ("\u200d\u2060@SUM(A1)", "'\u200d\u2060@SUM(A1)"),
        ("\u200e-1", "'\u200e-1"),
        ("   =1+1", "'   =1+1"),
        ("\u00a0+1", "'\u00a0+1"),
        ("\n=1+1", "'\n=1+1"),
        (" \t1", "' \t1"),
        ("\ufeff", "\ufeff"),
        ("   ", "   "),
        ("\u200bFant ikke datoen", "\u200bFant ikke datoen"),
        ("50 % ferdig", "50 % ferdig"),
    ],
)
def test_it_prefixes_formulas_hidden_behind_invisible_characters_and_pipes_and_percent(cell, safe):
    assert spreadsheet_safe(cell) == safe


@pytest.mark.django_db
def test_the_export_has_one_safe_row_per_feedback_with_counts_per_type():
    make_feedback(
        page="/endringer/", answer="no", comment="=cmd|' /C calc'!A0", created=at(2024, 5, 30, 9, 5)
    )
    make_feedback(page="/", answer="yes", comment="Ring 912 34 567", created=at(2024, 5, 31, 10, 0))

    from feedback.models import Feedback

    text = "".join(csv_lines(feedback_rows(Feedback.objects.order_by("created"))))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))

    assert rows[0] == HEADER
    assert rows[1][:7] == [
        "2024-05-30 09:05",
        "/endringer/",
        "nb",
        "no",
        "new",
        "",
        "'=cmd|' /C calc'!A0",
    ]
    assert rows[2][:7] == [
        "2024-05-31 10:00",
        "/",
        "nb",
        "yes",
        "new",
        "",
        "Ring [telefonnummer fjernet]",
    ]
    assert rows[2][HEADER.index("telefonnummer")] == "1"
    assert rows[2][HEADER.index("fodselsnummer")] == "0"
