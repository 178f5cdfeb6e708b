"""«Du sa – vi gjorde»: the public notes of what feedback led to, linked from the thank-you."""

import datetime

import pytest

from feedback.models import ImprovementNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes():
    ImprovementNote.objects.create(
        title_nb="Datoene står øverst",
        title_nn="Datoane står øvst",
        title_en="The dates come first",
        body_nb="Mange lette etter datoen.",
        body_nn="Mange leitte etter datoen.",
        body_en="Many looked for the date.",
        done_on=datetime.date(2024, 6, 1),
        is_public=True,
    )
    ImprovementNote.objects.create(
        title_nb="Utkast som ikke er klart", body_nb="Ikke ennå.", done_on=datetime.date(2024, 6, 2)
    )


@pytest.mark.parametrize(
    ("url", "title", "heading"),
    [
        ("/tilbakemelding/vi-gjorde/", "Datoene står øverst", "Du sa – vi gjorde"),
        ("/nn/tilbakemelding/vi-gjorde/", "Datoane står øvst", "Du sa – vi gjorde"),
        ("/en/tilbakemelding/vi-gjorde/", "The dates come first", "You said – we did"),
    ],
)
def test_the_page_shows_the_public_notes_in_each_language(client, notes, url, title, heading):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert title in html and heading in html
    assert "Utkast som ikke er klart" not in html


def test_the_thank_you_links_to_the_notes(client):
    html = client.get("/?tilbakemelding=takk").content.decode()
    assert 'href="/tilbakemelding/vi-gjorde/"' in html
