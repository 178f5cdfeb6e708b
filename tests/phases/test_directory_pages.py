"""The directory's pages: every municipality with a status, filters without empty
choices, the map with its table, and the identifiers on the pages."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from phases.management.commands.load_content import DIRECTORY_FILE, norwegian_slug
from phases.models import Organisation
from tests.phases.factories import make_organisation

pytestmark = pytest.mark.django_db

MUNICIPALITIES = json.loads(Path(DIRECTORY_FILE).read_text(encoding="utf-8"))["municipalities"]
STATUS_WORDS = (
    "Tatt i bruk",
    "Planlagt",
    "Planlagt dato er passert, ikke bekreftet",
    "Dato er ikke kjent",
    "Ikke i noen kunngjort bølge – ingen beslutning registrert her",
)


def test_the_directory_has_every_municipality_of_both_counties_in_the_2024_structure():
    counties = [m["county"] for m in MUNICIPALITIES]
    assert counties.count("trondelag") == 38
    assert counties.count("more-og-romsdal") == 27
    numbers = {m["number"]: m["name"] for m in MUNICIPALITIES}
    assert numbers["1508"] == "Ålesund" and numbers["1580"] == "Haram"  # split on 1 January 2024
    assert "1507" not in numbers
    assert {numbers["3430"], numbers["1811"]} == {"Os", "Bindal"}
    assert all(re.fullmatch(r"\d{4}", number) for number in numbers)


@pytest.mark.parametrize("municipality", MUNICIPALITIES, ids=lambda m: m["number"])
def test_every_municipality_has_a_page_with_its_number_and_a_status(
    client, content, clock, municipality
):
    address = f"/virksomheter/{norwegian_slug(municipality['name'] + ' kommune')}/"
    html = client.get(address).content.decode()
    assert f"<dd>{municipality['number']}</dd>" in html
    if municipality["organisation_number"]:
        assert f"<dd>{municipality['organisation_number']}</dd>" in html
    assert any(words in html for words in STATUS_WORDS)


def test_a_municipality_outside_every_wave_says_so_and_invents_no_date(client, content, clock):
    html = client.get("/virksomheter/haram-kommune/").content.decode()
    assert "Ikke i noen kunngjort bølge – ingen beslutning registrert her." in html
    assert "kalender.ics" not in html.split("<main", 1)[1].split("innebygging", 1)[0]


def test_a_trust_page_lists_its_hospitals(client, content, clock):
    html = client.get("/virksomheter/helse-more-og-romsdal/").content.decode()
    hospitals = html.split('id="sykehus"', 1)[1].split("</ul>", 1)[0]
    for name in ("Ålesund sjukehus", "Molde sjukehus", "Kristiansund sjukehus", "Volda sjukehus"):
        assert name in hospitals
    assert "<dd>997005562</dd>" in html


class _Options(HTMLParser):
    """Collect the options of each select: {name: [values]}."""

    def __init__(self):
        super().__init__()
        self.selects, self._current = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._current = self.selects.setdefault(attrs["name"], [])
        elif tag == "option" and self._current is not None and attrs.get("value"):
            self._current.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._current = None


def _filter_choices(client, url="/virksomheter/"):
    parser = _Options()
    parser.feed(client.get(url).content.decode())
    return parser.selects


def test_the_filters_never_offer_an_empty_category(client, content, clock):
    choices = _filter_choices(client)
    assert set(choices) == {"kind", "county", "status"}
    assert "fastlegekontor" not in choices["kind"]
    assert "avtalespesialist" not in choices["kind"]
    for name, values in choices.items():
        for value in values:
            html = client.get("/virksomheter/", {name: value}).content.decode()
            assert "<tbody>" in html, f"{name}={value} lists nothing"


def test_a_kind_is_offered_once_an_organisation_of_it_is_published(client, content, clock):
    make_organisation(name="Legesenteret", kind=Organisation.Kind.GP_OFFICE)
    assert "fastlegekontor" in _filter_choices(client)["kind"]


def test_the_status_filter_finds_the_municipalities_outside_every_wave(client, content, clock):
    html = client.get("/virksomheter/", {"status": "not_announced"}).content.decode()
    assert "Viser 2 virksomheter." in html
    assert "Ålesund kommune" in html and "Haram kommune" in html


class _Map(HTMLParser):
    """Read the map: each link's address and title, and the table's status per address."""

    def __init__(self):
        super().__init__()
        self.dots, self.table, self._in = {}, {}, None
        self._href = self._title = None
        self._row_href = None
        self.svg = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and "dotmap__svg" in attrs.get("class", ""):
            self._in = "svg"
        elif tag == "a" and self._in == "svg":
            self._href = attrs["href"]
        elif tag == "title" and self._href:
            self._title = ""
        elif tag == "use" and self._href:
            self.dots[self._href] = (self._title, attrs["href"].removeprefix("#dot-"))
            self._href = None
        elif tag == "table":
            self._in = "table"
        elif tag == "a" and self._in == "table":
            self._row_href = attrs["href"]
        elif tag == "td" and self._in == "table" and "data-status" in attrs:
            self.table[self._row_href] = attrs["data-status"]

    def handle_data(self, data):
        if self._title is not None and self._href:
            self._title += data

    def handle_endtag(self, tag):
        if tag == "title":
            self._title = self._title if self._href else None
        if tag in ("svg", "table"):
            self._in = None


def test_the_map_shows_every_municipality_and_its_table_the_same_statuses(client, content, clock):
    html = client.get("/virksomheter/kart/").content.decode()
    parsed = _Map()
    parsed.feed(html)
    assert len(parsed.dots) == len(MUNICIPALITIES) == 67
    assert {href: status for href, (_title, status) in parsed.dots.items()} == parsed.table
    # Each dot is a link with a name: the municipality and its status in words.
    title, status = parsed.dots["/virksomheter/trondheim-kommune/"]
    assert (title, status) == ("Trondheim kommune: Tatt i bruk", "done")
    assert parsed.dots["/virksomheter/alesund-kommune/"][1] == "not_announced"


def test_the_map_is_at_most_40_kb_and_requests_nothing_from_elsewhere(client, content, clock):
    html = client.get("/virksomheter/kart/").content.decode()
    svg = re.search(r'<svg class="dotmap__svg".*?</svg>', html, re.S).group()
    assert len(svg.encode()) <= 40_000
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)


def test_every_status_on_the_map_has_a_symbol_and_a_legend_entry(client, content, clock):
    html = client.get("/virksomheter/kart/").content.decode()
    legend = html.split('class="dotmap__legend"', 1)[1].split("</ul>", 1)[0]
    for status in set(re.findall(r'<use href="#dot-(\w+)" x=', html)):
        assert f'<symbol id="dot-{status}"' in html
        assert f'href="#dot-{status}"' in legend


def test_the_front_page_has_the_search_as_a_plain_get_form(client, content, clock):
    html = client.get("/").content.decode()
    form = html.split('<form class="directory-search"', 1)[1].split("</form>", 1)[0]
    assert 'method="get" action="/virksomheter/"' in form
    assert "Når kommer Helseplattformen til deg?" in form
    assert 'name="q"' in form and '<button type="submit">' in form


def test_the_api_gives_the_identifiers(client, content, clock):
    data = client.get("/api/v1/organisations/trondheim-kommune/").json()
    assert data["kommunenummer"] == "5001"
    assert data["organisasjonsnummer"] == "942110464"
    assert data["other_names"] == ["Tråante"]
    assert data["point"] == {"latitude": 63.3381, "longitude": 10.4751}
