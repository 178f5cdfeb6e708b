"""The stored shown period and its status rule in SQL agree with the rule on the whole history.

``phases.status.shown_status`` (Python, on the stored columns) and
``phases.status_query.status_expression`` (the database) must give what
``milestone_status`` gives on the date history, for every status and on every
kind of history; and the stored columns must follow every change of a published line.
"""

import datetime

import pytest
from django.utils import timezone

from phases.models import DateEntry, Milestone, Organisation, Phase, publish_draft_dates
from phases.periods import Period
from phases.status import Entry, Kind, Status, milestone_status, shown_of, shown_status, summarise
from phases.status_query import status_expression, with_go_live_status
from tests.conftest import LONG_AGO, TODAY

D = datetime.date

# (history, day, status): every status, each boundary day, open ends, corrections of course.
CASES = [
    ([], TODAY, Status.DATE_UNKNOWN),
    ([("original", "høst 2027")], TODAY, Status.UPCOMING),
    ([("original", "april–august 2019")], D(2019, 3, 31), Status.UPCOMING),
    ([("original", "april–august 2019")], D(2019, 4, 1), Status.UNDER_WAY),
    ([("original", "april–august 2019")], D(2019, 8, 31), Status.UNDER_WAY),
    ([("original", "april–august 2019")], D(2019, 9, 1), Status.UNCONFIRMED),
    ([("original", "fra høst 2021")], D(2099, 12, 31), Status.UNDER_WAY),
    ([("original", "fra høst 2021")], D(2021, 8, 31), Status.UPCOMING),
    ([("original", "vinter 2025")], D(2026, 2, 28), Status.UNDER_WAY),
    ([("original", "vinter 2025")], D(2026, 3, 1), Status.UNCONFIRMED),
    ([("original", "9. november 2024")], D(2024, 11, 9), Status.UNDER_WAY),
    ([("original", "9. november 2024")], D(2024, 11, 10), Status.UNCONFIRMED),
    ([("original", "2022"), ("unsettled", None)], TODAY, Status.DATE_UNKNOWN),
    ([("original", "2022"), ("unsettled", None), ("revision", "2028")], TODAY, Status.UPCOMING),
    ([("original", "2022"), ("revision", "høst 2027")], TODAY, Status.UPCOMING),
    ([("original", "2022"), ("actual", "9. november 2024")], TODAY, Status.DONE),
    ([("original", "2022"), ("actual", "9. november 2024")], D(2024, 11, 9), Status.DONE),
    ([("original", "2022"), ("actual", "9. november 2024")], D(2024, 11, 8), Status.UPCOMING),
    ([("unsettled", None), ("actual", "mai 2022")], TODAY, Status.DONE),
]


def history(rows):
    return [Entry(Kind(kind), Period.parse(text) if text else None) for kind, text in rows]


@pytest.mark.parametrize(("rows", "day", "expected"), CASES)
def test_the_rule_on_the_stored_columns_is_the_rule_on_the_history(rows, day, expected):
    dates = summarise(history(rows))
    assert milestone_status(dates, day) == expected
    assert shown_status(shown_of(dates), day) == expected


def test_the_cases_cover_every_status():
    assert {expected for _rows, _day, expected in CASES} == set(Status)


def make_milestone(phase, slug, rows, **fields):
    milestone = Milestone.objects.create(
        phase=phase, slug=slug, title_nb=slug, publish_at=LONG_AGO, **fields
    )
    for kind, text in rows:
        entry = DateEntry(milestone=milestone, kind=kind)
        entry.period = Period.parse(text) if text else None
        entry.save()
    milestone.refresh_from_db()
    return milestone


@pytest.fixture
def phase(db):
    phase = Phase(slug="fase", title_nb="Fase", publish_at=LONG_AGO)
    phase.period = Period.parse("2019")
    phase.save()
    return phase


def database_statuses(day):
    rows = Milestone.objects.annotate(status=status_expression(day)).values_list("slug", "status")
    return dict(rows)


@pytest.mark.django_db
def test_the_database_gives_every_case_the_status_of_the_history(phase):
    for index, (rows, _day, _expected) in enumerate(CASES):
        make_milestone(phase, f"m{index}", rows)
    for day in sorted({day for _rows, day, _expected in CASES}):
        found = database_statuses(day)
        for index, (rows, _case_day, _expected) in enumerate(CASES):
            expected = milestone_status(summarise(history(rows)), day)
            assert found[f"m{index}"] == expected, (rows, day)


def assert_database_agrees(day):
    """Every milestone's and every organisation's status: the database's is the history's."""
    at = timezone.now()
    milestones = Milestone.objects.prefetch_related("date_entries")
    expected = {m.slug: m.status_on(day).value for m in milestones}
    assert database_statuses(day) == expected
    organisations = Organisation.objects.published(at=at)
    python = {
        o.slug: (o.go_live.status_on(day).value if o.go_live else None)
        for o in organisations.with_go_lives(at=at)
    }
    database = dict(
        with_go_live_status(organisations, at=at, today=day).values_list("slug", "go_live_status")
    )
    assert database == python
    return expected


