"""The migrations of issue 19 keep every stored date line, period and name, on real content.

The database is migrated back to before them (0004), the real content
(``phases/content/rollout.json``) is written in that old shape, and the
migrations are applied: every line keeps its period columns and sort date and is
published (lines stored before drafts existed were public), none is a correction,
and the organisations come back in Norwegian order. Runs on SQLite and PostgreSQL
(django-test-migrations' ``migrator``, on a transactional database).
"""

import json
from pathlib import Path

import pytest

from phases.collation import sort_key
from phases.periods import COLUMN_NAMES, Period

CONTENT = Path(__file__).resolve().parents[2] / "phases" / "content" / "rollout.json"
BEFORE = ("phases", "0007_plain_text_fields_refuse_markup")
AFTER = ("phases", "0010_source_language_label_in_norwegian")
COLUMNS = COLUMN_NAMES  # the nine columns a period was stored in (until 0013)


def _columns(text):
    period = Period.parse(text)
    columns = period.as_columns()
    columns["open_ended"] = bool(columns["open_ended"])
    return {**columns, "sort_date": period.first_day()}


def _write_old_content(apps):
    """Write the real content with the models as they were at 0004; return what was written."""
    Phase = apps.get_model("phases", "Phase")
    Milestone = apps.get_model("phases", "Milestone")
    Organisation = apps.get_model("phases", "Organisation")
    DateEntry = apps.get_model("phases", "DateEntry")
    data = json.loads(CONTENT.read_text(encoding="utf-8"))
    phases = {}
    for position, item in enumerate(data["phases"]):
        phases[item["slug"]] = Phase.objects.create(
            slug=item["slug"],
            position=position,
            title_nb=item["title"]["nb"],
            **_columns(item["period"]),
        )
    organisations = {
        item["name"]: Organisation.objects.create(
            name=item["name"], slug=item["slug"] if item.get("slug") else f"o-{index}",
            kind=item["kind"], county=item.get("county", ""),
        )
        for index, item in enumerate(data["organisations"])
    }
    written = {}
    for item in data["milestones"]:
        milestone = Milestone.objects.create(
            phase=phases[item["phase"]], slug=item["slug"], title_nb=item["title"]["nb"]
        )
        milestone.organisations.set([organisations[name].pk for name in item["organisations"]])
        for line in item["history"]:
            columns = _columns(line["period"]) if line.get("period") else {"open_ended": False}
            entry = DateEntry.objects.create(milestone=milestone, kind=line["kind"], **columns)
            written[entry.pk] = {name: columns.get(name) for name in (*COLUMNS, "sort_date")}
    return written, [item["name"] for item in data["organisations"]]


@pytest.mark.django_db(transaction=True)
def test_every_stored_line_and_period_survives_the_review_migrations(migrator):
    old_state = migrator.apply_initial_migration(BEFORE)
    written, names = _write_old_content(old_state.apps)
    assert len(written) >= 30  # the real content's go-live lines

    new_state = migrator.apply_tested_migration(AFTER)
    DateEntry = new_state.apps.get_model("phases", "DateEntry")
    Organisation = new_state.apps.get_model("phases", "Organisation")
    stored = {
        entry.pk: entry for entry in DateEntry.objects.all()
    }
    assert set(stored) == set(written)
    for pk, columns in written.items():
        entry = stored[pk]
        for name, value in columns.items():
            expected = False if name == "open_ended" and value is None else value
            assert getattr(entry, name) == expected, (pk, name)
        assert entry.draft is False
        assert entry.corrects_id is None
    ordered = list(Organisation.objects.values_list("name", flat=True))
    assert ordered == sorted(names, key=sort_key)
    migrator.reset()
