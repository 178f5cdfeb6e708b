"""Security headers Django does not send by itself, and the admin's exception to the CSP.

``PermissionsPolicyMiddleware`` sends ``Permissions-Policy`` from the
``PERMISSIONS_POLICY`` setting: a mapping of browser feature to allowed origins,
empty for "no one". The header is a constant string built once; a dependency
(django-permissions-policy, well kept) would buy feature-name validation for
about fifteen lines of code, so we keep it here.

``ContentSecurityPolicyMiddleware`` is django-csp's middleware with one
path-based exception: under ``ADMIN_PATH`` it allows inline ``style``
attributes (``'unsafe-inline'`` in ``style-src``). Django's admin writes a few
of them into its templates (``style="display: none"`` on hidden rows, the
changelist's filter widths) and modeltranslation's tabs and
admin-sortable2's drag handles set some from jQuery. Scripts stay strict
everywhere, and the public pages keep the strict policy: the exception is
decided by the request path, never by a view that a public URL could reach.

``BaselineSecurityHeadersMiddleware`` goes first in ``MIDDLEWARE`` and gives
the strict headers to every answer that left without them: an error page
built from an exception raised before ``SecurityMiddleware`` ran (a refused
``Host`` raises inside the page cache), a 400 for a request Django could not
read, any early return. An answer that already has a policy went through the
inner middleware (or is the page cache's copy of one that did) and is left as
it is, so a view's own choice (the embeds' ``frame-ancestors`` and missing
``X-Frame-Options``) stands.
"""

from collections.abc import Callable, Mapping

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

ADMIN_POLICY_UPDATE = {"style-src": [UNSAFE_INLINE]}


def permissions_policy(features: Mapping[str, list[str]]) -> str:
    """Return the header value: ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Add ``Permissions-Policy`` to every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


def baseline_headers() -> dict[str, str]:
    """Return the security headers every answer carries, from the settings that define them."""
    headers = {
        "Content-Security-Policy": build_policy(),
        "Permissions-Policy": permissions_policy(settings.PERMISSIONS_POLICY),
        "X-Frame-Options": settings.X_FRAME_OPTIONS,
    }
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers["X-Content-Type-Options"] = "nosniff"
    if settings.SECURE_REFERRER_POLICY:
        headers["Referrer-Policy"] = settings.SECURE_REFERRER_POLICY
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
    return {name: value for name, value in headers.items() if value}


class BaselineSecurityHeadersMiddleware:
    """Add each baseline security header to every response that has none."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response
        self.headers = baseline_headers()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "Content-Security-Policy" in response or getattr(response, "_csp_exempt", False):
            # It went through the inner security middleware, or is a cached copy of an
            # answer that did: its headers (an embed's missing X-Frame-Options) are chosen.
            return response
        for name, value in self.headers.items():
            if name == "X-Frame-Options" and getattr(response, "xframe_options_exempt", False):
                continue
            response.headers.setdefault(name, value)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy, with inline styles allowed in the admin only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(f"/{settings.ADMIN_PATH}"):
            update = {key: list(value) for key, value in (parts.update or {}).items()}
            for directive, sources in ADMIN_POLICY_UPDATE.items():
                update.setdefault(directive, []).extend(sources)
            parts.update = update
        return parts
