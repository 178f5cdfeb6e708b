"""The widget on the public pages: present in every language, accessible, and cookie-free."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/nn/", "/en/", "/endringer/", "/tilgjengelighet/", "/en/tilgjengelighet/"]


def widget_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section id="tilbakemelding".*?</section>', html, re.S)
    assert match, "the widget is missing"
    return match.group(0)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_the_widget_posting_to_its_own_language(client, url):
    html = widget_html(client, url)
    prefix = url[:3] if url.startswith(("/nn/", "/en/")) else ""
    assert f'action="{prefix}/tilbakemelding/"' in html
    assert f'name="page" value="{url}"' in html


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_set_no_cookie_and_do_not_vary_on_it(client, url):
    response = client.get(url)
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_the_thank_you_redirect_and_page_set_no_cookie(client):
    response = client.post(
        "/tilbakemelding/",
        {"answer": "yes", "page": "/endringer/"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    thanked = client.get(response["Location"])
    for each in (response, thanked):
        assert "Set-Cookie" not in each.headers
        assert "cookie" not in each.get("Vary", "").lower()
    assert "Takk for tilbakemeldingen!" in thanked.content.decode()


def test_the_widget_works_without_javascript_in_one_plain_post(client):
    html = widget_html(client, "/")
    assert 'method="post"' in html
    assert re.search(r'<button type="submit" name="answer" value="yes"', html)
    assert re.search(r'<button type="submit" name="answer" value="no"', html)
    assert 'name="comment"' in html
    assert "csrfmiddlewaretoken" not in html


def test_the_widget_is_labelled_grouped_and_explained(client):
    html = widget_html(client, "/")
    assert "<fieldset" in html and "<legend" in html
    assert "Fant du det du lette etter?" in html
    assert '<label for="feedback-comment"' in html
    assert 'maxlength="1000"' in html
    assert 'aria-describedby="feedback-note feedback-count"' in html
    assert (
        "Tilbakemeldingen vil ikke bli besvart. Ikke send personlig informasjon, "
        "for eksempel e-post, telefonnummer eller personnummer."
    ) in html
    assert 'aria-live="polite"' in html


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client):
    html = widget_html(client, "/")
    honeypot = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', html, re.S)
    assert honeypot
    assert 'name="website"' in honeypot.group(0)
    assert 'tabindex="-1"' in honeypot.group(0)
    assert 'autocomplete="off"' in honeypot.group(0)


def test_the_script_is_deferred_and_nothing_is_inline(client):
    html = client.get("/").content.decode()
    assert re.search(r'<script src="/static/js/feedback\.js" defer></script>', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert " style=" not in html
