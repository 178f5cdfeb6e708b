"""The open-data JSON API, read-only and versioned: ``/api/v1/``.

Municipalities, journalists and other services read the rollout plan here
instead of copying text that goes stale. The API is a contract, described by
the OpenAPI document in ``phases/openapi.py`` and tested against it
(tests/open_data/test_openapi.py): change both together, and never change the
meaning of a field in v1 — add a field or a v2.

- Only public content, through the same ``published(at=...)`` querysets as the pages.
- One language per response: ``?lang=nb|nn|en``, else ``Accept-Language``, else
  Bokmål. Translated texts fall back to Bokmål like the pages do.
- Periods in a structured form (precision, earliest and latest day, the label
  in every language), dates serialised by Django's ``DjangoJSONEncoder``.
- Invalid parameters answer 400 with a JSON error that names the parameter.
- HTTP caching like the public pages: the API lives outside ``i18n_patterns``,
  so ``PublicPageCacheMiddleware`` does not see it; ``open_data`` below sends
  the same ``Cache-Control`` and an ETag derived from the same content version
  (``helseplattform.caching``), and answers a matching ``If-None-Match`` with 304
  before touching the database.
- ``Access-Control-Allow-Origin: *``: it is public open data, read by scripts
  on other sites.
- Lists come in pages of ``PAGE_SIZE`` in a stable order (``?page=2``): the body
  says the total ``count``, the ``page``, the number of ``pages`` and the absolute
  URLs of the ``next`` and ``previous`` pages; the same links are in a ``Link``
  header (RFC 8288: ``rel="next"``, ``"prev"``, ``"first"``, ``"last"``) and the total
  in ``X-Total-Count``, both readable by scripts on other sites. A malformed page
  answers 400, a page past the last 404.

Every view runs a fixed number of queries, whatever the amount of content
(pinned in tests/open_data/test_queries.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import wraps

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponseBase,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from helseplattform import caching
from helseplattform.languages import site_languages
from helseplattform.local_time import local_day
from phases import pagination, richtext
from phases.forms import OrganisationFilterForm, go_live_status
from phases.labels import status_label
from phases.models import DateEntry, Milestone, Organisation, Phase, prefetch_go_lives
from phases.periods import Period, Point
from phases.status import Dates

API_VERSION = "1"
ALLOW_ORIGIN = "*"
# Items per page of a list: what a client needs per request, at most about 150 KB of JSON.
PAGE_SIZE = 50
PAGE_PARAMETER = "page"


class InvalidParameter(Exception):
    """A query parameter the API does not accept; answered with 400."""

    def __init__(self, parameter: str, message: str, allowed: list[str] | None = None):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.allowed = allowed


# --- Requests and responses ------------------------------------------------------------


def requested_language(request: HttpRequest) -> str:
    """Return the language asked for: ``?lang=``, else ``Accept-Language``, else Bokmål."""
    codes = site_languages()
    if "lang" in request.GET:
        lang = request.GET["lang"]
        if lang not in codes:
            raise InvalidParameter(
                "lang",
                _("Ukjent språk «%(lang)s». Bruk nb (bokmål), nn (nynorsk) eller en (engelsk).")
                % {"lang": lang},
                allowed=codes,
            )
        return lang
    # Not LocaleMiddleware's choice: outside i18n_patterns it always picks Bokmål.
    return translation.get_language_from_request(request, check_path=False)


def error_response(status: int, code: str, message: str, **details) -> JsonResponse:
    """Return ``{"error": {"code", "message", ...}}`` with the status."""
    response = JsonResponse(
        {"error": {"code": code, "message": message, **details}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = ALLOW_ORIGIN
    return response


def etag_for(request: HttpRequest, *, variant: str, version: str) -> str:
    """Return the validator of this URL (in this language) at this content version and release."""
    raw = f"{caching.release()}|{version}|{variant}|{request.build_absolute_uri()}"
    return f'"{hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()}"'


def serve_cached(request: HttpRequest, render, *, variant: str = "") -> HttpResponseBase:
    """Answer like a public page: 304 for a matching ETag, else ``render(at)`` with caching headers.

    The ETag and ``Cache-Control`` come from the content version and the next
    scheduled change in ``helseplattform.caching``, so they change exactly when
    the public pages do. Only 200 responses get them.
    """
    at = timezone.now()
    state = caching.content_state(now=at)
    if state is None:  # the content version was never readable: the database is down
        return render(at)
    etag = etag_for(request, variant=variant, version=state.version)
    if caching.etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        response = render(at)
        if response.status_code != 200:
            return response
    response["ETag"] = etag
    response["Cache-Control"] = caching.public_cache_control(now=at, next_change=state.next_change)
    return response


def public_http_cache(view):
    """Cache a view outside ``i18n_patterns`` (the sitemap) like the public pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return serve_cached(request, lambda at: view(request, *args, **kwargs))

    return wrapped