@pytest.mark.parametrize(
    "day", [TODAY, D(2019, 6, 1), D(2022, 6, 1), D(2024, 11, 9), D(2025, 6, 1), D(2028, 1, 1)]
)
def test_the_database_agrees_with_the_history_on_the_real_content(content, clock, day):
    statuses = assert_database_agrees(day)
    assert len(statuses) > 10


@pytest.mark.django_db
def test_the_database_agrees_with_the_history_on_the_large_rollout(large_rollout, clock):
    statuses = assert_database_agrees(TODAY)
    assert set(statuses.values()) >= {"done", "upcoming", "unconfirmed"}


def stored(milestone):
    milestone.refresh_from_db()
    return milestone.stored_shown


@pytest.mark.django_db
def test_the_stored_columns_follow_every_change_of_a_published_line(phase):
    milestone = make_milestone(phase, "m", [("original", "høst 2025")])
    assert stored(milestone) == shown_of(milestone.dates)
    assert stored(milestone).first_day == D(2025, 9, 1)

    # Add: a new plan.
    revision = DateEntry(milestone=milestone, kind="revision")
    revision.period = Period.parse("vinter 2027")
    revision.save()
    assert (stored(milestone).first_day, stored(milestone).last_day) == (
        D(2027, 12, 1),
        D(2028, 2, 29),
    )

    # Edit the line (a shell or the admin's correction of a draft-free mistake).
    revision.period = Period.parse("fra mars 2027")
    revision.save()
    assert (stored(milestone).first_day, stored(milestone).last_day) == (D(2027, 3, 1), None)

    # A correction row takes the place of the line it corrects.
    correction = DateEntry(milestone=milestone, kind="revision", corrects=revision)
    correction.period = Period.parse("januar 2027")
    correction.save()
    assert stored(milestone).first_day == D(2027, 1, 1)

    # A draft changes nothing until it is published.
    actual = DateEntry(milestone=milestone, kind="actual", draft=True)
    actual.period = Period.parse("15. januar 2027")
    actual.save()
    assert stored(milestone).is_actual is False
    assert stored(milestone).first_day == D(2027, 1, 1)
    assert publish_draft_dates(milestone, reason="Publisert") == 1
    assert stored(milestone).is_actual is True
    assert stored(milestone).first_day == D(2027, 1, 15)

    # Delete: one line, then (in bulk) the rest.
    DateEntry.objects.get(pk=actual.pk).delete()
    assert stored(milestone).is_actual is False
    assert stored(milestone).first_day == D(2027, 1, 1)
    DateEntry.objects.filter(pk=correction.pk).delete()
    DateEntry.objects.filter(milestone=milestone).delete()
    assert stored(milestone) == shown_of(summarise([]))
    assert stored(milestone).first_day is None


@pytest.mark.django_db
def test_a_line_moved_to_another_milestone_changes_both(phase):
    first = make_milestone(phase, "a", [("original", "2025")])
    second = make_milestone(phase, "b", [])
    entry = first.date_entries.get()
    entry.milestone = second
    entry.save()
    assert stored(first).first_day is None
    assert stored(second).first_day == D(2025, 1, 1)


@pytest.mark.django_db
def test_a_preview_with_drafts_still_reads_the_history(phase):
    milestone = make_milestone(phase, "m", [("original", "2030")])
    draft = DateEntry(milestone=milestone, kind="actual", draft=True)
    draft.period = Period.parse("2020")
    draft.save()
    with_drafts = Milestone.objects.prefetch_related("date_entries").get(pk=milestone.pk)
    assert with_drafts.status_on(TODAY) == Status.DONE  # the preview sees the draft
    assert database_statuses(TODAY)["m"] == Status.UPCOMING  # the public site does not


@pytest.mark.django_db
@pytest.mark.parametrize("day", [TODAY, D(2024, 11, 1), D(2023, 1, 1)])
def test_the_calendar_of_everyone_chooses_by_the_histories_rule(large_rollout, clock, day):
    """The database's choice is the earliest go-lives in the window, as the histories say."""
    from phases.open_data.calendars import MAX_EVENTS, RECENT_PAST, upcoming_go_lives

    at = timezone.now()
    since = day - RECENT_PAST
    in_window = {}
    for organisation in Organisation.objects.published(at=at).with_go_lives(at=at):
        go_live = organisation.go_live
        period = go_live.dates.shown if go_live else None
        if period is not None and (period.last_day() or since) >= since:
            in_window[organisation.pk] = (period.first_day(), go_live.pk)
    chosen = upcoming_go_lives(at=at, today=day)
    assert len(chosen) == min(MAX_EVENTS, len(in_window)) > 0
    firsts = [in_window[organisation.pk][0] for organisation, _go_live in chosen]
    assert firsts == sorted(firsts)
    assert all(in_window[o.pk][1] == go_live.pk for o, go_live in chosen)
    # Nothing left out starts before the last one chosen.
    left_out = set(in_window) - {organisation.pk for organisation, _go_live in chosen}
    assert all(in_window[pk][0] >= firsts[-1] for pk in left_out)
