"""Migration 0013 keeps every stored period, on real content, there and back.

The periods of the real content (``phases/content/rollout.json``: the phases'
plans and every line of the date histories, plus the shapes it lacks, such as a
winter) are stored the way they were before 0013 (nine columns) in phases, date
entries and their history rows. The migration to the single ``PeriodField`` must
give every row the same period and keep its sort date; migrating back must give
the very same columns, and forward again the same periods. The second test does
the same starting from what ``load_content`` and an editor write at head, with
the history rows django-simple-history records. Runs on SQLite and PostgreSQL
(django-test-migrations' ``migrator``, on a transactional database).
"""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from phases.models import DateEntry, Phase
from phases.periods import COLUMN_NAMES, Period
from tests.phases.factories import make_entry

CONTENT = Path(__file__).resolve().parents[2] / "phases" / "content" / "rollout.json"
BEFORE = ("phases", "0012_date_entry_confidence")
AFTER = ("phases", "0013_period_field")
MODELS = ("Phase", "DateEntry", "HistoricalPhase", "HistoricalDateEntry")
MOMENT = datetime.datetime(2026, 11, 25, 11, 0, tzinfo=datetime.UTC)

# Shapes the real content does not have, so that every kind of period is converted.
OTHER_SHAPES = (
    "vinter 2021/22",
    "vinter 1999/2000",
    "fra 7. mai 2022",
    "fra vår 2024",
    "7.–12. mai 2022",
    "desember 2021–februar 2022",
    "høst 2021–vår 2022",
    "2021–2023",
    "2021–høst 2021",
    "30. september 2021–31. desember 2022",
)


def _columns(period):
    """The nine columns as 0012 stored them (no period: empty, and not open-ended)."""
    if period is None:
        return {**dict.fromkeys(COLUMN_NAMES), "open_ended": False}
    return period.as_columns()


def _real_periods():
    """Return the phases' periods and every date line of the real content, plus OTHER_SHAPES."""
    data = json.loads(CONTENT.read_text(encoding="utf-8"))
    phases = [(item["slug"], Period.parse(item["period"])) for item in data["phases"]]
    lines = [
        (line["kind"], Period.parse(line["period"]) if line.get("period") else None)
        for item in data["milestones"]
        for line in item["history"]
    ]
    lines += [("revision", Period.parse(text)) for text in OTHER_SHAPES]
    return phases, lines


def _write_old_shape(apps):
    """Write the periods in 0012's columns, with a history row for each; return them by row."""
    Phase = apps.get_model("phases", "Phase")
    Milestone = apps.get_model("phases", "Milestone")
    DateEntry = apps.get_model("phases", "DateEntry")
    HistoricalPhase = apps.get_model("phases", "HistoricalPhase")
    HistoricalDateEntry = apps.get_model("phases", "HistoricalDateEntry")
    phases, lines = _real_periods()
    written = {name: {} for name in MODELS}
    for position, (slug, period) in enumerate(phases):
        phase = Phase.objects.create(
            slug=slug, position=position, title_nb=slug, sort_date=period.first_day(),
            **_columns(period),
        )
        written["Phase"][phase.pk] = period
        record = HistoricalPhase.objects.create(
            id=phase.pk, slug=slug, position=position, title_nb=slug,
            sort_date=period.first_day(), history_date=MOMENT, history_type="+",
            **_columns(period),
        )
        written["HistoricalPhase"][record.pk] = period
    milestone = Milestone.objects.create(phase=phase, slug="milepael", title_nb="Milepæl")
    for kind, period in lines:
        sort_date = period.first_day() if period else None
        entry = DateEntry.objects.create(
            milestone=milestone, kind=kind, sort_date=sort_date, **_columns(period)
        )
        written["DateEntry"][entry.pk] = period
        record = HistoricalDateEntry.objects.create(
            id=entry.pk, milestone_id=milestone.pk, kind=kind, sort_date=sort_date,
            decided_on_precision="day", source_language="nb", is_major=True, draft=False,
            history_date=MOMENT, history_type="+", **_columns(period),
        )
        written["HistoricalDateEntry"][record.pk] = period
    return written


