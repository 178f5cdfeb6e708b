"""The Atom feed of date changes, parsed with a real XML parser (xml.etree, Atom namespace)."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from phases.models import DateEntry

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root):
    return root.findall(f"{ATOM}entry")


def assert_valid_atom(root):
    """The elements RFC 4287 requires of a feed and of each entry."""
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    for entry in entries(root):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    ids = [entry.find(f"{ATOM}id").text for entry in entries(root)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_feed_is_valid_atom_in_every_language(client, content, prefix):
    root = parse(client.get(f"{prefix}/endringer/feed/"))
    assert_valid_atom(root)
    assert root.get(XML_LANG) == (prefix.strip("/") or "nb")
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        f"http://testserver{prefix}/endringer/"
    )
    for entry in entries(root):
        assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver{prefix}/fase/")


def test_it_lists_every_revision_and_recorded_go_live_but_no_original_plan(client, content):
    root = parse(client.get("/endringer/feed/"))
    expected = DateEntry.objects.exclude(kind="original").count()
    assert len(entries(root)) == expected
    titles = [entry.find(f"{ATOM}title").text for entry in entries(root)]
    assert "Trondheim kommune tar i bruk Helseplattformen: Faktisk dato: 7. mai 2022" in titles
    assert any(": Ny plan: " in title for title in titles)


def test_the_newest_change_comes_first(client, content):
    root = parse(client.get("/endringer/feed/"))
    published = [
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}published").text)
        for entry in entries(root)
        if entry.find(f"{ATOM}published") is not None
    ]
    assert published == sorted(published, reverse=True)
    assert len(published) > 5
    # Changes without a known decision date come last, as on the change log page.
    kinds = [entry.find(f"{ATOM}published") is None for entry in entries(root)]
    assert kinds == sorted(kinds)


def test_an_entry_carries_its_reason_and_source(client, content):
    root = parse(client.get("/en/endringer/feed/"))
    summaries = [entry.find(f"{ATOM}summary") for entry in entries(root)]
    assert all(summary.get("type") == "html" for summary in summaries if summary is not None)
    html = "".join(summary.text for summary in summaries if summary is not None)
    assert 'href="https://stolav.no/helseplattformen/"' in html


def test_entry_ids_are_stable_and_differ_per_language(client, content):
    first = [e.find(f"{ATOM}id").text for e in entries(parse(client.get("/endringer/feed/")))]
    again = [e.find(f"{ATOM}id").text for e in entries(parse(client.get("/endringer/feed/")))]
    english = [e.find(f"{ATOM}id").text for e in entries(parse(client.get("/en/endringer/feed/")))]
    assert first == again
    assert all(
        entry_id.startswith("tag:helseplattformen-tidslinje,2019:endring/nb/") for entry_id in first
    )
    assert not set(first) & set(english)


@pytest.mark.parametrize("url", ["/en/endringer/feed/", "/nn/virksomheter/kalender.ics"])
def test_feeds_and_calendars_are_cached_like_the_pages(client, content, settings, url):
    from helseplattform import settings as project_settings

    settings.MIDDLEWARE = project_settings.MIDDLEWARE
    response = client.get(url)
    assert response["Cache-Control"].startswith("public")
    assert "Set-Cookie" not in response
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
