"""The embeddable pages: framable by any site, while every other page stays unframable."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db

EMBEDS = [
    f"{prefix}{page}"
    for prefix in ("", "/nn", "/en")
    for page in ("/innebygd/", "/innebygd/virksomhet/trondheim-kommune/")
]
OTHER_PAGES = [
    "/",
    "/en/virksomheter/",
    "/virksomheter/trondheim-kommune/",
    "/nn/endringer/",
    "/api/v1/phases/",
    "/endringer/feed/",
]


@pytest.fixture(autouse=True)
def rollout():
    phase = make_phase(slug="produksjonssetting", title="Produksjonssetting", period="2021–2027")
    trondheim = make_organisation(name="Trondheim kommune", slug="trondheim-kommune")
    milestone = make_milestone(phase=phase, slug="trondheim", organisations=[trondheim])
    make_entry(milestone, "original", "høst 2021")
    make_entry(milestone, "revision", "30. april 2022")
    make_entry(milestone, "actual", "7. mai 2022")


def frame_ancestors(response):
    match = re.search(r"frame-ancestors ([^;]+)", response["Content-Security-Policy"])
    return match.group(1).strip()


@pytest.mark.parametrize("url", EMBEDS)
def test_an_embed_may_be_framed_by_any_site(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert frame_ancestors(response) == "*"
    assert "X-Frame-Options" not in response
    # Everything else in the policy stays strict.
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("url", OTHER_PAGES)
def test_every_other_page_may_not_be_framed(client, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    assert frame_ancestors(response) == "'none'"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("url", EMBEDS)
def test_an_embed_is_minimal_and_its_links_leave_the_frame(client, url):
    html = client.get(url).content.decode()
    assert "feedback" not in html  # no widget, no script
    assert "<script" not in html
    assert "style=" not in html
    assert "/static/css/embed.css" in html
    assert '<meta name="robots" content="noindex">' in html
    links = re.findall(r"<a [^>]*>", html)
    assert links
    assert all('target="_top"' in link for link in links)


@pytest.mark.parametrize(
    ("url", "lang", "text"),
    [
        (
            "/innebygd/virksomhet/trondheim-kommune/",
            "nb",
            'Opprinnelig planlagt: <time datetime="2021">høst 2021</time>',
        ),
        ("/nn/innebygd/virksomhet/trondheim-kommune/", "nn", "hausten 2021"),
        ("/en/innebygd/virksomhet/trondheim-kommune/", "en", "autumn 2021"),
    ],
)
def test_the_organisation_embed_shows_its_go_live_in_each_language(client, url, lang, text):
    html = client.get(url).content.decode()
    assert f'<html lang="{lang}">' in html
    assert "Trondheim kommune" in html
    assert text in html
    assert "status--done" in html


def test_the_timeline_embed_shows_every_phase_and_marks_the_current_one(client):
    html = client.get("/innebygd/").content.decode()
    assert "Produksjonssetting" in html
    assert 'aria-current="step"' in html
    assert 'href="/fase/produksjonssetting/"' in html


def test_an_unknown_organisation_has_no_embed(client):
    assert client.get("/innebygd/virksomhet/finnes-ikke/").status_code == 404


def test_the_embed_stylesheet_exists():
    css = Path(finders.find("css/embed.css")).read_text(encoding="utf-8")
    assert ".embed-timeline" in css


def test_the_relaxed_policy_survives_the_page_cache(client, settings):
    from helseplattform import settings as project_settings

    settings.MIDDLEWARE = project_settings.MIDDLEWARE
    first = client.get("/en/innebygd/virksomhet/trondheim-kommune/", secure=True)
    second = client.get("/en/innebygd/virksomhet/trondheim-kommune/", secure=True)
    assert first["ETag"] == second["ETag"]
    assert frame_ancestors(second) == "*"
    assert "X-Frame-Options" not in second
    page = client.get("/en/virksomheter/trondheim-kommune/", secure=True)
    assert frame_ancestors(page) == "'none'"
    assert (
        frame_ancestors(client.get("/en/virksomheter/trondheim-kommune/", secure=True)) == "'none'"
    )
