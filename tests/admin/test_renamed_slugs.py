"""A changed slug keeps the old address working: 301 to the new one, in every language."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.admin.test_permissions import _form_data
from tests.phases.factories import make_phase

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_old_address_of_a_renamed_phase_redirects_permanently_to_the_new_one(
    client, content, prefix
):
    rename(content["phase"], "forberedelsesfasen")
    response = client.get(f"{prefix}/fase/forberedelse/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/fase/forberedelsesfasen/"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/virksomheter/trondheim-kommune/", "/virksomheter/trondheim/"),
        ("/virksomheter/trondheim-kommune/kalender.ics", "/virksomheter/trondheim/kalender.ics"),
        ("/innebygd/virksomhet/trondheim-kommune/", "/innebygd/virksomhet/trondheim/"),
    ],
)
def test_the_old_addresses_of_a_renamed_organisation_redirect_permanently(
    client, content, prefix, old, new
):
    rename(content["organisation"], "trondheim")
    response = client.get(f"{prefix}{old}")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}{new}"
    assert client.get(response["Location"]).status_code == 200


def test_a_slug_changed_in_the_admin_redirects(editor, client, content):
    organisation = content["organisation"]
    url = f"/admin/phases/organisation/{organisation.pk}/change/"
    data = _form_data(editor.get(url))
    data["slug"] = "trondheim"
    assert editor.post(url, data).status_code == 302
    editor.logout()
    response = client.get("/virksomheter/trondheim-kommune/")
    assert (response.status_code, response["Location"]) == (301, "/virksomheter/trondheim/")


def test_the_redirect_keeps_the_query_string_the_page_reads(client, content):
    # Parameters no page reads are dropped before any view runs (helseplattform.caching).
    rename(content["organisation"], "trondheim")
    response = client.get("/innebygd/virksomhet/trondheim-kommune/?tilbakemelding=takk&utm=x")
    assert response["Location"] == "/innebygd/virksomhet/trondheim/?tilbakemelding=takk"


def test_a_slug_that_now_belongs_to_another_phase_shows_that_phase(client, content):
    rename(content["phase"], "forberedelsesfasen")
    make_phase(title="Ny fase med den gamle adressen", slug="forberedelse")
    response = client.get("/fase/forberedelse/")
    assert response.status_code == 200
    assert "Ny fase med den gamle adressen" in response.content.decode()


def test_when_several_phases_had_the_slug_the_last_to_have_it_wins(client, content):
    first = content["phase"]
    rename(first, "forste")
    second = make_phase(title="Andre", slug="forberedelse")
    rename(second, "andre")
    response = client.get("/fase/forberedelse/")
    assert response["Location"] == "/fase/andre/"


def test_the_old_address_of_content_that_is_not_public_now_is_not_found(client, content):
    phase = content["phase"]
    rename(phase, "forberedelsesfasen")
    phase.unpublish_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    phase.save()
    assert client.get("/fase/forberedelse/").status_code == 404
    draft = content["draft"]
    rename(draft, "hemmelig-fase")
    assert client.get("/fase/hemmelig/").status_code == 404


def test_an_address_no_phase_ever_had_is_not_found(client, content):
    assert client.get("/fase/finnes-ikke/").status_code == 404
    assert client.get("/virksomheter/finnes-ikke/").status_code == 404


def test_the_history_is_read_only_when_the_slug_is_not_found(client, content):
    rename(content["phase"], "forberedelsesfasen")
    history_table = content["phase"].history.model._meta.db_table
    with CaptureQueriesContext(connection) as found:
        assert client.get("/fase/forberedelsesfasen/").status_code == 200
    assert not [q for q in found.captured_queries if history_table in q["sql"]]
    with CaptureQueriesContext(connection) as moved:
        assert client.get("/fase/forberedelse/").status_code == 301
    # The failed lookup, then one query that reads the history.
    assert len(moved.captured_queries) == 2
    assert history_table in moved.captured_queries[1]["sql"]


def test_the_preview_of_an_old_address_does_not_redirect(editor, content):
    rename(content["phase"], "forberedelsesfasen")
    response = editor.get("/admin/phases/phase/forhandsvis/", {"side": "/fase/forberedelse/"})
    assert response.status_code == 404