def open_data(view):
    """Serve a view as open data: language, 400/404 as JSON, HTTP caching, CORS.

    The view is called as ``view(request, *args, at=..., today=..., **kwargs)``
    with the language active, and returns the data to send as JSON.
    """

    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            language = requested_language(request)
        except InvalidParameter as error:
            return invalid_parameter_response(error)

        def render(at):
            with translation.override(language):
                try:
                    data = view(request, *args, at=at, today=local_day(at), **kwargs)
                except InvalidParameter as error:
                    return invalid_parameter_response(error)
                except Http404:
                    return error_response(
                        404, "not_found", _("Finnes ikke, eller er ikke publisert.")
                    )
            headers = {}
            if isinstance(data, PageOfResults):
                data, headers = data.body, data.headers()
            response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
            response["Content-Language"] = language
            for name, value in headers.items():
                response[name] = value
            return response

        response = serve_cached(request, render, variant=language)
        response["Access-Control-Allow-Origin"] = ALLOW_ORIGIN
        return response

    return wrapped


def invalid_parameter_response(error: InvalidParameter) -> JsonResponse:
    details = {"parameter": error.parameter}
    if error.allowed is not None:
        details["allowed"] = error.allowed
    return error_response(400, "invalid_parameter", error.message, **details)


def absolute(request: HttpRequest, viewname: str, *args, fragment: str = "") -> str:
    """Return the absolute URL of a page in the active language."""
    url = request.build_absolute_uri(reverse(viewname, args=args))
    return f"{url}#{fragment}" if fragment else url


# --- Representations ---------------------------------------------------------------------


def point_data(point: Point) -> dict:
    return {
        "precision": point.precision.value,
        "earliest": point.first_day(),
        "latest": point.last_day(),
    }


def period_data(period: Period | None, language: str) -> dict | None:
    """Return a period as data: the label in every language and its days as ISO dates."""
    if period is None:
        return None
    return {
        "label": period.format(language),
        "labels": {lang: period.format(lang) for lang in site_languages()},
        "precision": period.start.precision.value,
        "earliest": period.first_day(),
        "latest": period.last_day(),
        "open_ended": period.open_ended,
        "start": point_data(period.start),
        "end": point_data(period.end) if period.end is not None else None,
    }


def dates_data(dates: Dates, language: str) -> dict:
    return {
        "original": period_data(dates.original, language),
        "planned": period_data(dates.planned, language),
        "actual": period_data(dates.actual, language),
        "shown": period_data(dates.shown, language),
        "changed": dates.changed,
    }


def entry_data(entry: DateEntry, language: str) -> dict:
    return {
        "kind": entry.kind,
        "kind_label": str(entry.get_kind_display()),
        "period": period_data(entry.period, language),
        "reason": entry.reason or None,
        "decided_on": entry.decided_on,
        "decided_on_precision": entry.decided_on_precision if entry.decided_on else None,
        "source_url": entry.source_url or None,
        "source_title": entry.source_title or None,
        "source_language": entry.source_language,
    }


