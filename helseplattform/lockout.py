"""The page an editor sees when the admin login is locked (django-axes' ``AXES_LOCKOUT_CALLABLE``).

django-axes counts failed logins per username and address (the ``AXES_*`` settings)
and, once they reach the limit, answers with ``lockout_response`` instead of the
login form: in Norwegian, how many minutes to wait and whom to contact
(``EDITOR_CONTACT``), with ``429 Too Many Requests`` and ``Retry-After``.
"""

from __future__ import annotations

import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """Return the lock-out page: how long to wait and whom to contact."""
    seconds = int(get_cool_off(request).total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": _("For mange innloggingsforsøk"),
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(seconds / 60),
        "contact": settings.EDITOR_CONTACT,
    }
    response = render(
        request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(seconds)
    return response
