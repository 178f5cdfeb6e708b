"""Drafts, scheduled and unpublished content never reach the feed, the calendars or the sitemap."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from icalendar import Calendar

from tests.open_data.conftest import NEXT_YEAR
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_entries(client, url="/endringer/feed/"):
    root = ET.fromstring(client.get(url).content)  # noqa: S314 - our own response
    return root.findall(f"{ATOM}entry")


def sitemap_locations(client):
    """Return every address in the sitemaps that the index at /sitemap.xml names."""
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    locations = set()
    for section in index.iter(f"{SITEMAP}loc"):
        root = ET.fromstring(client.get(section.text).content)  # noqa: S314 - our own response
        locations |= {url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")}
    return locations


def calendar_uids(client, url="/virksomheter/kalender.ics"):
    calendar = Calendar.from_ical(client.get(url).content)
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def test_the_feed_shows_changes_of_public_milestones_and_phases_only(client):
    public = make_milestone(slug="offentlig")
    make_entry(public, "revision", "2027", decided_on=datetime.date(2024, 1, 1))
    draft = make_milestone(slug="utkast", publish_at=None)
    make_entry(draft, "revision", "2028", decided_on=datetime.date(2025, 1, 1))
    scheduled = make_milestone(slug="planlagt", publish_at=NEXT_YEAR)
    make_entry(scheduled, "actual", "2026", decided_on=datetime.date(2025, 2, 1))
    hidden_phase = make_phase(slug="skjult", publish_at=None)
    make_entry(hidden_phase, "revision", "2029", decided_on=datetime.date(2025, 3, 1))
    in_hidden_phase = make_milestone(phase=hidden_phase, slug="i-skjult")
    make_entry(in_hidden_phase, "revision", "2029", decided_on=datetime.date(2025, 3, 1))

    links = [entry.find(f"{ATOM}link").get("href") for entry in feed_entries(client)]
    assert len(links) == 1
    assert links[0].endswith("#offentlig")


def test_a_change_without_a_decision_date_is_dated_by_its_publication(client):
    milestone = make_milestone(slug="uten-dato")
    make_entry(milestone, "revision", "høst 2027")
    (entry,) = feed_entries(client)
    assert entry.find(f"{ATOM}published") is None
    updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    assert updated == milestone.publish_at


@pytest.fixture
def organisations():
    """A public organisation and a draft, a scheduled and an unpublished one, all going live."""
    public = make_organisation(name="Offentlig kommune", slug="offentlig")
    draft = make_organisation(name="Utkast kommune", slug="utkast", publish_at=None)
    scheduled = make_organisation(name="Planlagt kommune", slug="planlagt", publish_at=NEXT_YEAR)
    gone = make_organisation(
        name="Avpublisert kommune",
        slug="avpublisert",
        unpublish_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    wave = make_milestone(slug="bolge", organisations=[public, draft, scheduled, gone])
    make_entry(wave, "original", "høst 2027")
    hidden = make_milestone(slug="skjult-bolge", publish_at=None, organisations=[public])
    make_entry(hidden, "original", "2030")
    make_phase(slug="skjult-fase", publish_at=None)
    return public


def test_the_calendars_show_public_organisations_and_go_lives_only(client, organisations):
    assert calendar_uids(client) == ["bolge-offentlig@helseplattformen-tidslinje"]
    for slug in ("utkast", "planlagt", "avpublisert"):
        assert client.get(f"/virksomheter/{slug}/kalender.ics").status_code == 404
    # The draft go-live of 2030 does not count as the public organisation's go-live.
    calendar = Calendar.from_ical(client.get("/virksomheter/offentlig/kalender.ics").content)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.date(2027, 9, 1)


def test_the_sitemap_lists_public_pages_only(client, organisations):
    locations = sitemap_locations(client)
    assert "http://testserver/virksomheter/offentlig/" in locations
    for slug in ("utkast", "planlagt", "avpublisert"):
        assert not any(f"/virksomheter/{slug}/" in location for location in locations)
    assert not any("skjult-fase" in location for location in locations)


def test_the_embeds_show_public_organisations_only(client, organisations):
    assert client.get("/innebygd/virksomhet/offentlig/").status_code == 200
    for slug in ("utkast", "planlagt", "avpublisert"):
        assert client.get(f"/innebygd/virksomhet/{slug}/").status_code == 404


def test_scheduled_content_appears_at_its_moment(client, organisations, clock):
    clock.set(NEXT_YEAR)
    assert len(calendar_uids(client)) == 2
    assert "http://testserver/en/virksomheter/planlagt/" in sitemap_locations(client)
    assert client.get("/innebygd/virksomhet/planlagt/").status_code == 200