def phase_data(request, phase: Phase, *, today, language: str) -> dict:
    status = phase.status_on(today)
    return {
        "slug": phase.slug,
        "position": phase.position,
        "title": phase.title,
        "summary": phase.summary or None,
        "body_html": richtext.sanitise(phase.body) or None,
        "period": period_data(phase.period, language),
        "dates": dates_data(phase.dates, language),
        "status": status.value,
        "status_label": status_label(status, "phase"),
        "history": [entry_data(entry, language) for entry in phase.date_entries.all()],
        "url": absolute(request, "phases:phase", phase.slug),
        "api_url": absolute(request, "api:phase", phase.slug),
    }


def impact_data(milestone: Milestone) -> dict | None:
    """Return the go-live's impact window, or None when no part of it is written."""
    if not milestone.has_impact:
        return None
    return {
        "reduced_activity": milestone.impact_period or None,
        "unaffected": milestone.impact_unaffected or None,
        "contact": milestone.impact_contact or None,
    }


def milestone_data(request, milestone: Milestone, *, today, language: str) -> dict:
    status = milestone.status_on(today)
    return {
        "slug": milestone.slug,
        "title": milestone.title,
        "description": milestone.description or None,
        "impact": impact_data(milestone),
        "is_go_live": milestone.is_go_live,
        "phase": milestone.phase.slug,
        "organisations": [org.slug for org in milestone.public_organisations],
        "dates": dates_data(milestone.dates, language),
        "status": status.value,
        "status_label": status_label(status, "go_live" if milestone.is_go_live else "milestone"),
        "history": [entry_data(entry, language) for entry in milestone.date_entries.all()],
        "url": absolute(request, "phases:phase", milestone.phase.slug, fragment=milestone.slug),
    }


def organisation_data(request, organisation: Organisation, *, today, language: str) -> dict:
    go_live = organisation.go_live
    status = go_live_status(organisation, today)
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": str(organisation.get_kind_display()),
        "county": organisation.county or None,
        "county_label": str(organisation.get_county_display()) if organisation.county else None,
        "website": organisation.website or None,
        "kommunenummer": organisation.kommunenummer or None,
        "organisasjonsnummer": organisation.organisasjonsnummer or None,
        "other_names": organisation.alias_list,
        "point": (
            {"latitude": float(organisation.latitude), "longitude": float(organisation.longitude)}
            if organisation.latitude is not None and organisation.longitude is not None
            else None
        ),
        "decision": organisation.decision or None,
        "decision_label": (
            str(organisation.get_decision_display()) if organisation.decision else None
        ),
        "go_live": (
            {"milestone": go_live.slug, "dates": dates_data(go_live.dates, language)}
            if go_live
            else None
        ),
        "status": status.value if status else None,
        "status_label": status_label(status),
        "url": absolute(request, "phases:organisation", organisation.slug),
        "api_url": absolute(request, "api:organisation", organisation.slug),
        "calendar_url": absolute(request, "phases:organisation_calendar", organisation.slug),
        "embed_url": absolute(request, "phases:embed_organisation", organisation.slug),
    }


@dataclass(frozen=True)
class PageOfResults:
    """A page of a list: the body to send, and the links to its neighbours for the headers."""

    body: dict
    links: dict[str, str] = field(default_factory=dict)

    def headers(self) -> dict[str, str]:
        headers = {
            "X-Total-Count": str(self.body["count"]),
            "Access-Control-Expose-Headers": "Link, X-Total-Count",
        }
        if self.links:
            headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in self.links.items())
        return headers


def requested_page(request: HttpRequest, items) -> Page:
    """Return the page of ``items`` asked for with ``?page=``; 400 when malformed, 404 past the end."""
    number = pagination.requested_number(request.GET, PAGE_PARAMETER)
    if number is None:
        raise InvalidParameter(
            PAGE_PARAMETER,
            _("Ugyldig side «%(page)s». Bruk et helt tall fra 1 og oppover.")
            % {"page": request.GET.get(PAGE_PARAMETER)},
        )
    try:
        return Paginator(items, PAGE_SIZE).page(number)
    except InvalidPage as error:
        raise Http404 from error


