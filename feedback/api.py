"""The analysts' read-only feedback API, for their own tools (Excel, Power BI, R).

``GET /api/analyse/v1/feedback/`` with ``Authorization: Bearer <key>`` (keys are
made and revoked in the admin, ``feedback.tokens``). It returns the scrubbed
feedback oldest first, at most ``limit`` at a time; ``next`` (and a ``Link``
header with ``rel="next"``) continues after the last one, so a tool can fetch new
answers since its last run with ``after=<id>``. Filters: ``since`` and ``until``
(days, local time, both included), ``page``, ``state``.

Nothing about the visitor is there to return; the key is never logged.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from feedback import export, tokens
from feedback.models import Feedback
from helseplattform.caching import make_private

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def error(status: int, message: str, *, parameter: str | None = None) -> JsonResponse:
    body = {"error": message}
    if parameter:
        body["parameter"] = parameter
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="analyse"'
    return response


def private(response: JsonResponse) -> JsonResponse:
    """Keep the answer out of every cache: it depends on whose key asked."""
    patch_vary_headers(make_private(response), ["Authorization"])
    return response


def parse_day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@require_GET
def feedback_list(request: HttpRequest) -> JsonResponse:
    """Return one page of feedback for the holder of a valid key."""
    if tokens.authenticate(request.headers.get("Authorization")) is None:
        return private(error(401, _("Mangler gyldig API-nøkkel (Authorization: Bearer …).")))
    queryset = Feedback.objects.order_by("id").prefetch_related("tags")
    params = request.GET
    try:
        since = parse_day(params["since"]) if params.get("since") else None
    except ValueError:
        return private(error(400, _("Datoen må skrives ÅÅÅÅ-MM-DD."), parameter="since"))
    try:
        until = parse_day(params["until"]) if params.get("until") else None
    except ValueError:
        return private(error(400, _("Datoen må skrives ÅÅÅÅ-MM-DD."), parameter="until"))
    queryset = queryset.between(start=since, end=until)
    if params.get("page"):
        queryset = queryset.filter(page=params["page"])
    if params.get("state"):
        if params["state"] not in Feedback.State.values:
            return private(
                error(
                    400,
                    _("Ukjent status. Bruk en av: %(states)s.")
                    % {"states": ", ".join(Feedback.State.values)},
                    parameter="state",
                )
            )
        queryset = queryset.filter(state=params["state"])
    try:
        after = int(params.get("after") or 0)
        limit = int(params.get("limit") or DEFAULT_LIMIT)
    except ValueError:
        return private(error(400, _("«after» og «limit» må være hele tall.")))
    if not 1 <= limit <= MAX_LIMIT:
        return private(
            error(
                400, _("«limit» må være fra 1 til %(max)s.") % {"max": MAX_LIMIT}, parameter="limit"
            )
        )
    items = list(queryset.filter(id__gt=after)[: limit + 1])
    has_more = len(items) > limit
    items = items[:limit]
    next_url = None
    if has_more:
        query = params.copy()
        query["after"] = str(items[-1].pk)
        query["limit"] = str(limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    response = JsonResponse(
        {"feedback": [export.feedback_record(item) for item in items], "next": next_url},
        json_dumps_params={"ensure_ascii": False},
    )
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return private(response)
