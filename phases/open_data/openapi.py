"""The OpenAPI 3.1 description of the open-data API, served at ``/api/v1/openapi.json``.

Built in Python rather than kept as a static file so that every enumeration
(kinds, counties, statuses, precisions) comes from the models and the period
type, and cannot drift from what the API sends. The schemas are strict
(``additionalProperties: false``): tests/open_data/test_openapi.py validates the
document with openapi-spec-validator and every real response with jsonschema
against it, so an undocumented field fails the tests.
"""

from __future__ import annotations

from helseplattform.languages import site_languages
from phases.models import DateEntry, Organisation
from phases.open_data.api import PAGE_PARAMETER, PAGE_SIZE, open_data
from phases.periods import Precision
from phases.status import Kind, Status

JSON = "application/json"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    nullable_schema = {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        nullable_schema["enum"] = [*schema["enum"], None]
    return nullable_schema


def strict(properties: dict, description: str = "") -> dict:
    """Return an object schema in which every property is required and no other is allowed."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
URI = {"type": "string", "format": "uri"}
PRECISION = {"type": "string", "enum": [p.value for p in Precision]}
STATUS_VALUES = [s.value for s in Status]


def schemas() -> dict:
    point = strict(
        {"precision": PRECISION, "earliest": DATE, "latest": DATE},
        "One fuzzy date: a year, a season, a month or a day, with the days it covers.",
    )
    period = strict(
        {
            "label": {
                **STRING,
                "description": "The period as the site writes it, in the response's language.",
            },
            "labels": strict(dict.fromkeys(site_languages(), STRING)),
            "precision": {**PRECISION, "description": "The precision of the start."},
            "earliest": {**DATE, "description": "First day of the period."},
            "latest": nullable(
                {**DATE, "description": "Last day of the period; null when open-ended."}
            ),
            "open_ended": {"type": "boolean", "description": "True for «fra høst 2021»."},
            "start": ref("Point"),
            "end": nullable(ref("Point")),
        },
        "A fuzzy period: one point, a range of two, or open-ended from a point. "
        "Winter belongs to the year it starts in (1 December to the end of February).",
    )
    dates = strict(
        {
            "original": nullable(ref("Period")),
            "planned": nullable(ref("Period")),
            "actual": nullable(ref("Period")),
            "shown": nullable(ref("Period")),
            "changed": {"type": "boolean"},
        },
        "What the date history says: the original plan, the plan now (null when no planned "
        "date holds), what actually happened (null until a source reports it), and the one "
        "to show first (actual, else planned).",
    )
    history_entry = strict(
        {
            "kind": {"type": "string", "enum": [k.value for k in Kind]},
            "kind_label": STRING,
            "period": nullable(ref("Period")),
            "reason": nullable(STRING),
            "decided_on": nullable(DATE),
            "decided_on_precision": nullable(
                {"type": "string", "enum": DateEntry.Precision.values}
            ),
            "source_url": nullable(URI),
            "source_title": nullable(STRING),
            "source_language": {"type": "string", "enum": DateEntry.Language.values},
        },
        "One line of a date history, in the order recorded. Entries are never overwritten.",
    )
    phase = {
        "slug": STRING,
        "position": {"type": "integer"},
        "title": STRING,
        "summary": nullable(STRING),
        # HTML, said so twice: for readers of the document and for code generators.
        "body_html": nullable(
            {
                **STRING,
                "contentMediaType": "text/html",
                "description": "Sanitised HTML (the phase text); every other string is plain text.",
            }
        ),
        "period": {**ref("Period"), "description": "The phase's original plan."},
        "dates": ref("Dates"),
        "status": {"type": "string", "enum": STATUS_VALUES},
        "status_label": STRING,
        "history": {"type": "array", "items": ref("HistoryEntry")},
        "url": URI,
        "api_url": URI,
    }
    impact = strict(
        {
            "reduced_activity": nullable(STRING),
            "unaffected": nullable(STRING),
            "contact": nullable(STRING),
        },
        "What a go-live means for people around the day, in the response's language "
        "(plain text; null where the sources say nothing).",
    )
    milestone = {
        "slug": STRING,
        "title": STRING,
        "description": nullable(STRING),
        "impact": nullable(ref("Impact")),
        "is_go_live": {"type": "boolean"},
        "phase": {**STRING, "description": "The slug of the phase."},
        "organisations": {"type": "array", "items": STRING, "description": "Slugs."},
        "dates": ref("Dates"),
        "status": {"type": "string", "enum": STATUS_VALUES},
        "status_label": STRING,
        "history": {"type": "array", "items": ref("HistoryEntry")},
        "url": URI,
    }
    organisation = {
        "slug": STRING,
        "name": STRING,
        "kind": {"type": "string", "enum": Organisation.Kind.values},
        "kind_label": STRING,
        "county": nullable({"type": "string", "enum": Organisation.County.values}),
        "county_label": nullable(STRING),
        "website": nullable(URI),
        "kommunenummer": nullable(
            {
                "type": "string",
                "pattern": "^[0-9]{4}$",
                "description": "Municipalities: 2024 number.",
            }
        ),
        "organisasjonsnummer": nullable(
            {
                "type": "string",
                "pattern": "^[0-9]{9}$",
                "description": "Enhetsregisteret; null if unknown.",
            }
        ),
        "other_names": {
            "type": "array",
            "items": STRING,
            "description": "Names people search for.",
        },
        "point": nullable(
            strict(
                {"latitude": {"type": "number"}, "longitude": {"type": "number"}},
                "A point inside the municipality (EPSG:4258), as drawn on the map.",
            )
        ),
        "decision": nullable({"type": "string", "enum": Organisation.Decision.values}),
        "decision_label": nullable(STRING),
        "go_live": nullable(
            strict({"milestone": STRING, "dates": ref("Dates")}, "The go-live that counts.")
        ),
        "status": nullable(
            {
                "type": "string",
                "enum": STATUS_VALUES,
                "description": "Status of the go-live; null when the organisation has none.",
            }
        ),
        "status_label": STRING,
        "url": URI,
        "api_url": URI,
        "calendar_url": {**URI, "description": "iCalendar file of the go-live."},
        "embed_url": {**URI, "description": "A page to show in an iframe."},
    }

    def listing(item: str) -> dict:
        return strict(
            {
                "language": {"type": "string", "enum": site_languages()},
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "How many items the whole list has, on every page.",
                },
                "page": {"type": "integer", "minimum": 1, "description": "This page's number."},
                "pages": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "How many pages the list has (1 when it is empty).",
                },
                "next": nullable({**URI, "description": "The next page; null on the last."}),
                "previous": nullable(
                    {**URI, "description": "The previous page; null on the first."}
                ),
                "results": {
                    "type": "array",
                    "items": ref(item),
                    "maxItems": PAGE_SIZE,
                    "description": f"At most {PAGE_SIZE} items, in a stable order.",
                },
            },
            f'One page of a list. Follow next (or the Link header\'s rel="next") until it '
            f"is null to read the whole list; each page holds at most {PAGE_SIZE} items.",
        )

    milestones = {"type": "array", "items": ref("Milestone")}
    return {
        "Point": point,
        "Period": period,
        "Dates": dates,
        "HistoryEntry": history_entry,
        "Impact": impact,
        "Phase": strict(phase),
        "PhaseDetail": strict({**phase, "milestones": milestones}),
        "Milestone": strict(milestone),
        "Organisation": strict(organisation),
        "OrganisationDetail": strict({**organisation, "milestones": milestones}),
        "PhaseList": listing("Phase"),
        "MilestoneList": listing("Milestone"),
        "OrganisationList": listing("Organisation"),
        "Index": strict(
            dict.fromkeys(
                (
                    "openapi",
                    "phases",
                    "milestones",
                    "organisations",
                    "changes_feed",
                    "calendar",
                    "sitemap",
                ),
                URI,
            )
            | {"version": STRING}
        ),
        "Error": strict(
            {
                "error": {
                    "type": "object",
                    "properties": {
                        "code": {"type": "string", "enum": ["invalid_parameter", "not_found"]},
                        "message": STRING,
                        "parameter": STRING,
                        "allowed": {"type": "array", "items": STRING},
                    },
                    "required": ["code", "message"],
                    "additionalProperties": False,
                }
            }
        ),
    }


def parameter(name: str, description: str, schema: dict, where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
    }


LANG = parameter(
    "lang",
    "The language of texts and labels. Without it, Accept-Language decides; Bokmål by default. "
    "An unknown value answers 400.",
    {"type": "string", "enum": site_languages()},
)
ACCEPT_LANGUAGE = parameter(
    "Accept-Language", "Used when lang is not given.", {"type": "string"}, where="header"
)
SLUG = parameter("slug", "The slug, as in the address of the page.", {"type": "string"}, "path")
PAGE = parameter(
    PAGE_PARAMETER,
    f"The page of the list, from 1 (the default); {PAGE_SIZE} items a page. A malformed "
    "number answers 400, a page after the last 404.",
    {"type": "integer", "minimum": 1, "default": 1},
)
LIST_HEADERS = {
    "Link": {
        "description": 'RFC 8288 links to the other pages: rel="next" (absent on the last '
        'page), "prev" (absent on the first), "first" and "last".',
        "schema": {"type": "string"},
    },
    "X-Total-Count": {
        "description": "How many items the whole list has.",
        "schema": {"type": "integer", "minimum": 0},
    },
}


def operation(
    summary: str, schema: str, *, parameters=(), not_found: bool = False, paged: bool = False
) -> dict:
    headers = {
        "ETag": {"schema": {"type": "string"}},
        "Cache-Control": {"schema": {"type": "string"}},
        "Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}},
    }
    if paged:
        headers |= LIST_HEADERS
        parameters = [*parameters, PAGE]
        not_found = True
    responses = {
        "200": {
            "description": "OK. Cached like the pages: Cache-Control public, and an ETag.",
            "headers": headers,
            "content": {JSON: {"schema": ref(schema)}},
        },
        "304": {"description": "Not modified: the If-None-Match matched the ETag."},
        "400": {
            "description": "An invalid parameter.",
            "content": {JSON: {"schema": ref("Error")}},
        },
    }
    if not_found:
        responses["404"] = {
            "description": "Not found, or not published."
            + (" For a list: a page after the last." if paged else ""),
            "content": {JSON: {"schema": ref("Error")}},
        }
    return {
        "get": {
            "summary": summary,
            "parameters": [LANG, ACCEPT_LANGUAGE, *parameters],
            "responses": responses,
        }
    }


def document() -> dict:
    """Return the OpenAPI 3.1 document."""
    filters = [
        parameter(
            "kind", "Kind of organisation.", {"type": "string", "enum": Organisation.Kind.values}
        ),
        parameter("county", "County.", {"type": "string", "enum": Organisation.County.values}),
        parameter(
            "status",
            "Status of the organisation's go-live on today's date in Norway.",
            {"type": "string", "enum": STATUS_VALUES},
        ),
        parameter("q", "Part of the name, case-insensitive.", {"type": "string", "maxLength": 100}),
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Helseplattformen i Midt-Norge: open data",
            "version": "1.0.0",
            "description": (
                "The rollout of Helseplattformen in Central Norway: its phases, milestones "
                "(go-lives) and organisations, with every date as a fuzzy period and its full "
                "history of plans, revisions and what actually happened. Read-only, public "
                "content only. Also available: an Atom feed of date changes (/endringer/feed/) "
                "and iCalendar files of the go-lives (/virksomheter/kalender.ics)."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/": operation("Links to every resource", "Index"),
            "/api/v1/phases/": operation("All phases, in order", "PhaseList", paged=True),
            "/api/v1/phases/{slug}/": operation(
                "One phase with its milestones", "PhaseDetail", parameters=[SLUG], not_found=True
            ),
            "/api/v1/milestones/": operation(
                "All milestones, in order", "MilestoneList", paged=True
            ),
            "/api/v1/organisations/": operation(
                "Organisations, filtered, by name",
                "OrganisationList",
                parameters=filters,
                paged=True,
            ),
            "/api/v1/organisations/{slug}/": operation(
                "One organisation with its milestones",
                "OrganisationDetail",
                parameters=[SLUG],
                not_found=True,
            ),
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {JSON: {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": schemas()},
    }


@open_data
def openapi_json(request, *, at, today):
    """Serve the OpenAPI document."""
    return document()
