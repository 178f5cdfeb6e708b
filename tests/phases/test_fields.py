"""Tests for phases.fields.PeriodField: a Period in one column, and its form field."""

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from phases.fields import (
    STORED_LENGTH,
    PeriodField,
    PeriodFormField,
)
from phases.models import DateEntry, Phase
from phases.periods import Period
from tests.phases.factories import make_entry, make_milestone, make_phase

P = Period.parse

# Every shape of period, as an editor writes it and as it is stored.
STORED = [
    ("2021", "2021"),
    ("høst 2021", "2021-23"),
    ("vinter 2021/22", "2021-24"),
    ("januar 2020", "2020-01"),
    ("7. mai 2022", "2022-05-07"),
    ("april–august 2019", "2019-04/2019-08"),
    ("august 2019–januar 2020", "2019-08/2020-01"),
    ("7.–12. mai 2022", "2022-05-07/2022-05-12"),
    ("fra høst 2021", "2021-23/.."),
    ("fra 7. mai 2022", "2022-05-07/.."),
]


# --- The field on its own ------------------------------------------------------------------


def test_it_deconstructs_without_its_fixed_length():
    field = PeriodField("periode", null=True, blank=True)
    _name, path, args, kwargs = field.deconstruct()
    assert path == "phases.fields.PeriodField"
    assert "max_length" not in kwargs
    rebuilt = PeriodField(*args, **kwargs)
    assert (rebuilt.null, rebuilt.blank, rebuilt.verbose_name) == (True, True, "periode")
    assert rebuilt.max_length == STORED_LENGTH


def test_its_column_is_a_short_varchar():
    field = DateEntry._meta.get_field("period")
    assert field.db_type(connection).lower().startswith(("varchar", "character varying"))
    assert str(STORED_LENGTH) in field.db_type(connection)


@pytest.mark.parametrize(("typed", "text"), STORED)
def test_it_converts_between_a_period_and_its_stored_text(typed, text):
    field = PeriodField()
    period = P(typed)
    assert field.get_prep_value(period) == text
    assert field.from_db_value(text, None, connection) == period
    assert field.to_python(text) == period
    assert field.to_python(period) is period


@pytest.mark.parametrize("empty", [None, ""])
def test_an_empty_value_is_no_period(empty):
    field = PeriodField(null=True)
    assert field.to_python(empty) is None
    assert field.get_prep_value(empty) is None


def test_the_database_null_is_no_period():
    assert PeriodField(null=True).from_db_value(None, None, connection) is None


def test_stored_text_is_written_in_its_canonical_form():
    assert PeriodField().get_prep_value("2021/2021") == "2021"


@pytest.mark.parametrize("value", ["høst 2021", "2021-13", "2022/2021", 2021])
def test_it_refuses_a_value_that_is_not_a_stored_period(value):
    with pytest.raises(ValidationError) as caught:
        PeriodField().to_python(value)
    assert caught.value.code == "invalid_stored_period"
    with translation.override("nb"):
        assert "er ikke en lagret periode" in caught.value.messages[0]


def test_its_form_field_reads_what_editors_type():
    form_field = DateEntry._meta.get_field("period").formfield()
    assert isinstance(form_field, PeriodFormField)
    assert not form_field.required
    assert form_field.clean("hausten 2021") == P("høst 2021")
    assert form_field.clean("") is None
    assert Phase._meta.get_field("period").formfield().required


def test_its_form_field_refuses_unreadable_text_in_norwegian():
    form_field = PeriodFormField()
    with pytest.raises(ValidationError) as caught:
        form_field.clean("snart")
    assert caught.value.code == "unreadable"
    with translation.override("nb"):
        assert "Vi klarte ikke å lese dette" in caught.value.messages[0]


def test_its_form_field_shows_a_period_as_bokmal_text():
    assert PeriodFormField().prepare_value(P("fra hausten 2021")) == "fra høst 2021"


# --- In the database -----------------------------------------------------------------------


def _raw_period(entry):
    with connection.cursor() as cursor:
        cursor.execute("SELECT period FROM phases_dateentry WHERE id = %s", [entry.pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "text"), STORED)
def test_it_stores_the_text_and_reads_back_the_period(typed, text):
    entry = make_entry(make_milestone(), "revision", typed)
    assert _raw_period(entry) == text
    entry = DateEntry.objects.get(pk=entry.pk)
    assert entry.period == P(typed)
    assert entry.sort_date == P(typed).first_day()
    assert DateEntry.objects.filter(period=P(typed)).get() == entry


@pytest.mark.django_db
def test_an_unsettled_line_stores_null_and_has_no_sort_date():
    entry = make_entry(make_milestone(), "unsettled")
    assert _raw_period(entry) is None
    entry = DateEntry.objects.get(pk=entry.pk)
    assert (entry.period, entry.sort_date) == (None, None)
    assert DateEntry.objects.filter(period__isnull=True).get() == entry


@pytest.mark.django_db
def test_the_history_keeps_the_period_as_a_period():
    phase = make_phase(period="høst 2021")
    phase.period = P("mai 2022")
    phase.save()
    assert [record.period for record in phase.history.order_by("history_id")] == [
        P("høst 2021"),
        P("mai 2022"),
    ]


@pytest.mark.django_db
def test_it_survives_a_dump_and_a_load():
    entry = make_entry(make_milestone(), "revision", "fra høst 2021")
    dumped = serializers.serialize("json", [entry], fields=["period", "kind"])
    assert '"period": "2021-23/.."' in dumped
    (loaded,) = serializers.deserialize("json", dumped)
    assert loaded.object.period == P("fra høst 2021")


@pytest.mark.django_db
def test_phases_order_by_their_first_day():
    later = make_phase(period="fra høst 2021", position=1)
    earlier = make_phase(period="august 2019–januar 2020", position=1)
    assert list(Phase.objects.filter(pk__in=[later.pk, earlier.pk])) == [earlier, later]
