"""Every public page, in every language, with the real content and an honest clock.

The URLs are literal: they are a contract with everyone who links to the site.
"""

import datetime
import re

import pytest

from phases.models import Phase
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/fase/forberedelsesfase/",
    "/fase/produksjonssetting/",
    "/virksomheter/",
    "/virksomheter/trondheim-kommune/",
    "/endringer/",
]
LANGUAGES = {"": "nb", "/nn": "nn", "/en": "en"}


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_in_every_language(client, content, clock, prefix, page):
    response = client.get(prefix + page)
    assert response.status_code == 200
    assert html_lang(response) == LANGUAGES[prefix]
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/", "Forberedelsesfase"),
        ("/nn/", "Førebuingsfase"),
        ("/en/", "Preparation phase"),
        ("/nn/", "Innbyggjarane i Midt-Noreg får ein ny pasientportal"),
        ("/en/fase/produksjonssetting/", "The board approved a new rollout plan in January 2021."),
        ("/nn/fase/produksjonssetting/", "Styret godkjende ein ny innføringsplan i januar 2021."),
        ("/nn/", "Frå hausten 2021"),
        ("/en/", "From autumn 2021"),
        ("/nn/endringer/", "Styringsgruppa føreslo i januar 2023"),
    ],
)
def test_it_shows_the_translated_content(client, content, clock, url, text):
    assert text in client.get(url).content.decode()


def test_the_timeline_lists_the_seven_phases_in_order(client, content, clock):
    html = client.get("/").content.decode()
    ids = re.findall(r'<li id="([a-z-]+)" class="timeline__phase', html)
    assert ids == [
        "forberedelsesfase",
        "spesifiseringsfase",
        "utviklingsfase",
        "test-og-godkjenningsfase",
        "opplaeringsfase",
        "produksjonssetting",
        "en-journal",
    ]
    assert '<ol class="timeline">' in html


def test_the_timeline_marks_the_go_live_phase_as_current_for_eyes_and_screen_readers(
    client, content, clock
):
    html = client.get("/").content.decode()
    assert html.count('aria-current="step"') == 1
    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Produksjonssetting" in current
    assert "Pågår nå" in current


def test_the_timeline_shows_a_revised_period_with_the_original(client, content, clock):
    html = client.get("/").content.decode()
    item = html.split('id="test-og-godkjenningsfase"')[1].split("</li>")[0]
    assert "Januar–desember 2021" in item
    assert "Revidert plan:" in item
    assert (
        'slik den første versjonen av tidslinjesiden oppga den: <time datetime="2021">januar–sommer 2021</time>'
        in item
    )
    assert 'href="/fase/test-og-godkjenningsfase/#datoer"' in item


def test_the_timeline_never_calls_a_plan_done_before_it_ends(client, clock):
    make_phase(slug="fremtiden", title="Fremtiden", period="2030")
    item = client.get("/").content.decode().split('id="fremtiden"')[1].split("</li>")[0]
    assert "Kommer" in item and "Avsluttet" not in item


def test_the_phase_page_shows_each_go_live_with_reason_and_source(client, content, clock):
    html = client.get("/fase/produksjonssetting/").content.decode()
    assert "Helse Nord-Trøndelag tar i bruk Helseplattformen" in html
    assert "Planlagt dato er passert, ikke bekreftet" in html
    assert (
        'href="https://nrk.no/trondelag/foreslar-ett-ars-utsettelse-av-helseplattformen-1.16262639"'
        in html
    )
    assert 'lang="nn">Vil utsetje Helseplattforma</span>' in html


