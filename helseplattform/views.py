"""Site-wide views that belong to no app: the health check and the accessibility statement."""

import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 otherwise (for load balancers and containers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
