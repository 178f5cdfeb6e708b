"""The go-live calendars, parsed back with the icalendar library.

Fuzzy periods become all-day events over their whole span (DTEND exclusive),
with the period and whether it is a plan or a fact in the summary.
"""

import datetime

import pytest
from icalendar import Calendar

from phases.models import DateEntry
from tests.phases.factories import make_entry, make_milestone, make_organisation

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    return calendar


def events(calendar):
    return calendar.walk("VEVENT")


@pytest.fixture
def go_live():
    """Trondheim kommune, going live in a season that the test sets."""
    trondheim = make_organisation(name="Trondheim kommune", slug="trondheim-kommune")
    milestone = make_milestone(slug="trondheim", organisations=[trondheim])
    return milestone


@pytest.mark.parametrize(
    ("period", "first", "after_last"),
    [
        ("2027", datetime.date(2027, 1, 1), datetime.date(2028, 1, 1)),
        ("høst 2027", datetime.date(2027, 9, 1), datetime.date(2027, 12, 1)),
        ("vår 2027", datetime.date(2027, 3, 1), datetime.date(2027, 6, 1)),
        # Winter spans the new year: December to the end of February (a leap year here).
        ("vinter 2027", datetime.date(2027, 12, 1), datetime.date(2028, 3, 1)),
        ("vinter 2026", datetime.date(2026, 12, 1), datetime.date(2027, 3, 1)),
        ("desember 2027", datetime.date(2027, 12, 1), datetime.date(2028, 1, 1)),
        ("februar 2028", datetime.date(2028, 2, 1), datetime.date(2028, 3, 1)),
        ("9. november 2027", datetime.date(2027, 11, 9), datetime.date(2027, 11, 10)),
        ("april–august 2027", datetime.date(2027, 4, 1), datetime.date(2027, 9, 1)),
        ("august 2027–januar 2028", datetime.date(2027, 8, 1), datetime.date(2028, 2, 1)),
        # Open-ended: the event is its first day; the summary says "fra".
        ("fra høst 2027", datetime.date(2027, 9, 1), datetime.date(2027, 9, 2)),
    ],
)
def test_a_period_is_an_all_day_event_over_its_whole_span(
    client, go_live, period, first, after_last
):
    make_entry(go_live, "original", period)
    (event,) = events(parse(client.get("/virksomheter/trondheim-kommune/kalender.ics")))
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event["DTEND"].params["VALUE"] == "DATE"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is datetime.date and type(end) is datetime.date
    assert (start, end) == (first, after_last)
    assert str(event["TRANSP"]) == "TRANSPARENT"


@pytest.mark.parametrize(
    ("prefix", "summary"),
    [
        ("", "Trondheim kommune: Helseplattformen tas i bruk (planlagt: høst 2027)"),
        ("/nn", "hausten 2027"),
        ("/en", "autumn 2027"),
    ],
)
def test_a_plan_says_planned_with_its_precision_in_the_summary(client, go_live, prefix, summary):
    make_entry(go_live, "original", "høst 2027")
    (event,) = events(parse(client.get(f"{prefix}/virksomheter/trondheim-kommune/kalender.ics")))
    assert summary in str(event["SUMMARY"])
    assert str(event["STATUS"]) == "TENTATIVE"


def test_the_description_explains_that_the_date_is_only_known_to_its_precision(client, go_live):
    make_entry(go_live, "original", "høst 2027")
    (event,) = events(parse(client.get("/virksomheter/trondheim-kommune/kalender.ics")))
    description = str(event["DESCRIPTION"])
    assert "Datoen er ikke kjent mer nøyaktig enn «høst 2027»" in description
    assert "http://testserver/virksomheter/trondheim-kommune/" in description


def test_a_day_needs_no_explanation(client, go_live):
    make_entry(go_live, "original", "9. november 2027")
    (event,) = events(parse(client.get("/virksomheter/trondheim-kommune/kalender.ics")))
    assert "nøyaktig" not in str(event["DESCRIPTION"])


def test_a_recorded_go_live_says_it_happened(client, go_live):
    make_entry(go_live, "original", "høst 2021")
    make_entry(go_live, "revision", "30. april 2022")
    make_entry(go_live, "actual", "7. mai 2022", decided_on=datetime.date(2022, 5, 7))
    (event,) = events(parse(client.get("/virksomheter/trondheim-kommune/kalender.ics")))
    assert str(event["SUMMARY"]) == "Trondheim kommune: Helseplattformen tatt i bruk (7. mai 2022)"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTART") == datetime.date(2022, 5, 7)
    assert "Opprinnelig planlagt: høst 2021" in str(event["DESCRIPTION"])


def test_uids_are_stable_across_requests_languages_and_files(client, go_live):
    make_entry(go_live, "original", "høst 2027")
    uids = [
        str(event["UID"])
        for url in (
            "/virksomheter/trondheim-kommune/kalender.ics",
            "/virksomheter/trondheim-kommune/kalender.ics",
            "/en/virksomheter/trondheim-kommune/kalender.ics",
            "/virksomheter/kalender.ics",
            "/nn/virksomheter/kalender.ics",
        )
        for event in events(parse(client.get(url)))
    ]
    assert uids == ["trondheim-trondheim-kommune@helseplattformen-tidslinje"] * 5


