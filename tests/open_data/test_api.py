"""The JSON API: lists, details, filters, languages, errors, publishing, caching and CORS."""

import datetime

import pytest

from phases.models import Organisation
from tests.open_data.conftest import NEXT_YEAR
from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def rollout():
    """A phase, a go-live of two municipalities (planned, then revised, then done) and a GP office."""
    phase = make_phase(slug="produksjonssetting", title="Produksjonssetting", period="2021–2027")
    trondheim = make_organisation(name="Trondheim kommune", slug="trondheim-kommune")
    malvik = make_organisation(name="Malvik kommune", slug="malvik-kommune")
    molde = make_organisation(name="Molde kommune", slug="molde-kommune", county="more-og-romsdal")
    make_organisation(name="Byåsen legesenter", slug="byasen-legesenter", kind="fastlegekontor")
    done = make_milestone(
        phase=phase,
        slug="trondheim",
        title="Trondheim tar i bruk",
        organisations=[trondheim, malvik],
    )
    make_entry(done, "original", "høst 2021")
    make_entry(
        done,
        "revision",
        "30. april 2022",
        reason_nb="Koronapandemien",
        reason_en="The pandemic",
        decided_on=datetime.date(2021, 1, 1),
        decided_on_precision="month",
        source_url="https://stolav.no/helseplattformen/",
        source_title="Helseplattformen – St. Olavs hospital",
    )
    make_entry(done, "actual", "7. mai 2022", decided_on=datetime.date(2022, 5, 7))
    upcoming = make_milestone(
        phase=phase, slug="molde", title="Molde tar i bruk", organisations=[molde]
    )
    make_entry(upcoming, "original", "høst 2027")
    return {"phase": phase, "done": done, "upcoming": upcoming}


def test_the_index_links_to_every_resource(client, rollout):
    data = client.get("/api/v1/").json()
    assert data["organisations"] == "http://testserver/api/v1/organisations/"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    assert data["changes_feed"] == "http://testserver/endringer/feed/"
    assert data["calendar"] == "http://testserver/virksomheter/kalender.ics"


def test_it_lists_phases_with_their_periods_and_history(client, rollout):
    data = client.get("/api/v1/phases/").json()
    assert data["language"] == "nb"
    assert data["count"] == 1
    phase = data["results"][0]
    assert phase["slug"] == "produksjonssetting"
    assert phase["title"] == "Produksjonssetting"
    assert phase["status"] == "under_way"
    assert phase["period"]["label"] == "2021–2027"
    assert phase["period"]["earliest"] == "2021-01-01"
    assert phase["period"]["latest"] == "2027-12-31"
    assert phase["url"] == "http://testserver/fase/produksjonssetting/"
    assert phase["history"] == []


def test_it_shows_one_phase_with_its_milestones(client, rollout):
    data = client.get("/api/v1/phases/produksjonssetting/").json()
    assert [m["slug"] for m in data["milestones"]] == ["trondheim", "molde"]


def test_it_lists_milestones_with_their_organisations_and_full_date_history(client, rollout):
    data = client.get("/api/v1/milestones/").json()
    trondheim = data["results"][0]
    assert trondheim["organisations"] == ["malvik-kommune", "trondheim-kommune"]
    assert trondheim["phase"] == "produksjonssetting"
    assert trondheim["status"] == "done"
    assert trondheim["status_label"] == "Tatt i bruk"
    assert trondheim["url"] == "http://testserver/fase/produksjonssetting/#trondheim"
    assert [entry["kind"] for entry in trondheim["history"]] == ["original", "revision", "actual"]
    revision = trondheim["history"][1]
    assert revision == {
        "kind": "revision",
        "kind_label": "Ny plan",
        "period": revision["period"],
        "reason": "Koronapandemien",
        "decided_on": "2021-01-01",
        "decided_on_precision": "month",
        "source_url": "https://stolav.no/helseplattformen/",
        "source_title": "Helseplattformen – St. Olavs hospital",
        "source_language": "nb",
    }
    assert trondheim["dates"]["original"]["label"] == "høst 2021"
    assert trondheim["dates"]["planned"]["label"] == "30. april 2022"
    assert trondheim["dates"]["actual"]["label"] == "7. mai 2022"
    assert trondheim["dates"]["changed"] is True


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest", "open_ended"),
    [
        ("2027", "year", "2027-01-01", "2027-12-31", False),
        ("høst 2027", "season", "2027-09-01", "2027-11-30", False),
        ("vinter 2027", "season", "2027-12-01", "2028-02-29", False),
        ("april 2027", "month", "2027-04-01", "2027-04-30", False),
        ("9. november 2027", "day", "2027-11-09", "2027-11-09", False),
        ("april–august 2027", "month", "2027-04-01", "2027-08-31", False),
        ("fra høst 2027", "season", "2027-09-01", None, True),
    ],
)
def test_periods_are_structured_with_precision_and_iso_days(
    client, rollout, text, precision, earliest, latest, open_ended
):
    make_entry(rollout["upcoming"], "revision", text)
    data = client.get("/api/v1/organisations/molde-kommune/").json()
    planned = data["go_live"]["dates"]["planned"]
    assert planned["precision"] == precision
    assert planned["earliest"] == earliest
    assert planned["latest"] == latest
    assert planned["open_ended"] is open_ended
    assert set(planned["labels"]) == {"nb", "nn", "en"}


