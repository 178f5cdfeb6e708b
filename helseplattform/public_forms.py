"""How the public site's forms are protected without a CSRF cookie: the feedback box
(``feedback.views``) and the e-mail alert sign-up (``phases.alerts.views``).

The public pages are cached by shared caches, so they must set no cookie and send
no ``Vary: Cookie``; Django's CSRF protection needs a per-visitor cookie, so these
views are ``csrf_exempt`` and protected by these layers instead (described for the
feedback box; the sign-up uses the same checks with limits of its own, ``scope="alerts"``):

1. **No ambient authority to abuse.** CSRF is dangerous when a forged request
   rides on the victim's cookies. The feedback POST reads no cookie and no
   session, and does nothing on anyone's behalf: the worst a forged post can do
   is add one anonymous answer. The remaining risks are spam and skewed numbers.
2. **Cross-site requests are refused** (``is_cross_site``). Browsers send
   ``Sec-Fetch-Site`` on every request; anything but ``same-origin`` (our own
   pages) or ``none`` (typed or bookmarked by the user) is refused, including
   ``same-site``, which a sibling subdomain would produce. Browsers also send
   ``Origin`` on every cross-origin POST; when present it must equal this
   request's own scheme and host. ``Origin: null`` (sandboxed frames, some
   redirects) is refused. A request with neither header comes from an old
   browser or a script: scripts can forge any header anyway, so they are left
   to the next layers. Behind a TLS-terminating proxy the scheme comes from
   ``BEHIND_PROXY`` and the host from the ``Host`` header the proxy passes on,
   as for Django's own CSRF origin check.
3. **A honeypot field** that people never see (visually hidden, ``aria-hidden``,
   ``tabindex=-1``, ``autocomplete=off``) but form-filling robots do. When it is
   filled, the view says thank you and stores nothing, so the robot learns nothing.
4. **A small body**: anything longer than ``MAX_BODY_BYTES`` is refused before the
   form is parsed (the comment is at most 1,000 characters).
5. **Rate limiting that is fair behind a shared address** (``RateLimit``). A
   hospital's staff may all reach us from one NAT address, so one address may send
   up to ``FEEDBACK_ADDRESS_RATE_LIMIT`` posts per 10 minutes (60: fifty people
   answering at once still get through), while one browser may send at most
   ``FEEDBACK_RATE_LIMIT`` (10). The browser is told apart by a random token the
   widget's script makes when the page loads and sends with the post
   (``BROWSER_FIELD``): it is kept in the page only, never stored on the device,
   so it needs no consent, and it identifies nobody (a new one every page view).
   A client without the script, or one that makes a new token for every post,
   is held by the address ceiling; a flood from one address stops there. The
   counts live in the "counters" cache (``COUNTER_CACHE_URL``: the database by
   default, shared by all workers, never evicted by page floods). Each key is an
   HMAC of the address (and token) salted with
   ``SECRET_KEY`` and the current day: the address itself is never stored or
   logged, the key cannot be reversed without the secret, and keys from
   different days cannot be linked. Behind our own proxy
   (``BEHIND_PROXY``), the client is the rightmost ``X-Forwarded-For`` entry,
   the one our proxy appended; anything further left was written by the client
   and is ignored, as is the whole header when not behind a proxy. When the
   cache is unreachable the limit fails open (logged): the other layers hold.

A minimum fill time (a timestamp in the form) was considered and left out: the
form sits on pages that shared caches serve for minutes, so the timestamp would
say when the page was cached, not when the visitor opened it.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024  # 1,000 characters of worst-case percent-encoded UTF-8, and the path
RATE_WINDOW_SECONDS = 10 * 60
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})
BROWSER_FIELD = "client"
BROWSER_TOKEN = re.compile(r"[0-9a-f]{32}")


def is_cross_site(request: HttpRequest) -> bool:
    """Return True when the browser says the POST comes from another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.strip().lower() not in ALLOWED_FETCH_SITES:
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own_origin = f"{request.scheme}://{request.get_host()}"
    return origin.strip().lower() != own_origin.lower()


def is_too_large(request: HttpRequest) -> bool:
    """Return True when the declared body is larger than any honest feedback post."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def client_address(request: HttpRequest) -> str:
    """Return the client's IP address: only for hashing, never to store or log."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_key(address: str, *, day: datetime.date) -> str:
    """Return a key for the client that says nothing about the address without the secret."""
    return salted_hmac(f"public-forms.rate-limit.{day.isoformat()}", address).hexdigest()[:32]


def browser_token(request: HttpRequest) -> str:
    """Return the widget script's per-page-view token, or "" when there is none (or it is malformed)."""
    token = request.POST.get(BROWSER_FIELD, "")
    return token if BROWSER_TOKEN.fullmatch(token) else ""


@dataclass(frozen=True)
class RateLimit:
    """Fixed-window counters in the shared cache: one per address, one per browser token."""

    limit: int
    address_limit: int
    window_seconds: int = RATE_WINDOW_SECONDS
    # Which counters: the feedback box's, or another form's that borrows the same rule.
    scope: str = "feedback-box"

    def hit(self, request: HttpRequest, *, now: datetime.datetime | None = None) -> bool:
        """Count one post from the client; return True while it is within both limits."""
        now = now or timezone.now()
        window = int(now.timestamp()) // self.window_seconds
        address = client_address(request)
        counters = [(f"address:{client_key(address, day=now.date())}", self.address_limit)]
        token = browser_token(request)
        if token:
            key = client_key(f"{address}|{token}", day=now.date())
            counters.append((f"browser:{key}", self.limit))
        try:
            counts = [
                (self._count(f"{self.scope}:rate:{name}:{window}"), limit)
                for name, limit in counters
            ]
        except Exception as error:  # any backend's connection error, whatever its class
            # Fail open: while the cache is down, the origin check and the honeypot still
            # hold, and losing a visitor's answer costs more than a little spam.
            logger.warning(
                "Feedback rate limit skipped: the cache failed (%s).", type(error).__name__
            )
            return True
        return all(count <= limit for count, limit in counts)

    def _count(self, key: str) -> int:
        # incr() first: one round trip for a client seen before, and for a new one
        # add() creates the counter with its expiry. A race between two first posts
        # only lets one extra post through.
        counters = caches["counters"]
        try:
            return counters.incr(key)
        except ValueError:
            return 1 if counters.add(key, 1, timeout=self.window_seconds) else counters.incr(key)

    def retry_after(self, *, now: datetime.datetime | None = None) -> int:
        """Return the seconds until the current window ends."""
        now = now or timezone.now()
        return self.window_seconds - int(now.timestamp()) % self.window_seconds


def feedback_rate_limit() -> RateLimit:
    """Return the rate limit from settings (read per request, so tests can change it)."""
    return RateLimit(
        limit=settings.FEEDBACK_RATE_LIMIT, address_limit=settings.FEEDBACK_ADDRESS_RATE_LIMIT
    )