def test_a_revision_keeps_the_uid_and_raises_the_sequence(client, go_live):
    make_entry(go_live, "original", "høst 2027")
    (before,) = events(parse(client.get("/virksomheter/trondheim-kommune/kalender.ics")))
    make_entry(go_live, "revision", "vår 2028", decided_on=datetime.date(2027, 6, 15))
    (after,) = events(parse(client.get("/virksomheter/trondheim-kommune/kalender.ics")))
    assert after["UID"] == before["UID"]
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("DTSTART") == datetime.date(2028, 3, 1)
    # Last modified: the day the revision was decided, midnight in Norway, in UTC.
    assert after.decoded("LAST-MODIFIED") == datetime.datetime(
        2027, 6, 14, 22, 0, tzinfo=datetime.UTC
    )
    assert after.decoded("DTSTAMP") == after.decoded("LAST-MODIFIED")


def test_the_calendar_of_all_organisations_has_one_event_per_organisation(client):
    trondheim = make_organisation(name="Trondheim kommune", slug="trondheim-kommune")
    malvik = make_organisation(name="Malvik kommune", slug="malvik-kommune")
    make_organisation(name="Uten dato", slug="uten-dato")
    unknown = make_organisation(name="Ukjent dato", slug="ukjent-dato")
    wave = make_milestone(slug="bolge-1", organisations=[trondheim, malvik])
    make_entry(wave, "original", "høst 2027")
    unsettled = make_milestone(slug="uavklart", organisations=[unknown])
    make_entry(unsettled, "original", "2022")
    make_entry(unsettled, "unsettled")
    calendar = parse(client.get("/virksomheter/kalender.ics"))
    assert sorted(str(event["UID"]) for event in events(calendar)) == [
        "bolge-1-malvik-kommune@helseplattformen-tidslinje",
        "bolge-1-trondheim-kommune@helseplattformen-tidslinje",
    ]
    assert str(calendar["X-WR-CALNAME"]) == "Helseplattformen: når virksomhetene tar den i bruk"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert DateEntry.objects.filter(kind="unsettled").count() == 1


def test_an_organisation_without_a_date_gets_an_empty_calendar(client):
    make_organisation(name="Uten dato", slug="uten-dato")
    calendar = parse(client.get("/virksomheter/uten-dato/kalender.ics"))
    assert events(calendar) == []


def test_an_event_links_to_the_organisation_page_in_its_language(client, go_live):
    make_entry(go_live, "original", "høst 2027")
    (event,) = events(parse(client.get("/en/virksomheter/trondheim-kommune/kalender.ics")))
    assert str(event["URL"]) == "http://testserver/en/virksomheter/trondheim-kommune/"


def test_a_calendar_is_offered_as_a_file(client, go_live):
    response = client.get("/virksomheter/trondheim-kommune/kalender.ics")
    assert response["Content-Disposition"] == (
        'attachment; filename="helseplattformen-trondheim-kommune.ics"'
    )


def test_an_unknown_organisation_has_no_calendar(client):
    assert client.get("/virksomheter/finnes-ikke/kalender.ics").status_code == 404


# --- The calendar of every organisation holds the recent past and what is ahead -----------
# The clock (tests/open_data/conftest.py) is 25 November 2026; the recent past is 92 days.


@pytest.mark.parametrize(
    ("period", "in_the_calendar"),
    [
        ("mai 2026", False),  # ended in May: history, not something to put in a calendar
        ("august 2026", True),  # ended 31 August: 86 days ago
        ("24. august 2026", False),  # 93 days ago
        ("vinter 2025", False),  # winter 2025/26 ended in February 2026
        ("høst 2027", True),
        ("fra 2020", True),  # open-ended: still going on
        ("2024–2027", True),
    ],
)
def test_the_calendar_of_every_organisation_leaves_out_go_lives_long_past(
    client, period, in_the_calendar
):
    organisation = make_organisation(name="Malvik kommune", slug="malvik-kommune")
    go_live = make_milestone(slug="malvik", organisations=[organisation])
    make_entry(go_live, "original", period)

    everyone = events(parse(client.get("/virksomheter/kalender.ics")))
    own = events(parse(client.get("/virksomheter/malvik-kommune/kalender.ics")))

    assert len(everyone) == int(in_the_calendar)
    assert len(own) == 1, "one organisation's calendar is always complete"


def test_the_go_live_that_counts_decides_even_when_an_older_one_is_upcoming(client):
    organisation = make_organisation(name="Malvik kommune", slug="malvik-kommune")
    later = make_milestone(slug="malvik-uavklart", organisations=[organisation])
    make_entry(later, "original", "2021")
    make_entry(later, "unsettled")  # the date that counts is not known: no event
    earlier = make_milestone(slug="malvik-forste", organisations=[organisation])
    make_entry(earlier, "original", "høst 2027")

    assert events(parse(client.get("/virksomheter/kalender.ics"))) == []


def test_the_calendar_of_every_organisation_holds_at_most_the_earliest_max_events(
    client, monkeypatch
):
    from phases.open_data import calendars

    monkeypatch.setattr(calendars, "MAX_EVENTS", 2)
    for slug, period in [("c", "2029"), ("a", "høst 2027"), ("b", "vår 2028"), ("d", "2030")]:
        organisation = make_organisation(name=f"Kommune {slug}", slug=slug)
        make_entry(
            make_milestone(slug=f"{slug}-g", organisations=[organisation]), "original", period
        )

    calendar = parse(client.get("/en/virksomheter/kalender.ics"))

    assert [str(event["UID"]).split("@")[0] for event in events(calendar)] == ["a-g-a", "b-g-b"]
    assert "at most 2" in str(calendar["X-WR-CALDESC"])
    assert str(calendar["DESCRIPTION"]) == str(calendar["X-WR-CALDESC"])