def listing(request: HttpRequest, page: Page, items: list[dict], language: str) -> PageOfResults:
    """Return one page of a list with its total count and the links to the other pages."""

    def url(number: int) -> str:
        return request.build_absolute_uri(
            request.path + pagination.page_query(request.GET, number, PAGE_PARAMETER)
        )

    last = page.paginator.num_pages
    links = {}
    if page.has_next():
        links["next"] = url(page.next_page_number())
    if page.has_previous():
        links["prev"] = url(page.previous_page_number())
    links["first"], links["last"] = url(1), url(last)
    body = {
        "language": language,
        "count": page.paginator.count,
        "page": page.number,
        "pages": last,
        "next": links.get("next"),
        "previous": links.get("prev"),
        "results": items,
    }
    return PageOfResults(body, links)


# --- Views -------------------------------------------------------------------------------


@open_data
def index(request, *, at, today):
    """Point to every resource of the API, and to the other open formats."""
    return {
        "version": API_VERSION,
        "openapi": absolute(request, "api:openapi"),
        "phases": absolute(request, "api:phases"),
        "milestones": absolute(request, "api:milestones"),
        "organisations": absolute(request, "api:organisations"),
        "changes_feed": absolute(request, "phases:changes_feed"),
        "calendar": absolute(request, "phases:calendar"),
        "sitemap": request.build_absolute_uri("/sitemap.xml"),
    }


@open_data
def phase_list(request, *, at, today):
    language = translation.get_language()
    page = requested_page(request, Phase.objects.published(at=at).with_dates())
    return listing(
        request,
        page,
        [phase_data(request, phase, today=today, language=language) for phase in page],
        language,
    )


@open_data
def phase_detail(request, slug, *, at, today):
    language = translation.get_language()
    phase = get_object_or_404(Phase.objects.published(at=at).with_dates(), slug=slug)
    milestones = phase.milestones.published(at=at).with_details(at=at)
    return {
        **phase_data(request, phase, today=today, language=language),
        "milestones": [
            milestone_data(request, milestone, today=today, language=language)
            for milestone in milestones
        ],
    }


@open_data
def milestone_list(request, *, at, today):
    language = translation.get_language()
    page = requested_page(request, Milestone.objects.published(at=at).with_details(at=at))
    return listing(
        request,
        page,
        [milestone_data(request, m, today=today, language=language) for m in page],
        language,
    )


@open_data
def organisation_list(request, *, at, today):
    """List organisations, filtered by ``kind``, ``county``, ``status`` and name (``q``)."""
    language = translation.get_language()
    form = OrganisationFilterForm(request.GET)
    if not form.is_valid():
        parameter, errors = next(iter(form.errors.items()))
        field = form.fields[parameter]
        allowed = [value for value, _label in getattr(field, "choices", []) if value]
        message = _("Ugyldig verdi for parameteren «%(parameter)s».") % {"parameter": parameter}
        raise InvalidParameter(parameter, " ".join([message, *errors]), allowed=allowed or None)
    matching = form.matching(Organisation.objects.published(at=at), at=at, today=today)
    page = requested_page(request, matching)
    organisations = prefetch_go_lives(page, at=at)
    return listing(
        request,
        page,
        [organisation_data(request, o, today=today, language=language) for o in organisations],
        language,
    )


@open_data
def organisation_detail(request, slug, *, at, today):
    language = translation.get_language()
    organisation = get_object_or_404(Organisation.objects.published(at=at), slug=slug)
    milestones = list(organisation.milestones.published(at=at).with_details(at=at))
    organisation.public_go_lives = [m for m in milestones if m.is_go_live]
    return {
        **organisation_data(request, organisation, today=today, language=language),
        "milestones": [
            milestone_data(request, milestone, today=today, language=language)
            for milestone in milestones
        ],
    }
