"""The open formats are linked from the pages where a visitor would look for them."""

import html as html_module

import pytest

from tests.phases.factories import make_entry, make_milestone, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def trondheim():
    organisation = make_organisation(name="Trondheim kommune", slug="trondheim-kommune")
    milestone = make_milestone(slug="trondheim", organisations=[organisation])
    make_entry(milestone, "original", "høst 2027")
    return organisation


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_footer_links_to_the_api_and_the_feed(client, prefix):
    html = client.get(f"{prefix}/").content.decode()
    assert '<a href="/api/v1/">' in html
    assert f'<a href="{prefix}/endringer/feed/" type="application/atom+xml">' in html


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_change_log_announces_and_links_its_feed(client, prefix):
    html = client.get(f"{prefix}/endringer/").content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/atom+xml" title="' in head
    assert f'href="{prefix}/endringer/feed/"' in head
    body = html.split("<main")[1]
    assert f'href="{prefix}/endringer/feed/"' in body


def test_the_organisations_page_links_to_the_calendar_of_all_go_lives(client):
    html = client.get("/nn/virksomheter/").content.decode()
    assert '<a href="/nn/virksomheter/kalender.ics" type="text/calendar">' in html


def test_an_organisation_page_offers_its_calendar(client):
    html = client.get("/virksomheter/trondheim-kommune/").content.decode()
    assert (
        '<a href="/virksomheter/trondheim-kommune/kalender.ics" type="text/calendar">'
        "Legg til i kalenderen min</a>"
    ) in html


def test_an_organisation_without_a_date_offers_no_calendar(client):
    make_organisation(name="Uten dato", slug="uten-dato")
    html = client.get("/virksomheter/uten-dato/").content.decode()
    assert "kalender.ics" not in html


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_an_organisation_page_shows_the_embed_snippet_to_copy(client, prefix):
    html = client.get(f"{prefix}/virksomheter/trondheim-kommune/").content.decode()
    code = html.split('<pre class="embed-snippet__code"')[1].split("</pre>")[0]
    snippet = html_module.unescape(code.split("<code>")[1].split("</code>")[0])
    assert snippet.startswith(
        f'<iframe src="http://testserver{prefix}/innebygd/virksomhet/trondheim-kommune/" title="'
    )
    assert "Trondheim kommune" in snippet
    assert snippet.endswith("></iframe>")
    # Shown as text, never as a live frame on our own page.
    assert "<iframe" not in html
    assert 'aria-labelledby="innebygging-kode"' in html


def test_the_snippet_escapes_a_name_with_quotes(client):
    make_organisation(name='Kommune "med" <tegn>', slug="tegn")
    html = client.get("/virksomheter/tegn/").content.decode()
    code = html.split("<code>")[1].split("</code>")[0]
    snippet = html_module.unescape(code)
    assert 'title="Når Kommune &quot;med&quot; &lt;tegn&gt; tar i bruk Helseplattformen"' in snippet