def test_a_period_carries_its_label_in_every_language(client, rollout):
    data = client.get("/api/v1/organisations/molde-kommune/").json()
    assert data["go_live"]["dates"]["planned"]["labels"] == {
        "nb": "høst 2027",
        "nn": "hausten 2027",
        "en": "autumn 2027",
    }
    start = data["go_live"]["dates"]["planned"]["start"]
    assert start == {"precision": "season", "earliest": "2027-09-01", "latest": "2027-11-30"}


def test_it_lists_organisations_with_their_go_live_and_status(client, rollout):
    data = client.get("/api/v1/organisations/").json()
    by_slug = {organisation["slug"]: organisation for organisation in data["results"]}
    assert list(by_slug) == [
        "byasen-legesenter",
        "malvik-kommune",
        "molde-kommune",
        "trondheim-kommune",
    ]
    assert by_slug["trondheim-kommune"]["status"] == "done"
    assert by_slug["trondheim-kommune"]["go_live"]["milestone"] == "trondheim"
    assert by_slug["molde-kommune"]["status"] == "upcoming"
    assert by_slug["byasen-legesenter"]["status"] is None
    assert by_slug["byasen-legesenter"]["go_live"] is None
    assert by_slug["trondheim-kommune"]["calendar_url"] == (
        "http://testserver/virksomheter/trondheim-kommune/kalender.ics"
    )
    assert by_slug["trondheim-kommune"]["embed_url"] == (
        "http://testserver/innebygd/virksomhet/trondheim-kommune/"
    )


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("kind=fastlegekontor", ["byasen-legesenter"]),
        ("county=more-og-romsdal", ["molde-kommune"]),
        ("status=done", ["malvik-kommune", "trondheim-kommune"]),
        ("status=upcoming&county=more-og-romsdal", ["molde-kommune"]),
        ("kind=kommune&status=unconfirmed", []),
        ("q=MALVIK", ["malvik-kommune"]),
        (
            "kind=&county=",
            ["byasen-legesenter", "malvik-kommune", "molde-kommune", "trondheim-kommune"],
        ),
    ],
)
def test_it_filters_organisations_by_kind_county_status_and_name(client, rollout, query, slugs):
    data = client.get(f"/api/v1/organisations/?{query}").json()
    assert [organisation["slug"] for organisation in data["results"]] == slugs
    assert data["count"] == len(slugs)


@pytest.mark.parametrize("parameter", ["kind", "county", "status"])
def test_an_invalid_filter_answers_400_naming_the_parameter(client, rollout, parameter):
    response = client.get(f"/api/v1/organisations/?{parameter}=finnes-ikke")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert error["parameter"] == parameter
    assert f"«{parameter}»" in error["message"]
    assert error["allowed"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_status_filter_lists_the_allowed_values(client, rollout):
    error = client.get("/api/v1/organisations/?status=ferdig").json()["error"]
    assert error["allowed"] == ["done", "under_way", "upcoming", "unconfirmed", "date_unknown"]


@pytest.mark.parametrize("url", ["/api/v1/phases/", "/api/v1/organisations/trondheim-kommune/"])
def test_an_unknown_language_answers_400(client, rollout, url):
    response = client.get(url, {"lang": "de"})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_parameter",
        "message": "Ukjent språk «de». Bruk nb (bokmål), nn (nynorsk) eller en (engelsk).",
        "parameter": "lang",
        "allowed": ["nb", "nn", "en"],
    }


def test_the_language_comes_from_the_lang_parameter(client, rollout):
    response = client.get("/api/v1/milestones/?lang=en")
    data = response.json()
    assert data["language"] == "en"
    assert response["Content-Language"] == "en"
    trondheim = data["results"][0]
    assert trondheim["history"][1]["reason"] == "The pandemic"
    assert trondheim["dates"]["original"]["label"] == "autumn 2021"
    assert trondheim["url"] == "http://testserver/en/fase/produksjonssetting/#trondheim"


def test_a_text_missing_in_the_language_falls_back_to_bokmal(client, rollout):
    data = client.get("/api/v1/milestones/?lang=nn").json()
    assert data["results"][0]["history"][1]["reason"] == "Koronapandemien"
    assert data["results"][0]["dates"]["original"]["label"] == "hausten 2021"


