"""The page an editor sees when the admin login is locked (django-axes' ``AXES_LOCKOUT_CALLABLE``).

django-axes counts failed logins per username (the ``AXES_*`` settings) and, once
the limit is used up, answers with ``lockout_response`` instead of the login form:
in Norwegian, how many minutes to wait and whom to contact (``EDITOR_CONTACT``),
with ``429 Too Many Requests`` and ``Retry-After``.

The policy, and its price. Wrong passwords are counted per username across all
addresses: counted per username *and* address (as before), a guesser with many
addresses got five tries from each, while the account was locked from the first.
Counted per username alone, anyone who knows an editor's username can lock that
editor out. We accept that, and keep it small:

- the lock-out is short (15 minutes) and lasts only while wrong passwords keep
  coming: each attempt during it restarts the wait, so a continuing attack keeps
  the account shut (it grows with the attack) and an honest slip costs 15 minutes;
- the locked-out editor is told whom to contact (``EDITOR_CONTACT``), who can
  lift it at once: ``manage.py axes_reset_username <username>``;
- the right password is refused too while locked, so the lock-out never tells
  the guesser whether a guess was right.

Each attempt is counted before its password is checked, so the limit holds at
exactly five also when guesses arrive at once on several workers and servers
(``helseplattform/login_attempts.py``): five wrong passwords get the form back
with its error, the sixth attempt and every later one this page.

A lock per address on top (much lower limits for one address) was left out: it
would not stop a guesser with many addresses, which is the case this closes.
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
