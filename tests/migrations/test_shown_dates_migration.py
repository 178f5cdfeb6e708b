"""0014 fills the stored shown period of the milestones that exist before it.

Migrated back to 0013, milestones are written with histories of every kind (a
revision, an actual date, an unsettled line, a correction, a draft, none at all),
then 0014 is applied: each milestone's new columns are what ``phases.status.shown_of``
gives for its published lines, the draft left out. Runs on SQLite and PostgreSQL.
"""

import datetime

import pytest

from phases.periods import Period
from phases.status import Shown

BEFORE = ("phases", "0013_period_field")
AFTER = ("phases", "0014_milestone_shown_dates")
D = datetime.date


def _line(DateEntry, milestone, kind, text, **fields):
    period = Period.parse(text) if text else None
    sort_date = period.first_day() if period else None
    return DateEntry.objects.create(
        milestone=milestone, kind=kind, period=period, sort_date=sort_date, **fields
    )


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_shown_period_from_the_published_lines(migrator):
    old = migrator.apply_initial_migration(BEFORE).apps
    Phase, Milestone, DateEntry = (
        old.get_model("phases", name) for name in ("Phase", "Milestone", "DateEntry")
    )
    phase = Phase.objects.create(slug="fase", title_nb="Fase", period=Period.parse("2019"))
    histories = {
        "revised": [("original", "2022"), ("revision", "høst 2027")],
        "done": [("original", "2022"), ("actual", "9. november 2024")],
        "unsettled": [("original", "2022"), ("unsettled", None)],
        "open": [("original", "fra mars 2027")],
        "none": [],
    }
    for slug, lines in histories.items():
        milestone = Milestone.objects.create(phase=phase, slug=slug, title_nb=slug)
        for kind, text in lines:
            _line(DateEntry, milestone, kind, text)
    corrected = Milestone.objects.create(phase=phase, slug="corrected", title_nb="corrected")
    wrong = _line(DateEntry, corrected, "original", "2025")
    _line(DateEntry, corrected, "original", "vinter 2025", corrects=wrong)
    _line(DateEntry, corrected, "actual", "2020", draft=True)

    new = migrator.apply_tested_migration(AFTER).apps
    stored = {
        slug: Shown(first_day=first, last_day=last, is_actual=actual, rank=rank)
        for slug, first, last, actual, rank in new.get_model(
            "phases", "Milestone"
        ).objects.values_list(
            "slug", "shown_first_day", "shown_last_day", "shown_is_actual", "shown_rank"
        )
    }
    assert stored["revised"].first_day == D(2027, 9, 1)
    assert stored["revised"].last_day == D(2027, 11, 30)
    assert not stored["revised"].is_actual
    assert stored["done"] == Shown(
        first_day=D(2024, 11, 9), last_day=D(2024, 11, 9), is_actual=True, rank=3 * 5
    )
    assert stored["unsettled"] == Shown()
    assert (stored["open"].first_day, stored["open"].last_day) == (D(2027, 3, 1), None)
    assert stored["none"] == Shown()
    # The correction counts, the draft does not.
    assert stored["corrected"].first_day == D(2025, 12, 1)
    assert stored["corrected"].last_day == D(2026, 2, 28)
    assert not stored["corrected"].is_actual
