"""The API's lists come in pages: a total count, links in the body and in a Link header."""

import re

import pytest

from phases.open_data import api
from tests.phases.factories import make_entry, make_milestone, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_organisations(monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 3)
    organisations = [
        make_organisation(name=f"{letter} kommune", kind="kommune")
        for letter in "GFEDCBA"  # created out of order: the API sorts by name
    ]
    go_live = make_milestone(organisations=organisations)
    make_entry(go_live, "original", "2020")  # passed, never reported: "unconfirmed"
    return [f"{letter} kommune" for letter in "ABCDEFG"]


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response["Link"])}


def test_following_next_reads_every_item_once_in_order(client, seven_organisations):
    names, url, pages = [], "/api/v1/organisations/", 0
    while url:
        body = client.get(url).json()
        names += [item["name"] for item in body["results"]]
        url, pages = body["next"], pages + 1

    assert names == seven_organisations
    assert pages == 3


def test_a_page_tells_the_total_and_links_its_neighbours(client, seven_organisations):
    response = client.get("/api/v1/organisations/?kind=kommune&page=2")
    body = response.json()

    assert (body["count"], body["page"], body["pages"]) == (7, 2, 3)
    assert [item["name"] for item in body["results"]] == ["D kommune", "E kommune", "F kommune"]
    base = "http://testserver/api/v1/organisations/?kind=kommune"
    assert body["next"] == f"{base}&page=3"
    assert body["previous"] == base
    assert links(response) == {
        "next": f"{base}&page=3",
        "prev": base,
        "first": base,
        "last": f"{base}&page=3",
    }
    assert response["X-Total-Count"] == "7"
    assert response["Access-Control-Expose-Headers"] == "Link, X-Total-Count"


def test_the_last_page_has_no_next_and_the_first_no_previous(client, seven_organisations):
    first = client.get("/api/v1/organisations/")
    last = client.get("/api/v1/organisations/?page=3")

    assert first.json()["previous"] is None and "prev" not in links(first)
    assert last.json()["next"] is None and "next" not in links(last)
    assert [item["name"] for item in last.json()["results"]] == ["G kommune"]


@pytest.mark.parametrize("query", ["status=unconfirmed", "q=kommune"])
def test_filters_computed_in_python_are_paged_after_filtering(client, seven_organisations, query):
    body = client.get(f"/api/v1/organisations/?{query}&page=3").json()

    assert body["count"] == 7
    assert [item["name"] for item in body["results"]] == ["G kommune"]


def test_an_empty_list_has_one_empty_page(client):
    body = client.get("/api/v1/organisations/?lang=en").json()

    assert (body["count"], body["page"], body["pages"], body["results"]) == (0, 1, 1, [])


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("page=0", 400, "invalid_parameter"),
        ("page=abc", 400, "invalid_parameter"),
        ("page=01", 400, "invalid_parameter"),
        ("page=4", 404, "not_found"),
    ],
)
def test_a_page_that_cannot_exist_is_refused_in_json(
    client, seven_organisations, query, status, code
):
    response = client.get(f"/api/v1/organisations/?{query}&lang=en")

    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    if status == 400:
        assert error["parameter"] == "page"
        assert "whole number" in error["message"]
