"""The publisher, privacy and accessibility pages say what the site does, and no more."""

import pytest
from django.test import override_settings

from phases.alerts.models import CONFIRM_DAYS

pytestmark = pytest.mark.django_db

ABOUT_PAGES = ["/om/", "/personvern/", "/tilgjengelighet/"]


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
@pytest.mark.parametrize("path", ABOUT_PAGES)
def test_it_serves_each_page_in_each_language_and_links_it_from_the_footer(client, prefix, path):
    response = client.get(prefix + path)
    assert response.status_code == 200
    footer = response.content.decode().split('class="site-footer"', 1)[1]
    for linked in ABOUT_PAGES:
        assert f'href="{prefix}{linked}"' in footer


@override_settings(PUBLISHER_NAME="", CONTACT_EMAIL="")
@pytest.mark.parametrize("path", ABOUT_PAGES)
def test_it_says_when_the_operator_has_not_given_a_contact_address(client, path):
    page = client.get(path).content.decode()
    assert "Utgiveren har ikke oppgitt en kontaktadresse her ennå." in page
    assert "mailto:" not in page


@override_settings(PUBLISHER_NAME="Eksempel HF", CONTACT_EMAIL="post@eksempel.no")
@pytest.mark.parametrize("path", ABOUT_PAGES)
def test_it_gives_a_contact_address_that_allows_a_reply(client, path):
    page = client.get(path).content.decode()
    assert 'href="mailto:post@eksempel.no"' in page


@override_settings(PUBLISHER_NAME="Eksempel HF")
def test_it_names_the_publisher_the_operator_set(client):
    assert "Nettstedet utgis av Eksempel HF." in client.get("/om/").content.decode()
    assert "Eksempel HF er behandlingsansvarlig" in client.get("/personvern/").content.decode()


@override_settings(FEEDBACK_RETENTION_DAYS=90)
def test_the_privacy_statement_gives_the_retention_and_the_confirmation_deadline_in_force(client):
    page = client.get("/personvern/").content.decode()
    assert "slettes automatisk etter 90 dager" in page
    assert f"innen {CONFIRM_DAYS} dager, sletter vi adressen" in page


@pytest.mark.parametrize(
    "prefix, never_stored",
    [
        ("", "Vi lagrer aldri IP-adressen din, nettleseren din (user agent), informasjonskapsler"),
        ("/nn", "Vi lagrar aldri IP-adressa di, nettlesaren din (user agent), informasjonskapslar"),
        ("/en", "We never store your IP address, your browser (user agent), cookies"),
    ],
)
def test_the_privacy_statement_says_what_is_never_stored_in_each_language(
    client, prefix, never_stored
):
    assert never_stored in client.get(prefix + "/personvern/").content.decode()


def test_the_accessibility_statement_links_to_uustatus_and_drops_the_fixed_shortcoming(client):
    page = client.get("/tilgjengelighet/").content.decode()
    assert 'href="https://www.uustatus.no/"' in page
    assert "Noe innhold er ennå ikke oversatt" not in page


@override_settings(ACCESSIBILITY_STATEMENT_URL="https://www.uustatus.no/nb/erklaringer/publisert/x")
def test_the_accessibility_statement_links_to_its_own_entry_once_registered(client):
    page = client.get("/en/tilgjengelighet/").content.decode()
    assert 'href="https://www.uustatus.no/nb/erklaringer/publisert/x"' in page
