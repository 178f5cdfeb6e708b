"""The feedback widget's POST: check, bind, validate, decide the answer, save, thank.

One view answers both ways the widget can send: a plain form POST (no JavaScript)
gets a redirect back to the page with the thank-you in the URL (the page is
cached by shared caches, so there is no cookie or messages framework to carry
it), and ``fetch`` with ``Accept: application/json`` gets JSON. How the view is
protected without a CSRF cookie is explained in ``helseplattform/public_forms.py``.

Nothing personal leaves this view: the comment is scrubbed by ``Feedback.save()``,
marked sensitive for Django's error reports, and never logged; the error reports
for this view also hide the address, user agent, referrer and cookies.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from feedback.forms import FeedbackForm, safe_return_path
from feedback.models import Feedback, ImprovementNote
from helseplattform.public_forms import feedback_rate_limit, is_cross_site, is_too_large

logger = logging.getLogger(__name__)

THANKS_PARAMETER = "tilbakemelding"
THANKS_VALUE = "takk"
ANCHOR = "tilbakemelding"


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports about a feedback post, without anything that could identify the visitor."""

    hidden_meta = frozenset(
        {
            "REMOTE_ADDR",
            "REMOTE_HOST",
            "HTTP_USER_AGENT",
            "HTTP_REFERER",
            "HTTP_COOKIE",
            "HTTP_FORWARDED",
            "HTTP_X_FORWARDED_FOR",
            "HTTP_X_REAL_IP",
        }
    )

    def is_active(self, request) -> bool:
        # Also with DEBUG on: a developer's error page is no place for a visitor's comment.
        return True

    def get_safe_request_meta(self, request) -> dict:
        meta = super().get_safe_request_meta(request)
        return {
            key: self.cleansed_substitute if key in self.hidden_meta else value
            for key, value in meta.items()
        }

    def get_safe_cookies(self, request) -> dict:
        return dict.fromkeys(getattr(request, "COOKIES", {}), self.cleansed_substitute)


def home_url() -> str:
    """Return the front page in the current language (the fallback for unsafe return addresses)."""
    return reverse("phases:timeline")


def thank_you_url(path: str) -> str:
    """Return the page with the thank-you switched on, at the widget: /nn/?tilbakemelding=takk#tilbakemelding."""
    parts = urlsplit(path)
    query = QueryDict(parts.query, mutable=True)
    query[THANKS_PARAMETER] = THANKS_VALUE
    return urlunsplit(("", "", parts.path, query.urlencode(safe="/"), ANCHOR))


def wants_json(request: HttpRequest) -> bool:
    """Return True for the widget's script, which asks for JSON; browsers posting the form ask for HTML."""
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def problem(
    request: HttpRequest, status: int, message: str, *, errors: dict | None = None
) -> HttpResponse:
    """Tell the visitor, in their language, why the feedback was not received."""
    if wants_json(request):
        body = {"status": "error", "message": message, "errors": errors or {}}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    # The body is read only when it is small; a refused body is never parsed.
    page = "" if is_too_large(request) else request.POST.get("page", "")
    back = safe_return_path(page, host=request.get_host()) or home_url()
    context = {
        "message": message,
        "errors": [error for messages in (errors or {}).values() for error in messages],
        "back_url": urlunsplit(("", "", *urlsplit(back)[2:4], ANCHOR)),
    }
    return render(request, "feedback/problem.html", context, status=status)


def thanks(request: HttpRequest, page: str) -> HttpResponse:
    """Thank the visitor: JSON for the script, a redirect to the page for the plain form."""
    if wants_json(request):
        body = {"status": "ok", "message": _("Takk for tilbakemeldingen!")}
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    return HttpResponseRedirect(thank_you_url(page))


@csrf_exempt  # no cookie to protect: see helseplattform/public_forms.py for what protects this view
@never_cache
@require_POST
@sensitive_post_parameters("comment")
@sensitive_variables()
def submit(request: HttpRequest) -> HttpResponse:
    """Receive one answer from the widget."""
    request.exception_reporter_filter = PrivateExceptionReporterFilter()
    if is_cross_site(request):
        return problem(
            request, 403, _("Tilbakemeldingen kom fra en annen nettside og ble ikke tatt imot.")
        )
    if is_too_large(request):
        return problem(
            request,
            413,
            _("Tilbakemeldingen er for lang. Kommentaren kan være på høyst 1000 tegn."),
        )
    limit = feedback_rate_limit()
    if not limit.hit(request):
        response = problem(
            request,
            429,
            _("Du har sendt mange tilbakemeldinger på kort tid. Vent noen minutter og prøv igjen."),
        )
        response["Retry-After"] = str(limit.retry_after())
        return response

    form = FeedbackForm(request.POST, host=request.get_host())
    if form.is_robot():
        # Thank the robot as if it had succeeded, so it learns nothing; store nothing.
        page = safe_return_path(request.POST.get("page", ""), host=request.get_host())
        return thanks(request, page or home_url())
    if not form.is_valid():
        errors = {field: [str(e) for e in messages] for field, messages in form.errors.items()}
        return problem(request, 400, _("Tilbakemeldingen kunne ikke sendes."), errors=errors)

    page = form.cleaned_data["page"] or home_url()
    language = get_language() if get_language() in Feedback.Language.values else "nb"
    # The answer is built before the row is written, and nothing runs between the
    # INSERT (one statement, atomic on its own) and the return: a visitor is never
    # told it failed after it was stored, so a retry never stores it twice.
    success = thanks(request, page)
    try:
        Feedback.objects.record(
            page=page,
            language=language,
            answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"],
        )
    except DatabaseError as error:
        # Only the type: a database message may quote the values it was given.
        logger.warning("Feedback was not saved: the database failed (%s).", type(error).__name__)
        response = problem(
            request,
            503,
            _("Vi kunne ikke ta imot tilbakemeldingen akkurat nå. Prøv igjen om litt."),
        )
        response["Retry-After"] = "60"
        return response
    return success


def improvements(request: HttpRequest) -> HttpResponse:
    """«Du sa – vi gjorde»: what was changed on the site thanks to feedback, newest first."""
    notes = ImprovementNote.objects.filter(is_public=True)
    return render(request, "feedback/improvements.html", {"notes": notes})
