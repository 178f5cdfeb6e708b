"""Site-wide views that belong to no app: the probes, the accessibility statement, the 400 page.

``/healthz`` (liveness) says the process answers and depends on nothing: a
restart would not bring a database back. ``/readyz`` (readiness) asks the
database and the page cache separately and answers 503 when this instance
cannot serve what is not cached (the database is unreachable); a cache that is
down is reported, but the instance still serves, from the database.
"""

import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

READINESS_KEY = "readyz"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 while the process runs (the liveness probe): no dependency is asked."""
    return JsonResponse({"status": "ok"})


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def cache_status(alias: str) -> str:
    try:
        caches[alias].get(READINESS_KEY)
    except Exception:  # any backend's connection error, whatever its class
        return "down"
    return "ok"


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """Report the database and the caches; 503 when uncached pages cannot be served."""
    report = {
        "database": database_status(),
        "cache": cache_status("default"),
        "counters": cache_status("counters"),
    }
    ready = report["database"] == "ok"
    report["status"] = (
        "ok"
        if ready and "down" not in report.values()
        else ("degraded" if ready else "unavailable")
    )
    return JsonResponse(report, status=200 if ready else 503)


# «Sist oppdatert» of the statement: move it whenever accessibility.html says something new.
STATEMENT_UPDATED = datetime.date(2026, 12, 1)


@require_safe
def accessibility_statement(request: HttpRequest):
    """Show the accessibility statement (tilgjengelighetserklæring) required by law."""
    return render(
        request,
        "accessibility.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "statement_url": settings.ACCESSIBILITY_STATEMENT_URL,
            "page_updated": STATEMENT_UPDATED,
        },
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponseBadRequest:
    """Render the 400 page without the request: it may be what is wrong (a refused ``Host``)."""
    return HttpResponseBadRequest(render_to_string("400.html"))
