"""HTTP caching of the public pages: one stored copy per page and content version.

A go-live day sends thousands of people to the same few pages, so a public page
must cost about as much as a static file, yet change within a second or two of
a publish, and exactly when a scheduled publish or unpublish falls due, on every
worker of every server. ``PublicPageCacheMiddleware`` does it like this:

1. **What is current** comes from the database (``helseplattform.content``):
   an effective content version that every process computes alike, copied per
   process for at most a second. So ETags are the same from every worker.
2. **One page per meaning.** The key is the release, the language, the scheme,
   host and path, and only the query parameters the page reads (a view declares
   them with ``reads_query_parameters``; ``PUBLIC_QUERY_PARAMETERS`` lists those
   every page reads), in a canonical order. The request itself is rewritten to
   that canonical query before the view runs, so an unknown parameter
   (``?fnr=…``) neither makes a new entry nor appears anywhere in the page.
3. **Rendered pages** live in the page cache (``CACHE_URL``, Redis in
   production, which may evict) with the version they were rendered under, and
   the last ones this process served in ``local_pages``. A page whose version is
   not the current one is a miss. After a publish, one request per URL and
   version renders (a short lock in the shared cache); the others serve the
   previous copy or wait briefly for the new one.
4. **HTTP headers** for browsers and shared caches (nginx, a CDN):
   ``Cache-Control: public, max-age=…, s-maxage=PUBLIC_CACHE_SECONDS,
   stale-while-revalidate=…`` cut short before the next scheduled change, and an
   ``ETag`` from the key and the version, so a conditional request is answered
   with 304 without rendering anything.

Fail open. Every page-cache call goes through ``page_cache``: an error or a
timeout (``CACHE_URL``'s socket timeout is short) logs one warning a minute and
the page is rendered from the database; after a failure, the cache is left alone
for ``CACHE_RETRY_SECONDS`` while one request at a time probes it. When a page
cannot be rendered (the database is down), the last stored copy of it, whatever
its version, is served marked ``private, no-store``.

Not cached: anything but GET and HEAD, the admin (always ``private,
no-store``), URLs outside ``i18n_patterns`` (the probes, the admin, static files,
the API has its own validators), requests with a session cookie (staff,
previews), responses whose view chose its own ``Cache-Control``, set a cookie or
vary on a header, and anything but 200 (404 and permanent redirects get the
public headers, so a shared cache absorbs floods of them).
"""

from __future__ import annotations

import datetime
import hashlib
import threading
import time
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotModified,
    QueryDict,
)
from django.urls import LocalePrefixPattern, Resolver404, get_resolver, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, urlencode

from helseplattform.content import (
    ContentState,
    bump_content_version,
    content_state,
    warn_once_a_minute,
)

__all__ = ["PublicPageCacheMiddleware", "bump_content_version", "content_state"]

