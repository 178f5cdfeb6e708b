"""A small hand-written factory for the timeline tests (no factory_boy).

``make_*`` create one object through ``save()`` (so derived fields are computed);
``build_large_rollout`` bulk-creates a big dataset for the query-count tests.
"""

import datetime
import itertools

from phases.models import DateEntry, Milestone, Organisation, Phase, refresh_shown_dates
from phases.periods import Period

PUBLISHED = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
_numbers = itertools.count(1)


def make_phase(*, period="2021", title="Fase", **fields):
    number = next(_numbers)
    phase = Phase(
        slug=fields.pop("slug", f"fase-{number}"),
        position=fields.pop("position", number),
        title_nb=title,
        publish_at=fields.pop("publish_at", PUBLISHED),
        period=Period.parse(period),
        **fields,
    )
    phase.save()
    return phase


def make_organisation(*, name=None, kind="kommune", county="trondelag", **fields):
    number = next(_numbers)
    return Organisation.objects.create(
        name=name or f"Kommune {number}",
        slug=fields.pop("slug", f"virksomhet-{number}"),
        kind=kind,
        county=county,
        publish_at=fields.pop("publish_at", PUBLISHED),
        **fields,
    )


def make_milestone(*, phase=None, title="Milepæl", organisations=(), **fields):
    number = next(_numbers)
    milestone = Milestone.objects.create(
        phase=phase or make_phase(),
        slug=fields.pop("slug", f"milepael-{number}"),
        title_nb=title,
        publish_at=fields.pop("publish_at", PUBLISHED),
        **fields,
    )
    milestone.organisations.set(organisations)
    return milestone


def make_entry(owner, kind, period=None, **fields):
    entry = DateEntry(kind=kind, period=Period.parse(period) if period else None, **fields)
    if isinstance(owner, Phase):
        entry.phase = owner
    else:
        entry.milestone = owner
    entry.save()
    return entry


def _period_fields(text):
    """The period and its sort date, which bulk_create() does not derive (no save())."""
    period = Period.parse(text)
    return {"period": period, "sort_date": period.first_day()}


def build_large_rollout(*, phases=300, milestones=2000, organisations=2000):
    """Bulk-create a large rollout: every milestone with a plan, a revision and some with an actual.

    Half of the revisions move the go-live ahead (autumn 2027), so the rollout has a
    past, reported go-lives and a future, like a real one in progress.
    """
    phase_rows = Phase.objects.bulk_create(
        Phase(
            slug=f"stor-fase-{i}",
            position=i,
            title_nb=f"Fase {i}",
            title_nn=f"Fase {i}" if i % 2 else "",
            body_nb=f"<p>Tekst <em>{i}</em></p>",
            publish_at=PUBLISHED,
            **_period_fields(f"{2000 + i % 50}"),
        )
        for i in range(phases)
    )
    DateEntry.objects.bulk_create(
        DateEntry(phase=phase, kind="revision", reason_nb="Flyttet", **_period_fields("2030"))
        for phase in phase_rows
    )
    organisation_rows = Organisation.objects.bulk_create(
        Organisation(
            name=f"Virksomhet {i}",
            slug=f"stor-virksomhet-{i}",
            kind="kommune" if i % 3 else "helseforetak",
            county="trondelag" if i % 2 else "more-og-romsdal",
            publish_at=PUBLISHED,
        )
        for i in range(organisations)
    )
    milestone_rows = Milestone.objects.bulk_create(
        Milestone(
            phase=phase_rows[i % len(phase_rows)],
            slug=f"stor-milepael-{i}",
            title_nb=f"Milepæl {i}",
            position=i,
            publish_at=PUBLISHED,
        )
        for i in range(milestones)
    )
    entries = []
    for i, milestone in enumerate(milestone_rows):
        entries.append(DateEntry(milestone=milestone, kind="original", **_period_fields("2022")))
        entries.append(
            DateEntry(
                milestone=milestone,
                kind="revision",
                reason_nb="Utsatt",
                decided_on=datetime.date(2023, 1, 1),
                source_url="https://example.org/kilde",
                **_period_fields("9. november 2024" if i % 2 == 0 else "høst 2027"),
            )
        )
        if i % 4 == 0:
            entries.append(
                DateEntry(milestone=milestone, kind="actual", **_period_fields("9. november 2024"))
            )
    DateEntry.objects.bulk_create(entries)
    # bulk_create() skips save(), which keeps each milestone's stored shown period.
    refresh_shown_dates(milestone.pk for milestone in milestone_rows)
    through = Milestone.organisations.through
    through.objects.bulk_create(
        through(milestone_id=milestone.pk, organisation_id=organisation_rows[j].pk)
        for i, milestone in enumerate(milestone_rows)
        for j in {i % len(organisation_rows), (i * 7 + 1) % len(organisation_rows)}
    )
    return phase_rows, milestone_rows, organisation_rows


def remove_all_content():
    """Empty the app's tables without signals (which would write a history row per delete)."""
    from django.apps import apps
    from django.db import connection

    models = apps.get_app_config("phases").get_models(include_auto_created=True)
    tables = [model._meta.db_table for model in models]
    # Children first: the M2M table and the date entries, then milestones, then the rest.
    order = ("hospital", "organisations", "dateentry", "milestone")
    tables.sort(key=lambda table: next((i for i, part in enumerate(order) if part in table), 9))
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the app registry
