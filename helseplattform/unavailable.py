"""Answer 503 with ``Retry-After`` when a dependency is down, never 500.

A page that was not cached cannot be rendered while the database is unreachable,
and a login cannot be counted while the counter store is. The visitor then
gets a short page in the language of the address (or JSON under ``/api/``)
saying to try again shortly, and load balancers and crawlers get a status that
says "temporary". Only connection-type errors are turned into 503: a
programming error (``ProgrammingError``, ``IntegrityError``) stays a 500.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRY_AFTER_SECONDS = 30
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """Return the 503 answer for this request, in its language."""
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"error": _("Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.")}, status=503
        )
    else:
        response = HttpResponse(render_to_string("503.html", request=request), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class DependencyUnavailableMiddleware:
    """Turn a database or Redis connection failure in a view into a 503 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, UNAVAILABLE_ERRORS):
            return unavailable_response(request)
        return None