PAGE_KEY_PREFIX = "page"
# Browsers revalidate sooner than shared caches: a revalidation that nginx answers
# with 304 costs nothing, and a reader who reloads sees a publish within seconds.
BROWSER_MAX_AGE_SECONDS = 10
STALE_WHILE_REVALIDATE_SECONDS = 30
# A page nobody asks for leaves the cache after this long; it is also how long a
# stored page can stand in for one that cannot be rendered (a database outage).
PAGE_TIMEOUT_SECONDS = 60 * 60
# 404 and permanent redirects get public headers but are never stored server-side.
PUBLIC_STATUSES = frozenset({200, 301, 308, 404})
STORED_STATUSES = frozenset({200})
# Headers recomputed on every response rather than stored with the page.
UNSTORED_HEADERS = frozenset({"cache-control", "etag", "expires", "set-cookie", "date"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
# How many pages a process keeps its own copy of (about 11 KB each for the timeline).
LOCAL_PAGES_MAX = 512
# After a page-cache failure, how long to leave it alone (one request probes meanwhile).
CACHE_RETRY_SECONDS = 2.0
# Single flight: how long one renderer holds a page, and how long the others wait for it.
RENDER_LOCK_SECONDS = 5
RENDER_WAIT_SECONDS = 1.0
RENDER_POLL_SECONDS = 0.02

# A stored page: the content version it was rendered under, status, headers, body.
StoredPage = tuple[str, int, list[tuple[str, str]], bytes]


# --- The page cache, fail-open -------------------------------------------------------------


class FailOpenCache:
    """A Django cache alias whose failures are logged, never raised: it only accelerates.

    After a failure the cache is skipped for ``CACHE_RETRY_SECONDS``; then one
    request at a time tries it again, so a hung Redis costs one socket timeout
    per process every few seconds, not one per request.
    """

    def __init__(self, alias: str):
        self.alias = alias
        self._down_until: float | None = None
        self._probing = threading.Lock()

    def call(self, method: str, *args, default=None, **kwargs):
        down_until = self._down_until
        probe = down_until is not None
        if probe and (monotonic() < down_until or not self._probing.acquire(blocking=False)):
            return default
        try:
            result = getattr(caches[self.alias], method)(*args, **kwargs)
        except Exception as error:  # any backend's connection error, whatever its class
            self._down_until = monotonic() + CACHE_RETRY_SECONDS
            warn_once_a_minute(f"cache {self.alias!r}", error)
            return default
        else:
            self._down_until = None
            return result
        finally:
            if probe:
                self._probing.release()

    def get(self, key: str):
        return self.call("get", key)

    def set(self, key: str, value, *, timeout: int) -> None:
        self.call("set", key, value, timeout=timeout)

    def add(self, key: str, value, *, timeout: int) -> bool:
        # While the cache is down, every renderer holds its own lock.
        return self.call("add", key, value, timeout=timeout, default=True)

    def delete(self, key: str) -> None:
        self.call("delete", key)


page_cache = FailOpenCache("default")


def monotonic() -> float:
    """The clock of the per-process copies and retries (a function, so tests can move it)."""
    return time.monotonic()


class LocalPages:
    """The pages this process served last, so a hit costs no round trip at all.

    Shared by the threads of a gthread worker; every update replaces whole
    values, and the table is emptied when full rather than kept in LRU order.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        with self._lock:
            self._pages: dict[str, StoredPage] = {}

    def get(self, key: str) -> StoredPage | None:
        return self._pages.get(key)

    def keep(self, key: str, page: StoredPage) -> None:
        with self._lock:
            if len(self._pages) >= LOCAL_PAGES_MAX:
                self._pages = {}
            self._pages[key] = page


local_pages = LocalPages()


# --- One clock per request -----------------------------------------------------------------


def request_moment(
    request: HttpRequest, *, default: Callable[[], datetime.datetime] = timezone.now
) -> datetime.datetime:
    """Return the moment this request is served at, taken once by the page cache.

    The view shows the content at the same moment the cache chose its version
    for, so a page is never stored under a version it does not show.
    """
    moment = getattr(request, "moment", None)
    return moment if moment is not None else default()


# --- Which requests are public, and what they read -----------------------------------------


def is_admin_path(path: str) -> bool:
    return path.startswith(f"/{settings.ADMIN_PATH}")


def is_i18n_path(request: HttpRequest) -> bool:
    """Return True when the path belongs to ``i18n_patterns`` (or to no pattern at all).

    The public pages are exactly the i18n pages; everything at the root of the
    URLconf (the probes, the admin, the API) is not.
    """
    path = request.path_info.lstrip("/")
    resolver = get_resolver(getattr(request, "urlconf", None))
    for pattern in resolver.url_patterns:
        if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern):
            continue
        if pattern.pattern.match(path) is not None:
            return False
    return True


def has_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def reads_query_parameters(*names: str) -> Callable:
    """Declare the query parameters a public view reads; every other one is dropped.

    The page cache keys the page on these alone, and the view sees only them.
    """

    def declare(view: Callable) -> Callable:
        view.query_parameters = frozenset(names)
        return view

    return declare


@lru_cache(maxsize=1024)
def view_query_parameters(urlconf: str, path: str, language: str) -> frozenset[str]:
    """Return the query parameters the view at ``path`` declared it reads."""
    with translation.override(language):
        try:
            match = resolve(path, urlconf=urlconf)
        except Resolver404:
            return frozenset()
    return getattr(match.func, "query_parameters", frozenset())


def canonical_query(query: QueryDict, allowed: dict[str, frozenset[str] | None]) -> str:
    """Return the query string the page reads: known names, sorted, the value a form reads.

    Django forms read the last value of a repeated parameter; empty values and
    values outside a parameter's known set are dropped.
    """
    pairs = []
    for name in sorted(allowed):
        values = allowed[name]
        for value in query.getlist(name)[-1:]:
            if value and (values is None or value in values):
                pairs.append((name, value))
    return urlencode(pairs)


def canonicalise(request: HttpRequest, *, language: str) -> None:
    """Rewrite the request's query string to the parameters its page reads."""
    if not request.META.get("QUERY_STRING"):
        return
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    allowed: dict[str, frozenset[str] | None] = {
        name: frozenset(values) if values is not None else None
        for name, values in settings.PUBLIC_QUERY_PARAMETERS.items()
    }
    for name in view_query_parameters(urlconf, request.path_info, language):
        allowed.setdefault(name, None)
    query = canonical_query(request.GET, allowed)
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)


# --- Keys and validators -----------------------------------------------------------------


@cache
def release() -> str:
    """Return a digest of the code that shapes a page: templates, translations, Python, static manifest.

    A deploy with new templates or new hashed static file names must not serve
    pages rendered by the old code (they would link to static files that no
    longer exist). Computed once per process from the project's own files.
    """
    digest = hashlib.blake2b(digest_size=8)
    roots = [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]
    roots += [Path(p) for p in settings.LOCALE_PATHS]
    base = Path(settings.BASE_DIR)
    # The project's own apps sit at the root of the repository (not in the virtualenv).
    roots += [Path(c.path) for c in apps.get_app_configs() if Path(c.path).parent == base]
    roots.append(Path(__file__).parent)
    files = set()
    for root in roots:
        if root.is_dir():
            files.update(p for p in root.rglob("*") if p.suffix in {".html", ".py", ".mo", ".txt"})
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        files.add(manifest)
    for path in sorted(files):
        digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(request: HttpRequest, *, language: str) -> str:
    """Return the cache key of this page: one per release, language and canonical URL.

    The content version is stored inside the value rather than in the key, so a
    new version overwrites the old page instead of adding one.
    """
    raw = f"{release()}|{language}|{request.build_absolute_uri()}"
    return f"{PAGE_KEY_PREFIX}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def page_etag(key: str, *, version: str) -> str:
    """Return the validator of the page at this content version."""
    return f'"{hashlib.blake2b(f"{key}|{version}".encode(), digest_size=12).hexdigest()}"'


def page_language(request: HttpRequest) -> str:
    """Return the page's language: from its path prefix, Bokmål when there is none."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def etag_matches(request: HttpRequest, etag: str, *, exists: bool = False) -> bool:
    """Return True when the request's If-None-Match names ``etag``.

    ``*`` matches only a page known to exist (``exists``): RFC 9110 §13.1.2.
    """
    # META rather than request.headers, which builds a dict of every header: this is the hot path.
    return etag_matches_header(request.META.get("HTTP_IF_NONE_MATCH"), etag, exists=exists)


def etag_matches_header(header: str | None, etag: str, *, exists: bool = False) -> bool:
    """Return True when an If-None-Match header names ``etag`` (or is ``*`` for a known page)."""
    if not header:
        return False
    # Weak comparison (RFC 9110 §13.1.2): nginx weakens ETags when it compresses.
    wanted = etag.removeprefix("W/")
    return any(
        (tag == "*" and exists) or tag.removeprefix("W/") == wanted for tag in parse_etags(header)
    )


# --- Headers -------------------------------------------------------------------------------


def public_cache_control(*, now: datetime.datetime, next_change: datetime.datetime) -> str:
    """Return the Cache-Control value of a public page, fresh no longer than the next change."""
    until_change = max(0, int((next_change - now).total_seconds()))
    shared = min(settings.PUBLIC_CACHE_SECONDS, until_change)
    browser = min(BROWSER_MAX_AGE_SECONDS, shared)
    return (
        f"public, max-age={browser}, s-maxage={shared}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE_SECONDS}"
    )


def without_accept_language(vary: str) -> str:
    return ", ".join(
        v.strip() for v in vary.split(",") if v.strip() and v.strip().lower() != "accept-language"
    )


def make_private(response: HttpResponseBase) -> HttpResponseBase:
    """Mark a response as never to be stored by any cache."""
    if "Cache-Control" in response:
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)
    return response


def replay(page: StoredPage) -> HttpResponse:
    _version, status, headers, content = page
    return HttpResponse(content, status=status, headers=headers)


# --- The middleware ------------------------------------------------------------------------


class PublicPageCacheMiddleware:
    """Serve public pages from the page cache and send HTTP caching headers.

    Goes first in MIDDLEWARE: a hit returns before any other middleware runs,
    and the stored page keeps the headers they added (the security headers, CSP,
    Content-Language, X-Frame-Options). Static files pass straight through.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if is_admin_path(request.path_info):
            return make_private(self.get_response(request))
        if (
            request.method not in SAFE_METHODS
            or request.path_info.startswith(settings.STATIC_URL)
            or not is_i18n_path(request)
        ):
            return self.get_response(request)
        language = page_language(request)
        canonicalise(request, language=language)
        if has_session(request):
            # Staff, previews: may show drafts or per-user content.
            return make_private(self.get_response(request))

        request.moment = now = timezone.now()
        key = page_key(request, language=language)
        state = content_state(now=now)
        stored = local_pages.get(key)
        if state is None or stored is None or stored[0] != state.version:
            stored = page_cache.get(key) or stored
        if state is None:
            # The content version was never readable (the database is down since this
            # process started): render if possible, else fall back to any stored copy.
            return self.render_or_fall_back(request, stored)

        etag = page_etag(key, version=state.version)
        cache_control = public_cache_control(now=now, next_change=state.next_change)
        current = stored is not None and stored[0] == state.version
        if etag_matches(request, etag, exists=current):
            return self.not_modified(etag, cache_control)
        if current:
            local_pages.keep(key, stored)
            return self.hit(stored, etag, cache_control)

        lock = f"{key}:render:{state.version}"
        if request.method == "GET" and not page_cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
            # Another worker is rendering this version of the page right now.
            if stored is not None:
                return make_private(replay(stored))
            waited = self.wait_for(key, version=state.version)
            if waited is not None:
                return self.hit(waited, etag, cache_control)
            lock = None
        try:
            return self.render(request, key, state, stored, etag, cache_control)
        finally:
            if lock is not None and request.method == "GET":
                page_cache.delete(lock)

    @staticmethod
    def not_modified(etag: str, cache_control: str) -> HttpResponseNotModified:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        response["Cache-Control"] = cache_control
        return response

    @staticmethod
    def hit(page: StoredPage, etag: str, cache_control: str) -> HttpResponse:
        response = replay(page)
        response["ETag"] = etag
        response["Cache-Control"] = cache_control
        return response

    @staticmethod
    def wait_for(key: str, *, version: str) -> StoredPage | None:
        """Wait briefly for the page another worker is rendering; None when it does not come."""
        deadline = monotonic() + RENDER_WAIT_SECONDS
        while monotonic() < deadline:
            time.sleep(RENDER_POLL_SECONDS)
            page = page_cache.get(key)
            if page is not None and page[0] == version:
                local_pages.keep(key, page)
                return page
        return None

    def render_or_fall_back(
        self, request: HttpRequest, stored: StoredPage | None
    ) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code >= 500 and stored is not None:
            # The page could not be rendered now (the database may be down): the
            # last good copy, even if an editor has changed something since, serves
            # the reader better than an error page (RFC 5861's stale-if-error, as
            # nginx's proxy_cache_use_stale does in front). Nobody may keep it.
            return make_private(replay(stored))
        return make_private(response)

    def render(
        self,
        request: HttpRequest,
        key: str,
        state: ContentState,
        stored: StoredPage | None,
        etag: str,
        cache_control: str,
    ) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code >= 500 and stored is not None:
            return make_private(replay(stored))  # stale-if-error, as above
        if not self.is_shareable(response):
            if response.cookies or "cookie" in response.get("Vary", "").lower():
                make_private(response)
            return response
        # LocaleMiddleware adds "Vary: Accept-Language" to every page without a
        # language prefix, yet with prefix_default_language=False it always picks
        # Bokmål for them (Django >= 4.2): the language comes from the path alone.
        # Left in place, the header would make nginx and CDNs keep one copy per
        # Accept-Language string browsers send, for identical pages.
        vary = without_accept_language(response.get("Vary", ""))
        if vary:
            response["Vary"] = vary
        elif "Vary" in response:
            del response["Vary"]
        response["Cache-Control"] = cache_control
        if response.status_code in STORED_STATUSES:
            response["ETag"] = etag
            # A page that varies on a request header is not one page per key: nginx,
            # which honours Vary, may keep it; this cache, keyed on the URL, may not.
            if request.method == "GET" and not vary:
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in UNSTORED_HEADERS
                ]
                page = (state.version, response.status_code, headers, response.content)
                page_cache.set(key, page, timeout=PAGE_TIMEOUT_SECONDS)
                local_pages.keep(key, page)
        return response

    @staticmethod
    def is_shareable(response: HttpResponseBase) -> bool:
        """Return True when a response may go to shared caches as it is."""
        return (
            response.status_code in PUBLIC_STATUSES
            and not response.streaming
            and "Cache-Control" not in response
            and not response.cookies
            and "cookie" not in response.get("Vary", "").lower()
        )
