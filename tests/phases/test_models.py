"""Publishing, derived columns and the rules of the date history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection

from phases.models import DateEntry, Milestone, Organisation, Phase
from phases.periods import Period
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2024, 5, 1, 10, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


@pytest.mark.parametrize("model", ["phase", "organisation", "milestone"])
def test_it_publishes_at_the_publish_moment_and_not_a_second_before(model):
    make = {"phase": make_phase, "organisation": make_organisation, "milestone": make_milestone}
    obj = make[model](publish_at=NOON)
    queryset = type(obj).objects.all()
    assert not queryset.published(at=NOON - SECOND).filter(pk=obj.pk).exists()
    assert queryset.published(at=NOON).filter(pk=obj.pk).exists()
    assert obj.is_published(at=NOON) and not obj.is_published(at=NOON - SECOND)


@pytest.mark.parametrize("model", [Phase, Organisation, Milestone])
def test_it_hides_drafts(model):
    make = {Phase: make_phase, Organisation: make_organisation, Milestone: make_milestone}
    draft = make[model](publish_at=None)
    assert not model.objects.published(at=NOON).filter(pk=draft.pk).exists()
    assert not draft.is_published(at=NOON)


def test_it_unpublishes_at_the_unpublish_moment():
    phase = make_phase(unpublish_at=NOON)
    assert Phase.objects.published(at=NOON - SECOND).filter(pk=phase.pk).exists()
    assert not Phase.objects.published(at=NOON).filter(pk=phase.pk).exists()


def test_it_hides_scheduled_content_until_its_moment():
    phase = make_phase(publish_at=NOON + datetime.timedelta(days=1))
    assert not Phase.objects.published(at=NOON).filter(pk=phase.pk).exists()


def test_it_hides_the_milestones_of_a_draft_phase():
    milestone = make_milestone(phase=make_phase(publish_at=None))
    assert not Milestone.objects.published(at=NOON).filter(pk=milestone.pk).exists()


def test_it_refuses_an_unpublish_moment_before_the_publish_moment():
    phase = make_phase(publish_at=NOON)
    phase.unpublish_at = NOON - SECOND
    with pytest.raises(ValidationError) as error:
        phase.full_clean()
    assert error.value.error_dict["unpublish_at"][0].code == "unpublish_before_publish"


def test_it_stores_the_period_as_one_text_and_derives_the_sort_date():
    phase = make_phase(period="fra høst 2021")
    phase.refresh_from_db()
    assert Phase.objects.filter(pk=phase.pk).values_list("period", flat=True).get() == (
        Period.parse("fra høst 2021")
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT period FROM phases_phase WHERE id = %s", [phase.pk])
        assert cursor.fetchone() == ("2021-23/..",)
    assert phase.sort_date == datetime.date(2021, 9, 1)
    assert phase.period == Period.parse("fra høst 2021")


def test_it_recomputes_the_sort_date_when_the_period_changes():
    phase = make_phase(period="2021")
    phase.period = Period.parse("april 2019")
    phase.save()
    phase.refresh_from_db()
    assert phase.sort_date == datetime.date(2019, 4, 1)


def test_a_revision_is_added_beside_the_plan_never_over_it():
    milestone = make_milestone()
    make_entry(milestone, "original", "høst 2021")
    make_entry(milestone, "revision", "30. april 2022")
    assert list(milestone.date_entries.values_list("kind", flat=True)) == ["original", "revision"]
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert milestone.dates.original == Period.parse("høst 2021")
    assert milestone.dates.planned == Period.parse("30. april 2022")


def test_an_entry_belongs_to_a_phase_or_a_milestone_not_both():
    entry = DateEntry(kind="revision", phase=make_phase(), milestone=make_milestone())
    entry.period = Period.parse("2022")
    with pytest.raises(IntegrityError):
        entry.save()


def test_only_an_unsettled_entry_may_lack_a_period():
    with pytest.raises(IntegrityError):
        make_entry(make_milestone(), "revision", None)


def test_cleaning_a_line_without_a_period_asks_for_one_unless_the_date_is_unsettled():
    milestone = make_milestone()
    revision = DateEntry(kind="revision", milestone=milestone)
    with pytest.raises(ValidationError) as error:
        revision.full_clean()
    assert [e.code for e in error.value.error_dict["period"]] == ["empty"]
    DateEntry(kind="unsettled", milestone=milestone).full_clean()


def test_a_phase_keeps_its_original_plan_on_itself():
    entry = DateEntry(kind="original", phase=make_phase())
    entry.period = Period.parse("2022")
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert error.value.error_dict["kind"][0].code == "phase_original_on_phase"


def test_a_decision_date_keeps_the_precision_of_its_source():
    entry = make_entry(
        make_milestone(),
        "revision",
        "30. april 2022",
        decided_on=datetime.date(2021, 1, 1),
        decided_on_precision="month",
    )
    assert entry.decided_point.format("nb") == "januar 2021"
    assert entry.decided_point.format("en") == "January 2021"


def test_an_organisation_goes_live_with_its_latest_go_live():
    organisation = make_organisation()
    early, late = (
        make_milestone(organisations=[organisation]),
        make_milestone(organisations=[organisation]),
    )
    make_entry(early, "original", "2022")
    make_entry(late, "original", "2024")
    organisation = Organisation.objects.with_go_lives(at=NOON).get(pk=organisation.pk)
    assert organisation.go_live == late


def test_translated_fields_fall_back_to_bokmal():
    from django.utils import translation

    phase = make_phase(title="Produksjonssetting", title_en="Go-live")
    phase = Phase.objects.get(pk=phase.pk)
    with translation.override("nn"):
        assert phase.title == "Produksjonssetting"
    with translation.override("en"):
        assert phase.title == "Go-live"
