"""Per-organisation and per-phase feeds, announced in every page's <head>, parsed with feedparser.

Only major date changes are announced: an editor's minor correction of wording is
left out of every feed (it is still in the change log).
"""

import feedparser
import pytest
from django.test import Client

from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db

ATOM = 'type="application/atom+xml"'


@pytest.fixture
def rollout():
    orkland = make_organisation(name="Orkland kommune", slug="orkland-kommune")
    melhus = make_organisation(name="Melhus kommune", slug="melhus-kommune")
    phase = make_phase(title="Produksjonssetting", slug="produksjonssetting", period="2022")
    wave = make_milestone(
        phase=phase, slug="bolge-1", title="Første bølge", organisations=[orkland]
    )
    other = make_milestone(phase=phase, slug="bolge-2", title="Andre bølge", organisations=[melhus])
    make_entry(wave, "original", "høst 2021")
    make_entry(
        wave, "revision", "mai 2022", reason_nb="Mer tid til opplæring", decided_on="2021-06-01"
    )
    make_entry(
        wave,
        "revision",
        "mai 2022",
        reason_nb="Skrivefeil",
        decided_on="2021-06-02",
        is_major=False,
    )
    make_entry(other, "revision", "november 2022", reason_nb="Utsatt", decided_on="2022-01-10")
    return orkland, melhus, phase


def read(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def test_an_organisation_feed_has_its_major_changes_only(client, rollout):
    feed = read(client, "/virksomheter/orkland-kommune/feed/")
    assert feed.feed.title.startswith("Orkland kommune")
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Første bølge: Ny plan: mai 2022"]
    assert "Mer tid til opplæring" in feed.entries[0].summary
    assert feed.entries[0].link.endswith("/fase/produksjonssetting/#bolge-1")


def test_a_phase_feed_has_the_major_changes_of_all_its_milestones(client, rollout):
    feed = read(client, "/en/fase/produksjonssetting/feed/")
    assert [entry.title for entry in feed.entries] == [
        "Andre bølge: Revised plan: November 2022",
        "Første bølge: Revised plan: May 2022",
    ]


def test_the_site_feed_leaves_minor_corrections_out(client, rollout):
    feed = read(client, "/endringer/feed/")
    assert not any("Skrivefeil" in entry.get("summary", "") for entry in feed.entries)
    assert len(feed.entries) == 2


def test_an_unknown_organisation_has_no_feed(client, rollout):
    assert client.get("/virksomheter/finnes-ikke/feed/").status_code == 404


@pytest.mark.parametrize(
    ("url", "own_feed"),
    [
        ("/virksomheter/orkland-kommune/", "/virksomheter/orkland-kommune/feed/"),
        ("/nn/fase/produksjonssetting/", "/nn/fase/produksjonssetting/feed/"),
        ("/", None),
        ("/en/virksomheter/", None),
    ],
)
def test_every_page_announces_the_site_feed_and_its_own_in_the_head(client, rollout, url, own_feed):
    html = client.get(url).content.decode()
    head = html.split("</head>")[0]
    prefix = url.split("/")[1] if url.split("/")[1] in {"nn", "en"} else ""
    site_feed = f"/{prefix}/endringer/feed/" if prefix else "/endringer/feed/"
    assert f'{ATOM} title="' in head
    assert f'href="{site_feed}"' in head
    if own_feed:
        assert f'href="{own_feed}"' in head
    assert head.count(ATOM) == (2 if own_feed else 1)