def test_the_language_comes_from_accept_language_without_the_parameter(client, rollout):
    response = client.get("/api/v1/phases/", HTTP_ACCEPT_LANGUAGE="nn-NO,nn;q=0.9,en;q=0.5")
    assert response.json()["language"] == "nn"
    assert "Accept-Language" in response["Vary"]


def test_the_parameter_wins_over_accept_language(client, rollout):
    response = client.get("/api/v1/phases/?lang=en", HTTP_ACCEPT_LANGUAGE="nn")
    assert response.json()["language"] == "en"


def test_the_language_is_bokmal_by_default(client, rollout):
    assert client.get("/api/v1/phases/", HTTP_ACCEPT_LANGUAGE="de-DE").json()["language"] == "nb"
    assert client.get("/api/v1/phases/").json()["language"] == "nb"


def test_an_unknown_slug_answers_404_as_json(client, rollout):
    response = client.get("/api/v1/organisations/finnes-ikke/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_drafts_scheduled_and_unpublished_content_is_never_visible(client, rollout, clock):
    make_organisation(name="Utkast kommune", slug="utkast", publish_at=None)
    make_organisation(name="Planlagt kommune", slug="planlagt", publish_at=NEXT_YEAR)
    make_organisation(
        name="Avpublisert kommune",
        slug="avpublisert",
        unpublish_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    hidden_phase = make_phase(slug="skjult-fase", publish_at=None)
    make_milestone(phase=hidden_phase, slug="i-skjult-fase", organisations=[])
    make_milestone(
        phase=rollout["phase"],
        slug="utkast-milepael",
        publish_at=None,
        organisations=Organisation.objects.filter(slug="trondheim-kommune"),
    )
    organisations = [o["slug"] for o in client.get("/api/v1/organisations/").json()["results"]]
    assert not {"utkast", "planlagt", "avpublisert"} & set(organisations)
    milestones = [m["slug"] for m in client.get("/api/v1/milestones/").json()["results"]]
    assert milestones == ["trondheim", "molde"]
    phases = [p["slug"] for p in client.get("/api/v1/phases/").json()["results"]]
    assert phases == ["produksjonssetting"]
    for url in (
        "/api/v1/organisations/utkast/",
        "/api/v1/organisations/planlagt/",
        "/api/v1/phases/skjult-fase/",
    ):
        assert client.get(url).status_code == 404
    detail = client.get("/api/v1/organisations/trondheim-kommune/").json()
    assert [m["slug"] for m in detail["milestones"]] == ["trondheim"]

    clock.set(NEXT_YEAR)
    organisations = [o["slug"] for o in client.get("/api/v1/organisations/").json()["results"]]
    assert "planlagt" in organisations


def test_an_unpublished_organisation_is_left_out_of_a_milestone(client, rollout):
    Organisation.objects.filter(slug="malvik-kommune").update(publish_at=None)
    milestone = client.get("/api/v1/milestones/").json()["results"][0]
    assert milestone["organisations"] == ["trondheim-kommune"]


def test_dates_are_serialised_by_django_as_iso_dates(client, rollout):
    response = client.get("/api/v1/organisations/trondheim-kommune/")
    assert b'"decided_on": "2022-05-07"' in response.content
    # Readable Norwegian, not \u00f8 escapes.
    assert "høst 2021".encode() in response.content


def test_every_response_allows_any_origin(client, rollout):
    for url in ("/api/v1/", "/api/v1/phases/", "/api/v1/openapi.json"):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"


def test_responses_are_cached_like_the_public_pages(client, rollout):
    response = client.get("/api/v1/organisations/")
    assert response["Cache-Control"].startswith("public, max-age=")
    assert "s-maxage=" in response["Cache-Control"]
    assert response["ETag"].startswith('"')
    assert "Set-Cookie" not in response


def test_a_matching_etag_answers_304_without_a_query(client, rollout, django_assert_num_queries):
    etag = client.get("/api/v1/organisations/?lang=en")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/api/v1/organisations/?lang=en", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_etag_differs_per_language_and_url(client, rollout):
    etags = {
        client.get("/api/v1/organisations/")["ETag"],
        client.get("/api/v1/organisations/?lang=en")["ETag"],
        client.get("/api/v1/organisations/", HTTP_ACCEPT_LANGUAGE="nn")["ETag"],
        client.get("/api/v1/organisations/?kind=kommune")["ETag"],
    }
    assert len(etags) == 4


def test_the_etag_changes_when_content_changes(client, rollout):
    from helseplattform import caching

    etag = client.get("/api/v1/organisations/")["ETag"]
    caching.bump_content_version()
    response = client.get("/api/v1/organisations/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_api_is_read_only(client, rollout):
    assert client.post("/api/v1/organisations/").status_code == 405
    assert client.delete("/api/v1/organisations/trondheim-kommune/").status_code == 405
