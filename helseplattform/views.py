"""Site-wide views that belong to no app: the health check, the accessibility statement, the 400 page."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
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


@require_safe
def accessibility_statement(request: HttpRequest):
    """Show the accessibility statement (tilgjengelighetserklæring) required by law."""
    return render(request, "accessibility.html")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponseBadRequest:
    """Render the 400 page without the request: it may be what is wrong (a refused ``Host``)."""
    return HttpResponseBadRequest(render_to_string("400.html"))
