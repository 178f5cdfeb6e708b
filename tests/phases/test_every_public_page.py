"""Checks that hold on every public page: every page the sitemap lists, every embed, the 404.

The pages are rendered from the real content in all three languages. A date is
marked up with ``<time datetime>`` at the precision it was written with, and no
``datetime`` attribute claims more than the visible text knows: the day, month or
year it names must contain the whole period the text says.
"""

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from phases.models import Organisation
from phases.periods import Period

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class TimeElements(HTMLParser):
    """Collect each ``<time>`` element's ``datetime`` attribute and its text."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str | None, str]] = []
        self._open: list[str] | None = None
        self._attribute: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "time":
            self._attribute = dict(attrs).get("datetime")
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "time" and self._open is not None:
            self.found.append((self._attribute, "".join(self._open).strip()))
            self._open = None


def sitemap_paths(client, address: str = "/sitemap.xml") -> list[str]:
    """Return the paths a sitemap lists, following a sitemap index to its sections."""
    root = ET.fromstring(client.get(address).content)  # noqa: S314 - our own response
    paths = []
    for loc in root.iter(f"{SITEMAP}loc"):
        url = urlsplit(loc.text)
        if root.tag == f"{SITEMAP}sitemapindex":
            paths += sitemap_paths(client, f"{url.path}?{url.query}" if url.query else url.path)
        else:
            paths.append(url.path)
    return paths


def public_paths(client) -> list[str]:
    """Return every public page's path: the sitemap's, the embeds' and a 404, in each language."""
    paths = sitemap_paths(client)
    embeds = ["/innebygd/"] + [
        f"/innebygd/virksomhet/{slug}/"
        for slug in Organisation.objects.values_list("slug", flat=True)[:5]
    ]
    for prefix in ("", "/nn", "/en"):
        paths += [prefix + path for path in [*embeds, "/denne-siden-finnes-ikke/"]]
    return paths


def days_named(value: str) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day an HTML date string (2021, 2021-01, 2021-01-15) names."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        day = datetime.date(*parts)
        return day, day
    if len(parts) == 2:
        first = datetime.date(parts[0], parts[1], 1)
        following = datetime.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - datetime.timedelta(days=1)
    return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)


@pytest.fixture
def pages(client, content):
    rendered = {}
    for path in public_paths(client):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        rendered[path] = response.content.decode()
    return rendered


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2021", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
        ("2021-12", datetime.date(2021, 12, 1), datetime.date(2021, 12, 31)),
        ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ("2021-01-15", datetime.date(2021, 1, 15), datetime.date(2021, 1, 15)),
    ],
)
def test_the_checker_reads_html_date_strings_as_the_days_they_name(value, first, last):
    assert days_named(value) == (first, last)


def test_no_datetime_attribute_claims_more_precision_than_its_period_has(pages):
    checked = 0
    for path, html in pages.items():
        parser = TimeElements()
        parser.feed(html)
        for attribute, text in parser.found:
            assert attribute, f"{path}: <time> without datetime around {text!r}"
            period = Period.parse(text)
            first, last = days_named(attribute)
            # An open-ended period is marked up by its start only.
            end = period.start.last_day() if period.open_ended else period.last_day()
            assert first <= period.first_day() and end <= last, f"{path}: {attribute} for {text!r}"
            checked += 1
    # Month-only and day dates in the content: the check ran on real markup.
    assert checked > 100


EXAMPLES = [
    ("/", '<time datetime="2019">April–august 2019</time>'),
    ("/nn/", '<time datetime="2021">Frå hausten 2021</time>'),
    ("/en/virksomheter/trondheim-kommune/", '<time datetime="2022-05-07">7 May 2022</time>'),
    ("/endringer/", '<time datetime="2021-01">januar 2021</time>'),
]


def test_it_marks_up_dates_at_the_precision_they_were_written_with(pages):
    # One rendering of every page for the whole table: the pages are many.
    for path, expected in EXAMPLES:
        assert expected in pages[path], path


FRESHNESS = re.compile(r'<p class="freshness">(.*?)</p>', re.S)


def test_every_public_page_says_when_it_was_last_updated(pages):
    for path, html in pages.items():
        if path.endswith("/denne-siden-finnes-ikke/"):
            continue  # a 404 is about no content
        found = FRESHNESS.search(html)
        assert found, f"{path}: no «Sist oppdatert»"
        label = {"/nn/": "Sist oppdatert", "/en/": "Last updated"}.get(path[:4], "Sist oppdatert")
        assert re.search(rf'{label} <time datetime="\d{{4}}-\d\d-\d\d">', found.group(1)), path
