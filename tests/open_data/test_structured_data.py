"""schema.org Event JSON-LD on every go-live page, read back with a real JSON-LD processor.

PyLD expands each document with a document loader that serves a local copy of
the one context term the pages use (``@vocab``), so nothing is fetched: the
test checks the expanded graph, as a search engine would read it, for the
Event vocabulary's required fields (name, startDate, location with a name).
"""

import json
import re

import pytest
from pyld import jsonld

from phases.models import Organisation

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
STATUSES = {SCHEMA + status for status in ("EventScheduled", "EventRescheduled", "EventPostponed")}


def local_schema_context(url, options=None):
    """Serve schema.org's context from here: every term in the schema.org vocabulary."""
    if url.rstrip("/") not in {"https://schema.org", "http://schema.org"}:
        raise jsonld.JsonLdError(
            "Only the schema.org context is served offline.", "loading document failed"
        )
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": {"@context": {"@vocab": SCHEMA}},
    }


def expanded_event(html: str) -> dict:
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1
    expanded = jsonld.expand(json.loads(scripts[0]), {"documentLoader": local_schema_context})
    assert len(expanded) == 1
    return expanded[0]


def values(node: dict, term: str) -> list:
    return [item.get("@value", item.get("@id", item)) for item in node.get(SCHEMA + term, [])]


def go_live_pages():
    for organisation in Organisation.objects.all():
        milestones = list(organisation.milestones.filter(is_go_live=True))
        if milestones:
            yield organisation, milestones[0]


def test_every_go_live_page_has_a_valid_event(client, content):
    checked = 0
    for organisation, _go_live in go_live_pages():
        for prefix in ("", "/nn", "/en"):
            html = client.get(f"{prefix}/virksomheter/{organisation.slug}/").content.decode()
            event = expanded_event(html)
            assert event["@type"] == [SCHEMA + "Event"]
            assert values(event, "name"), organisation.slug
            start = values(event, "startDate")
            assert len(start) == 1 and re.fullmatch(r"\d{4}(-\d\d){0,2}", start[0])
            location = event[SCHEMA + "location"][0]
            assert location["@type"] == [SCHEMA + "Place"]
            assert values(location, "name") == [organisation.name]
            assert set(values(event, "eventStatus")) <= STATUSES and values(event, "eventStatus")
            checked += 1
    assert checked >= 3 * 60


@pytest.mark.parametrize(
    "slug, status, start, previous",
    [
        # Trondheim kommune: first planned for autumn 2021, then 30 April 2022; went live 7 May 2022.
        ("trondheim-kommune", "EventRescheduled", "2022-05-07", ["2021", "2022-04-30"]),
        # Kristiansund: 2022 in the original plan, then autumn 2023, then 3 November 2023.
        ("kristiansund-kommune", "EventRescheduled", "2023-11-03", ["2022", "2023"]),
    ],
)
def test_a_moved_go_live_is_rescheduled_with_each_earlier_date(
    client, content, slug, status, start, previous
):
    event = expanded_event(client.get(f"/virksomheter/{slug}/").content.decode())
    assert values(event, "eventStatus") == [SCHEMA + status]
    assert values(event, "startDate") == [start]
    assert values(event, "previousStartDate") == previous


def test_the_script_cannot_be_ended_by_content(client, content):
    organisation = Organisation.objects.get(slug="trondheim-kommune")
    organisation.name = "Trondheim </script><b>kommune"
    organisation.save()
    html = client.get("/virksomheter/trondheim-kommune/").content.decode()
    assert "</script><b>" not in html.split("</head>")[0]
    assert expanded_event(html)[SCHEMA + "location"][0][SCHEMA + "name"][0]["@value"] == (
        "Trondheim </script><b>kommune"
    )
