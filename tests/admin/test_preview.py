"""The staff preview, and that drafts and scheduled content never reach the public pages."""

import datetime

import pytest
from django.utils import timezone

from tests.admin.conftest import FAR_FUTURE
from tests.phases.factories import make_milestone, make_phase

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/phases/phase/forhandsvis/"


@pytest.fixture
def hidden(db):
    """A draft, a phase scheduled far ahead and an unpublished phase, with a draft milestone."""
    published = make_phase(title="Synlig fase", slug="synlig")
    make_milestone(phase=published, title="Utkast til milepæl", slug="utkast", publish_at=None)
    return {
        "draft": make_phase(title="Utkastfase", slug="utkastfase", publish_at=None),
        "scheduled": make_phase(title="Planlagt fase", slug="planlagt", publish_at=FAR_FUTURE),
        "unpublished": make_phase(
            title="Avpublisert fase",
            slug="avpublisert",
            unpublish_at=timezone.now() - datetime.timedelta(minutes=1),
        ),
    }


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_drafts_scheduled_and_unpublished_phases_never_show_on_public_pages(client, hidden, prefix):
    timeline = client.get(f"{prefix}/").content.decode()
    assert "Synlig fase" in timeline
    for title in ("Utkastfase", "Planlagt fase", "Avpublisert fase"):
        assert title not in timeline
    for slug in ("utkastfase", "planlagt", "avpublisert"):
        assert client.get(f"{prefix}/fase/{slug}/").status_code == 404
    assert "Utkast til milepæl" not in client.get(f"{prefix}/fase/synlig/").content.decode()


def test_a_staff_session_does_not_show_drafts_on_the_public_pages(editor, hidden):
    assert "Utkastfase" not in editor.get("/").content.decode()
    assert editor.get("/fase/utkastfase/").status_code == 404


def test_the_preview_shows_drafts_with_a_banner_and_is_never_cached(editor, hidden):
    response = editor.get(PREVIEW, {"side": "/", "sprak": "nb"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Forhåndsvisning – ikke den publiserte siden" in html
    assert "Utkastfase" in html
    assert "Synlig fase" in html
    assert "Avpublisert fase" not in html
    assert "Planlagt fase" not in html  # not yet, at the moment previewed
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control


def test_the_preview_at_a_future_moment_shows_what_is_scheduled_by_then(editor, hidden):
    html = editor.get(PREVIEW, {"side": "/", "tid": "2099-01-02T12:00"}).content.decode()
    assert "Planlagt fase" in html


def test_the_preview_shows_a_draft_milestone_on_its_phase_page(editor, hidden):
    html = editor.get(PREVIEW, {"side": "/fase/synlig/"}).content.decode()
    assert "Utkast til milepæl" in html


@pytest.mark.parametrize(
    ("language", "expected_lang"), [("nb", 'lang="nb"'), ("nn", 'lang="nn"'), ("en", 'lang="en"')]
)
def test_the_preview_renders_the_chosen_language(editor, hidden, language, expected_lang):
    html = editor.get(PREVIEW, {"side": "/fase/utkastfase/", "sprak": language}).content.decode()
    assert f"<html {expected_lang}>" in html


def test_a_language_prefix_in_the_address_chooses_the_language(editor, hidden):
    html = editor.get(PREVIEW, {"side": "/nn/fase/utkastfase/"}).content.decode()
    assert '<html lang="nn">' in html


def test_the_preview_refuses_addresses_outside_the_public_pages(editor):
    assert editor.get(PREVIEW, {"side": "/admin/"}).status_code == 404
    assert editor.get(PREVIEW, {"side": "https://example.org/"}).status_code == 400


def test_a_non_staff_user_cannot_use_the_preview(client, hidden, django_user_model):
    user = django_user_model.objects.create_user("besokende", password="pw")
    client.force_login(user)
    response = client.get(PREVIEW, {"side": "/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_preview_parameter_on_a_public_address_shows_nothing_extra(client, hidden):
    html = client.get("/", {"side": "/", "tid": "2099-01-02T12:00"}).content.decode()
    assert "Utkastfase" not in html
    assert "Forhåndsvisning" not in html


def test_the_change_form_links_to_the_preview_in_three_languages(editor, hidden):
    html = editor.get(f"/admin/phases/phase/{hidden['draft'].pk}/change/").content.decode()
    for language in ("nb", "nn", "en"):
        assert f"{PREVIEW}?side=%2Ffase%2Futkastfase%2F&amp;sprak={language}" in html


def test_the_preview_of_a_scheduled_milestone_opens_at_its_moment_and_the_banner_says_so(
    editor, hidden
):
    phase = hidden["scheduled"].__class__.objects.get(slug="synlig")
    moment = datetime.datetime(2099, 3, 4, 7, 30, tzinfo=datetime.UTC)  # 08:30 in Oslo
    milestone = make_milestone(phase=phase, title="Planlagt milepæl", slug="pm", publish_at=moment)
    page = editor.get(f"/admin/phases/milestone/{milestone.pk}/change/")
    (url,) = [link for code, _label, link in page.context["preview_links"] if code == "nb"]
    assert "tid=2099-03-04T08%3A30" in url
    html = editor.get(url).content.decode()
    assert "Planlagt milepæl" in html
    assert "4.3.2099 kl. 08:30 (norsk tid)" in html


def test_the_preview_at_now_says_that_scheduled_content_is_not_in_it(editor, hidden):
    html = editor.get(PREVIEW, {"side": "/"}).content.decode()
    assert "planlagt publisert senere, er ikke med" in html
