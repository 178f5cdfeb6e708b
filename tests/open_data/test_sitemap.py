"""The sitemap with language alternates, and robots.txt, on the seeded content."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from phases.models import Organisation, Phase, RolePage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def section_pages(client):
    """Return the addresses of the sitemaps the index at /sitemap.xml names."""
    index = parsed(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    return [loc.text for loc in index.iter(f"{SITEMAP}loc")]


@pytest.fixture
def urls(client, content):
    """Every address of every sitemap page the index names."""
    found = {}
    for page in section_pages(client):
        root = parsed(client, page)
        found |= {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}
    return found


def test_the_index_names_one_sitemap_per_section(client, content):
    assert section_pages(client) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-phases.xml",
        "http://testserver/sitemap-organisations.xml",
        "http://testserver/sitemap-roles.xml",
    ]


def test_a_long_section_is_split_into_pages_of_the_limit(client, content, monkeypatch):
    from phases.open_data import sitemaps

    monkeypatch.setattr(sitemaps.OrganisationSitemap, "limit", 50)
    pages = [page for page in section_pages(client) if "organisations" in page]
    total = 3 * Organisation.objects.count()

    assert pages == [
        "http://testserver/sitemap-organisations.xml",
        *(
            f"http://testserver/sitemap-organisations.xml?p={n}"
            for n in range(2, -(-total // 50) + 1)
        ),
    ]
    sizes = [len(parsed(client, page).findall(f"{SITEMAP}url")) for page in pages]
    assert sizes[:-1] == [50] * (len(pages) - 1)
    assert sum(sizes) == total
    assert client.get(f"/sitemap-organisations.xml?p={len(pages) + 1}").status_code == 404


def test_it_lists_every_public_page_in_every_language(urls):
    for prefix in ("", "/nn", "/en"):
        for page in (
            "/",
            "/virksomheter/",
            "/endringer/",
            "/om/",
            "/personvern/",
            "/tilgjengelighet/",
            "/hva-betyr-det-for-meg/",
            "/ordliste/",
        ):
            assert f"http://testserver{prefix}{page}" in urls
        assert f"http://testserver{prefix}/fase/forberedelsesfase/" in urls
        assert f"http://testserver{prefix}/virksomheter/trondheim-kommune/" in urls
        assert f"http://testserver{prefix}/hva-betyr-det-for-meg/parorende/" in urls
    pages = 8 + Phase.objects.count() + Organisation.objects.count() + RolePage.objects.count()
    assert len(urls) == 3 * pages


def test_each_page_names_its_translations_and_the_default(urls):
    url = urls["http://testserver/nn/fase/forberedelsesfase/"]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in url.findall(f"{XHTML}link")
        if link.get("rel") == "alternate"
    }
    assert alternates == {
        "nb": "http://testserver/fase/forberedelsesfase/",
        "nn": "http://testserver/nn/fase/forberedelsesfase/",
        "en": "http://testserver/en/fase/forberedelsesfase/",
        "x-default": "http://testserver/fase/forberedelsesfase/",
    }


def test_it_leaves_out_the_embeds_the_api_and_the_admin(urls):
    assert not any(
        part in url for url in urls for part in ("/innebygd/", "/api/", f"/{settings.ADMIN_PATH}")
    )


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-organisations.xml"])
def test_the_sitemap_is_cached_like_the_pages(client, content, url):
    response = client.get(url)
    assert response["Cache-Control"].startswith("public")
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: /{settings.ADMIN_PATH}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    # The API is open data: crawlers may read it.
    assert not any(line.startswith("Disallow: /api") for line in lines)
