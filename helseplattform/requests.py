"""Requests Django cannot read: a deliberate 4xx in the page's language, never a 500.

Django parses the ``Content-Type`` header while it builds the request and the
``Accept`` header when a view asks for it, and raises ``ValueError`` on what it
cannot read: an RFC 2231 parameter in an unknown character set
(``charset*=x'en'y``), for example. Raised while the request is built, that
error escapes every middleware and the server answers a bare 500 without the
security headers; raised in a view, it becomes a 500 after the view may
already have done its work (the feedback box once stored a comment and then
told the visitor it had failed). And a body declared in a character set that
is not a text encoding (``charset=rot13``, ``charset=base64``) passes Django's
check and breaks the multipart parser later.

So Django's own parsing stays in charge, and this module catches what it
raises, before any view runs:

- ``Request`` is Django's ``WSGIRequest`` that, when the ``Content-Type`` header
  cannot be parsed, keeps going with no content type and remembers why
  (``wsgi.py`` makes the WSGI handler build these);
- ``MalformedRequestMiddleware`` answers such a request, one whose ``Accept``
  header Django cannot parse, a body in a character set that is not a text
  encoding (415), a chunked body without a length (411), and a body the client
  broke off (``UnreadablePostError``) with a short message in the page's
  language: JSON for clients that ask for JSON, else the site's 400 page.

A GET or HEAD is never refused for its ``Content-Type`` (it has no body to read);
a character set that is not a text encoding is ignored for it (``Request``),
since Django would otherwise decode the query string with it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase, UnreadablePostError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import parse_header_parameters
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

# Methods whose body Django may read; only for these does the Content-Type matter.
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Request(WSGIRequest):
    """Django's WSGI request, built even when its ``Content-Type`` cannot be used.

    Django's own method sets ``encoding`` from any charset ``codecs`` knows, and
    the setter then decodes the query string with it, so ``charset=rot13`` fails
    the request before any middleware runs. Here only a text encoding is taken;
    a header Django cannot parse leaves no content type and is remembered.
    """

    malformed_header = ""

    def _set_content_type_params(self, meta):
        try:
            self.content_type, self.content_params = parse_header_parameters(
                meta.get("CONTENT_TYPE", "")
            )
        except ValueError:
            self.content_type, self.content_params = "", {}
            self.malformed_header = "Content-Type"
            return
        charset = self.content_params.get("charset")
        if charset and is_text_encoding(charset):
            self._encoding = charset


def is_text_encoding(name: str) -> bool:
    """Return True when ``name`` is a character set Python can decode text with."""
    try:
        return codecs.lookup(name)._is_text_encoding
    except LookupError:
        return False


def prefers_json(request: HttpRequest) -> bool:
    """Return True when the client asks for JSON, judged without Django's parser (it may be what failed)."""
    accept = request.META.get("HTTP_ACCEPT", "")
    return "json" in accept.lower() and "text/html" not in accept.lower()


def unreadable_accept(request: HttpRequest) -> bool:
    """Return True when Django cannot parse the ``Accept`` header."""
    try:
        request.accepted_types  # noqa: B018 - parsed (and cached) here, or it raises here
    except (ValueError, LookupError):
        return True
    return False


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """Return the short answer for a request that could not be read, in the page's language."""
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        text = str(message)
        if prefers_json(request):
            body = json.dumps(
                {"status": "error", "message": text, "errors": {}}, ensure_ascii=False
            )
            response = HttpResponse(body, status=status, content_type="application/json")
        else:
            page = render_to_string("400.html", {"message": text})
            response = HttpResponse(page, status=status)
        response["Content-Language"] = language
    return response


class MalformedRequestMiddleware:
    """Answer requests whose headers or body Django cannot read with a 4xx, before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        problem = self.problem(request)
        if problem is not None:
            return refusal(request, *problem)
        return self.get_response(request)

    @staticmethod
    def problem(request: HttpRequest) -> tuple[int, str] | None:
        """Return the status and message for a request that cannot be read, or None."""
        if unreadable_accept(request):
            return 400, _("Nettleseren sendte et Accept-felt vi ikke kan lese. Prøv igjen.")
        if request.method not in METHODS_WITH_BODY:
            return None
        if getattr(request, "malformed_header", ""):
            return 400, _("Nettleseren sendte et Content-Type-felt vi ikke kan lese. Prøv igjen.")
        charset = request.content_params.get("charset")
        if charset is not None and not is_text_encoding(charset):
            return 415, _("Vi kan ikke lese tegnsettet forespørselen ble sendt i. Bruk UTF-8.")
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            return 411, _("Forespørselen må oppgi lengden på innholdet (Content-Length).")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # The client broke the body off (a dropped connection, a body shorter than declared).
        if isinstance(exception, UnreadablePostError):
            return refusal(request, 400, _("Forespørselen kom ikke fram i sin helhet. Prøv igjen."))
        return None
