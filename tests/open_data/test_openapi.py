"""The OpenAPI document is valid, and every real response matches the schema it declares.

The document is checked with openapi-spec-validator; each response (every
endpoint, every language, the real content and the error answers) with
jsonschema (Draft 2020-12, the dialect of OpenAPI 3.1) against the schema the
document gives for that path and status. The schemas forbid undocumented fields.
"""

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

pytestmark = pytest.mark.django_db

DOCUMENT_URI = "urn:helseplattformen:openapi"

# Real URLs (literal: they are the contract) and the path of the document that describes each.
RESPONSES = [
    ("/api/v1/", "/api/v1/", 200),
    ("/api/v1/phases/", "/api/v1/phases/", 200),
    ("/api/v1/phases/produksjonssetting/", "/api/v1/phases/{slug}/", 200),
    ("/api/v1/milestones/", "/api/v1/milestones/", 200),
    ("/api/v1/organisations/", "/api/v1/organisations/", 200),
    ("/api/v1/organisations/?kind=kommune&status=done", "/api/v1/organisations/", 200),
    ("/api/v1/organisations/?page=2", "/api/v1/organisations/", 200),
    ("/api/v1/milestones/?page=abc", "/api/v1/milestones/", 400),
    ("/api/v1/phases/?page=9", "/api/v1/phases/", 404),
    ("/api/v1/organisations/trondheim-kommune/", "/api/v1/organisations/{slug}/", 200),
    ("/api/v1/organisations/st-olavs-hospital/", "/api/v1/organisations/{slug}/", 200),
    ("/api/v1/organisations/?county=oslo", "/api/v1/organisations/", 400),
    ("/api/v1/phases/?lang=sv", "/api/v1/phases/", 400),
    ("/api/v1/phases/finnes-ikke/", "/api/v1/phases/{slug}/", 404),
    ("/api/v1/organisations/finnes-ikke/", "/api/v1/organisations/{slug}/", 404),
]


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def response_validator(document, path, status):
    schema = document["paths"][path]["get"]["responses"][str(status)]["content"][
        "application/json"
    ]["schema"]
    registry = Registry().with_resource(
        DOCUMENT_URI, Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator(
        {"$ref": f"{DOCUMENT_URI}{schema['$ref']}"},
        registry=registry,
        format_checker=FormatChecker(),
    )


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_the_document_describes_every_api_url(document):
    assert set(document["paths"]) == {
        "/api/v1/",
        "/api/v1/openapi.json",
        "/api/v1/phases/",
        "/api/v1/phases/{slug}/",
        "/api/v1/milestones/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{slug}/",
    }


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(("url", "path", "status"), RESPONSES)
def test_every_real_response_matches_the_document(
    client, content, document, url, path, status, lang
):
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}lang={lang}" if "lang=" not in url else url)
    assert response.status_code == status
    errors = sorted(
        response_validator(document, path, status).iter_errors(response.json()),
        key=lambda error: list(error.path),
    )
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_schemas_reject_an_undocumented_field(client, content, document):
    data = client.get("/api/v1/phases/").json()
    data["results"][0]["secret"] = "x"
    assert not response_validator(document, "/api/v1/phases/", 200).is_valid(data)


def test_the_schemas_check_dates_as_iso_dates(client, content, document):
    data = client.get("/api/v1/phases/").json()
    data["results"][0]["period"]["earliest"] = "1. april 2019"
    assert not response_validator(document, "/api/v1/phases/", 200).is_valid(data)