def test_the_organisations_page_lists_every_organisation_with_its_status(client, content, clock):
    html = client.get("/virksomheter/").content.decode()
    assert "Viser 70 virksomheter." in html
    row = html.split("Helse Nord-Trøndelag HF</a>")[1].split("</tr>")[0]
    assert "9. november 2024" in row
    assert "Planlagt dato er passert, ikke bekreftet" in row
    row = html.split("Trondheim kommune</a>")[1].split("</tr>")[0]
    assert "7. mai 2022" in row and "Tatt i bruk" in row


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/en/virksomheter/?kind=kommune", "Showing 67 organisations."),
        ("/nn/virksomheter/?kind=kommune", "Viser 67 verksemder."),
        ("/virksomheter/?kind=helseforetak", "Viser 3 virksomheter."),
        ("/virksomheter/?county=innlandet", "Viser 1 virksomhet."),
        ("/virksomheter/?q=ørland", "Viser 1 virksomhet."),
        ("/virksomheter/?q=ØRLAND", "Viser 1 virksomhet."),
        ("/virksomheter/?status=done", "Viser 9 virksomheter."),
        ("/virksomheter/?kind=kommune&county=more-og-romsdal&status=done", "Viser 5 virksomheter."),
        # No GP office is listed, so the filter offers no such kind and ignores it.
        ("/virksomheter/?kind=fastlegekontor", "Viser 70 virksomheter."),
    ],
)
def test_the_organisations_can_be_filtered_without_javascript(client, content, clock, url, count):
    assert count in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/virksomheter/?kind=sykehus",
        "/virksomheter/?status=ferdig&county=oslo",
        "/virksomheter/?q=" + "x" * 500,
        "/en/virksomheter/?kind[]=kommune&status=",
    ],
)
def test_an_invalid_filter_is_ignored_with_a_message_not_a_crash(client, content, clock, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    expected = (
        ("Showing 70 organisations.", "They have not been")
        if url.startswith("/en/")
        else ("Viser 70 virksomheter.", "De er ikke brukt.")
    )
    assert expected[0] in html or expected[1] in html


def test_the_filter_form_is_a_plain_get_form_with_labels_and_a_button(client, content, clock):
    html = client.get("/virksomheter/").content.decode()
    assert '<form class="filters" method="get"' in html
    for name in ("q", "kind", "county", "status"):
        assert f'<label for="id_{name}">' in html
    assert '<button type="submit">' in html


def test_the_organisation_page_shows_its_history(client, content, clock):
    html = client.get("/virksomheter/st-olavs-hospital/").content.decode()
    assert "<h1>St. Olavs hospital HF</h1>" in html
    assert 'Opprinnelig plan:</span> <time datetime="2021">høst 2021</time>' in html
    assert 'Faktisk dato:</span> <time datetime="2022-11-12">12. november 2022</time>' in html


def test_the_change_log_lists_revisions_and_actual_dates_newest_first(client, content, clock):
    html = client.get("/endringer/").content.decode()
    # When each change was made, at the precision its source gives (2021-01, 2022-05-07).
    dates = re.findall(r'<p class="changes__when">[^<]*<time datetime="([\d-]+)"', html)
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2023-11-03"
    assert "Opprinnelig plan:" not in html  # plans are not changes
    assert "https://digi.no/artikler/nye-kommuner-er-koblet-pa-helseplattformen/526222" in html


@pytest.mark.parametrize(
    "url",
    [
        "/fase/finnes-ikke/",
        "/nn/fase/finnes-ikke/",
        "/virksomheter/finnes-ikke/",
        "/en/virksomheter/finnes-ikke/",
    ],
)
def test_unknown_slugs_are_not_found(client, clock, url):
    assert client.get(url).status_code == 404


def test_drafts_are_not_found_and_not_listed(client, clock):
    draft = make_phase(slug="utkast", title="Hemmelig utkast", publish_at=None)
    make_organisation(slug="utkast-kommune", name="Utkast kommune", publish_at=None)
    make_entry(draft, "revision", "2030", reason_nb="Hemmelig grunn")
    assert client.get("/fase/utkast/").status_code == 404
    assert client.get("/virksomheter/utkast-kommune/").status_code == 404
    for url in ("/", "/virksomheter/", "/endringer/"):
        html = client.get(url).content.decode()
        assert "Hemmelig" not in html and "Utkast kommune" not in html


def test_a_scheduled_phase_appears_at_its_moment(client, clock):
    moment = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    make_phase(slug="planlagt", title="Planlagt fase", publish_at=moment)
    clock.set(moment - datetime.timedelta(seconds=1))
    assert client.get("/fase/planlagt/").status_code == 404
    clock.set(moment)
    assert client.get("/fase/planlagt/").status_code == 200


def test_an_unpublished_milestone_disappears_from_its_phase(client, clock):
    phase = make_phase(slug="fase-med-milepael")
    make_milestone(phase=phase, title="Synlig milepæl")
    make_milestone(
        phase=phase,
        title="Skjult milepæl",
        unpublish_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    html = client.get("/fase/fase-med-milepael/").content.decode()
    assert "Synlig milepæl" in html and "Skjult milepæl" not in html


def test_a_missing_translation_is_shown_in_bokmal_and_marked(client, clock):
    make_phase(slug="bare-bokmal", title="Bare bokmål", title_en="")
    html = client.get("/en/").content.decode()
    assert '<a href="/en/fase/bare-bokmal/" lang="nb">Bare bokmål</a>' in html


def test_rich_text_from_the_database_is_sanitised_on_the_page(client, clock):
    make_phase(
        slug="farlig",
        body_nb='<p>Tekst<script>alert(1)</script><a href="javascript:x()">lenke</a></p>',
    )
    html = client.get("/fase/farlig/").content.decode()
    assert "<script>alert" not in html and "javascript:" not in html
    assert "Tekst" in html


def test_the_pages_use_no_inline_styles_or_scripts(client, content, clock):
    for url in PAGES:
        html = client.get(url).content.decode()
        assert " style=" not in html and "<style" not in html
        assert "<script>" not in html and " onclick=" not in html


def test_the_timeline_page_is_small(client, content, clock):
    from django.contrib.staticfiles import finders

    html = client.get("/").content
    css = open(finders.find("css/site.css"), "rb").read()  # noqa: SIM115
    assert len(html) + len(css) <= 60 * 1024
    assert Phase.objects.count() == 7
