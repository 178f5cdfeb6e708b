"""The content history keeps every language, because it is registered after modeltranslation."""

import pytest
from django.db import connection

from phases.models import DateEntry, Milestone, Organisation, Phase
from tests.phases.factories import make_entry, make_milestone, make_phase

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Phase, ["title_nb", "title_nn", "title_en", "summary_nn", "body_en"]),
        (Milestone, ["title_nb", "title_nn", "title_en", "description_en"]),
        (DateEntry, ["reason_nb", "reason_nn", "reason_en"]),
    ],
)
def test_the_historical_tables_have_the_translated_columns(model, fields):
    table = model.history.model._meta.db_table
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
    assert set(fields) <= columns


def test_every_content_model_has_a_history():
    for model in (Phase, Milestone, Organisation, DateEntry):
        assert hasattr(model, "history"), model


def test_a_changed_nynorsk_title_is_kept_in_the_history():
    phase = make_phase(title="Forberedelsesfase", title_nn="Forberedingsfase")
    phase.title_nn = "Førebuingsfase"
    phase.save()
    assert [record.title_nn for record in phase.history.order_by("history_id")] == [
        "Forberedingsfase",
        "Førebuingsfase",
    ]


def test_a_date_entry_records_its_reason_in_every_language():
    entry = make_entry(
        make_milestone(), "revision", "2022", reason_nb="Utsatt", reason_en="Delayed"
    )
    record = entry.history.get()
    assert (record.reason_nb, record.reason_en) == ("Utsatt", "Delayed")
