"""One period field: the nine period columns become one ``PeriodField`` (issue 19).

Phases, date entries and their history rows (django-simple-history's
HistoricalPhase and HistoricalDateEntry) each had a period as nine columns
(start_year … end_day, open_ended). Every row gets the same period as one text
(``Period.serialise``), converted with the pure functions of ``phases.periods``
(``Period.from_columns`` and back ``Period.as_columns``), not the live models, so
the migration runs the same whatever the models look like later. Backwards, every
period is written back to the nine columns. ``sort_date`` (the first day) is
unchanged: it means the same in both shapes.

The order matters for the way back: the old check constraint names ``start_year``
and the phase's ``start_year`` is required, so both are put back only once the
columns are filled again.
"""

from django.db import migrations, models

import phases.fields
from phases.periods import COLUMN_NAMES, Period, PeriodError

# Every model that stores a period, with the primary key of its rows.
MODELS = ("Phase", "DateEntry", "HistoricalPhase", "HistoricalDateEntry")
BATCH = 500

PHASE_PERIOD_HELP = (
    "Perioden slik den først ble planlagt. Skriv den slik du ville sagt den, for eksempel "
    "«april–august 2019» eller «fra høst 2021». Endres planen senere, legg til en ny plan "
    "under «Datohistorikk» i stedet for å endre denne."
)
DATE_ENTRY_PERIOD_HELP = (
    "Skriv perioden slik du ville sagt den, for eksempel «april–august 2019» eller «fra høst "
    "2021». Et år, en årstid, en måned eller en dag går også: «2021», «høst 2021», «januar "
    "2020», «7. mai 2022»."
)


def period_of_columns(columns: dict) -> Period | None:
    """Return the period stored in the nine columns (None when there is no start year)."""
    if columns["start_year"] is None:
        return None
    return Period.from_columns(**columns)


def columns_of_period(period: Period | None) -> dict:
    """Return the nine columns for a period (all empty, and not open-ended, for None)."""
    if period is None:
        return {**dict.fromkeys(COLUMN_NAMES), "open_ended": False}
    return period.as_columns()


def _batches(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def columns_to_period(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("phases", name)
        manager = model._base_manager.using(schema_editor.connection.alias)
        rows = manager.order_by("pk").only("pk", *COLUMN_NAMES).iterator(chunk_size=BATCH)
        for batch in _batches(rows):
            for row in batch:
                columns = {column: getattr(row, column) for column in COLUMN_NAMES}
                try:
                    row.period = period_of_columns(columns)
                except PeriodError as error:
                    # Stop rather than lose a date: the row must be put right by hand first.
                    raise RuntimeError(
                        f"{name} {row.pk} has period columns that are not a period "
                        f"({columns}): {error}"
                    ) from error
            manager.bulk_update(batch, ["period"])


def period_to_columns(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("phases", name)
        manager = model._base_manager.using(schema_editor.connection.alias)
        rows = manager.order_by("pk").only("pk", "period").iterator(chunk_size=BATCH)
        for batch in _batches(rows):
            for row in batch:
                for column, value in columns_of_period(row.period).items():
                    setattr(row, column, value)
            manager.bulk_update(batch, list(COLUMN_NAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("phases", "0012_date_entry_confidence"),
    ]

    operations = [
        # 1. The new column, empty for now (the phase's is required at the end).
        *(
            migrations.AddField(
                model_name=model_name,
                name="period",
                field=phases.fields.PeriodField(
                    blank=True, null=True, help_text=help_text, verbose_name="periode"
                ),
            )
            for model_name, help_text in (
                ("phase", PHASE_PERIOD_HELP),
                ("historicalphase", PHASE_PERIOD_HELP),
                ("dateentry", DATE_ENTRY_PERIOD_HELP),
                ("historicaldateentry", DATE_ENTRY_PERIOD_HELP),
            )
        ),
        # 2. The phase's start year may be empty while the columns are dropped (or,
        #    backwards, re-added and not yet filled).
        *(
            migrations.AlterField(
                model_name=model_name,
                name="start_year",
                field=models.PositiveSmallIntegerField(null=True, verbose_name="fra år"),
            )
            for model_name in ("phase", "historicalphase")
        ),
        migrations.RemoveConstraint(
            model_name="dateentry",
            name="date_entry_has_period_unless_unsettled",
        ),
        # 3. Every row's period, from its columns (backwards: to its columns).
        migrations.RunPython(columns_to_period, period_to_columns),
        # 4. The same rule as before: a line has a period unless the date is unsettled.
        migrations.AddConstraint(
            model_name="dateentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "unsettled"), ("period__isnull", False), _connector="OR"),
                name="date_entry_has_period_unless_unsettled",
            ),
        ),
        # 5. The nine columns go.
        *(
            migrations.RemoveField(model_name=model_name, name=column)
            for model_name in ("phase", "historicalphase", "dateentry", "historicaldateentry")
            for column in COLUMN_NAMES
        ),
        # 6. A phase always has its period (its original plan).
        *(
            migrations.AlterField(
                model_name=model_name,
                name="period",
                field=phases.fields.PeriodField(help_text=PHASE_PERIOD_HELP, verbose_name="periode"),
            )
            for model_name in ("phase", "historicalphase")
        ),
    ]
