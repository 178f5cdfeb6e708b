"""Store each milestone's shown period (phases.status.Shown) and fill it for existing rows."""

from django.db import migrations, models

from phases import status

def _in_force(entries):
    """``phases.models.in_force``, copied: a migration must not depend on the models' code."""
    correction_of = {}
    for entry in entries:
        if entry.corrects_id is not None:
            correction_of[entry.corrects_id] = entry
    shown = []
    for entry in entries:
        if entry.corrects_id is not None:
            continue
        replacement = entry
        while replacement.pk in correction_of:
            replacement = correction_of[replacement.pk]
        shown.append(replacement)
    return shown


def fill_shown_dates(apps, schema_editor):
    Milestone = apps.get_model("phases", "Milestone")
    DateEntry = apps.get_model("phases", "DateEntry")
    using = schema_editor.connection.alias
    lines = {}
    for entry in (
        DateEntry.objects.using(using)
        .filter(milestone__isnull=False, draft=False)
        .order_by("id")
        .iterator()
    ):
        lines.setdefault(entry.milestone_id, []).append(entry)
    for milestone_id, entries in lines.items():
        dates = status.summarise(
            status.Entry(status.Kind(entry.kind), entry.period) for entry in _in_force(entries)
        )
        shown = status.shown_of(dates)
        Milestone.objects.using(using).filter(pk=milestone_id).update(
            shown_first_day=shown.first_day,
            shown_last_day=shown.last_day,
            shown_is_actual=shown.is_actual,
            shown_rank=shown.rank,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("phases", "0013_period_field"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmilestone",
            name="shown_first_day",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="vist periode fra"
            ),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="shown_is_actual",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="vist dato er faktisk"
            ),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="shown_last_day",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="vist periode til"
            ),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="shown_rank",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="presisjon av vist periode"
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="shown_first_day",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="vist periode fra"
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="shown_is_actual",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="vist dato er faktisk"
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="shown_last_day",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="vist periode til"
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="shown_rank",
            field=models.PositiveSmallIntegerField(
                default=0, editable=False, verbose_name="presisjon av vist periode"
            ),
        ),
        migrations.RunPython(fill_shown_dates, migrations.RunPython.noop),
    ]