def _sort_dates(written):
    return {
        name: {pk: period.first_day() if period else None for pk, period in rows.items()}
        for name, rows in written.items()
    }


def _stored_periods(apps):
    """Return {model name: {pk: (period, sort_date)}} as the migrated database holds them."""
    return {
        name: {
            pk: (period, sort_date)
            for pk, period, sort_date in apps.get_model("phases", name)
            ._base_manager.values_list("pk", "period", "sort_date")
        }
        for name in MODELS
    }


def _stored_columns(apps):
    """Return {model name: {pk: columns}} as the database holds them before 0013."""
    return {
        name: {
            row["pk"]: {column: row[column] for column in COLUMN_NAMES}
            for row in apps.get_model("phases", name)._base_manager.values("pk", *COLUMN_NAMES)
        }
        for name in MODELS
    }


def _assert_same_periods(apps, written):
    stored = _stored_periods(apps)
    sort_dates = _sort_dates(written)
    for name, rows in written.items():
        assert set(stored[name]) == set(rows), name
        for pk, period in rows.items():
            assert stored[name][pk] == (period, sort_dates[name][pk]), (name, pk, str(period))


def _assert_same_columns(apps, written):
    stored = _stored_columns(apps)
    for name, rows in written.items():
        assert stored[name] == {pk: _columns(period) for pk, period in rows.items()}, name


@pytest.mark.django_db(transaction=True)
def test_every_stored_period_survives_the_migration_to_one_field_and_back(migrator):
    old_state = migrator.apply_initial_migration(BEFORE)
    written = _write_old_shape(old_state.apps)
    phases, lines = _real_periods()
    assert len(written["Phase"]) == len(phases) >= 5
    assert len(written["DateEntry"]) == len(lines) >= 40  # the real content's lines and more
    assert None in written["DateEntry"].values()  # an unsettled line has no period

    new_state = migrator.apply_tested_migration(AFTER)
    _assert_same_periods(new_state.apps, written)

    back = migrator.apply_tested_migration(BEFORE)
    _assert_same_columns(back.apps, written)

    again = migrator.apply_tested_migration(AFTER)
    _assert_same_periods(again.apps, written)
    migrator.reset()


def _every_period_at_head():
    return {
        "Phase": dict(Phase.objects.values_list("pk", "period")),
        "DateEntry": dict(DateEntry.objects.values_list("pk", "period")),
        "HistoricalPhase": dict(Phase.history.values_list("history_id", "period")),
        "HistoricalDateEntry": dict(DateEntry.history.values_list("history_id", "period")),
    }


@pytest.mark.django_db(transaction=True)
def test_what_load_content_and_editors_stored_survives_a_migration_back_and_forth(migrator):
    call_command("load_content", stdout=StringIO())
    # An editor's changes: a phase's period corrected, a draft line moved twice, an unsettled one.
    phase = Phase.objects.order_by("position").first()
    phase.period = Period.parse("vinter 2018/19")
    phase.save()
    milestone = DateEntry.objects.filter(milestone__isnull=False).first().milestone
    draft = make_entry(milestone, "revision", "fra høst 2027", draft=True)
    draft.period = Period.parse("7.–12. mai 2028")
    draft.save()
    make_entry(milestone, "unsettled")
    written = _every_period_at_head()
    assert len(written["HistoricalDateEntry"]) > len(written["DateEntry"])
    assert len(written["HistoricalPhase"]) > len(written["Phase"])

    back = migrator.apply_tested_migration(BEFORE)
    _assert_same_columns(back.apps, written)

    forward = migrator.apply_tested_migration(AFTER)
    _assert_same_periods(forward.apps, written)
    migrator.reset()
