"""HTTP caching of the public pages, decoupled from the views.

A go-live day sends thousands of people to the same few pages, so a public page
must cost about as much as a static file, yet change seconds after an editor
publishes and exactly when a scheduled publish or unpublish falls due, without
any cron job. ``PublicPageCacheMiddleware`` does this in three layers:

1. **Content state** in the shared cache (Redis in production), two keys:

   - ``content:version``: an integer bumped by ``bump_content_version()``, which
     the content models' ``save()`` and ``delete()`` call. It starts from the
     clock in nanoseconds, so a version lost to eviction or a Redis restart
     never comes back with a number that old pages were stored under.
   - ``content:next``: ``(version, timestamp)`` of the next moment the public
     pages change by themselves: the earliest future ``publish_at`` or
     ``unpublish_at`` of any phase, milestone or organisation (one query over
     the three tables), or the next midnight in Europe/Oslo, when the derived
     statuses ("under way", "done") move on.

   On every public request both keys are read in the same round trip as the
   page itself. When the moment has come (``now >= next``) the version is
   bumped and the next moment recomputed; when ``content:next`` was computed
   under another version (an editor saved in between) it is recomputed. That
   is the only database query this module makes, and it runs once per change,
   not once per request.

2. **Rendered pages** in the same cache, keyed by release, language and
   absolute URL (scheme, host, path and query string), each stored with the
   content version it was rendered under. A page whose version is not the
   current one is a miss, so a publish is visible on the next request, and a
   hit costs one cache round trip (one Redis MGET) and no database query.
   The release is a digest of the templates, translations and code, so a
   deploy never serves pages that link to static files it no longer has.

   Each process also keeps its own copies (``LocalCopies``): the content state
   for at most ``LOCAL_STATE_SECONDS`` and the pages it served last. A hit on
   them costs no round trip at all, which is what brings a cached page from
   gunicorn close to the cost of a trivial view (bench/README.md). The price:
   another process learns of a publish up to one second later. The process that
   saved sees it at once (``bump_content_version`` forgets its copies), and a
   scheduled moment is seen by every process at the moment, because the local
   state is never used past its ``next_change``.

   In front of Django, ``CachedPageApplication`` (wrapped around the WSGI
   application in ``wsgi.py``) answers a request from those copies before Django
   builds a request object at all, but only for a request identical, in every
   WSGI variable that Django reads to build the page's key (scheme, forwarded
   scheme, host, script name, path and query string), to one that Django itself
   already answered with that page: it never decides anything Django did not
   decide first (the host was allowed, the path is public). Anything else, a
   cookie from the admin, or a copy past its second, goes to Django.

3. **HTTP headers** for browsers and shared caches (nginx, a CDN):
   ``Cache-Control: public, max-age=…, s-maxage=PUBLIC_CACHE_SECONDS,
   stale-while-revalidate=…`` with ``s-maxage`` cut short before the next
   scheduled change, and an ``ETag`` derived from the key and the version, so
   a conditional request is answered with 304 without rendering anything.

Races. The version is read before the page is rendered, so a page is only ever
stored under a version older than or equal to the content it shows. An editor's
save bumps the version at once and again when the transaction commits
(``transaction.on_commit``): a request that rendered the old rows while the
transaction was open stored them under a version no one asks for any more.

When a page cannot be rendered (a 5xx, typically the database being down), the
last stored copy of it is served instead, whatever its version, marked
``private, no-store``: public pages keep working through an outage.

What is not cached: anything but GET and HEAD, the admin (always ``private,
no-store``), URLs outside ``i18n_patterns`` (``/healthz``, the admin, static
files), requests that carry a session cookie (staff, previews: ``private,
no-store``), and responses whose view chose its own ``Cache-Control``, set a
cookie or vary on the cookie. Only 200 responses are stored server-side;
404 and permanent redirects get the public headers so a shared cache absorbs
floods of them, but are never stored here (random URLs must not fill Redis).
"""

from __future__ import annotations

import datetime
import hashlib
import http
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import DatabaseError, transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.urls import LocalePrefixPattern, get_resolver
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

VERSION_KEY = "content:version"
NEXT_CHANGE_KEY = "content:next"
PAGE_KEY_PREFIX = "page"

# Where scheduled publishing lives: (model, field) pairs; missing models or fields are skipped.
SCHEDULE_SOURCES = (
    ("phases.Phase", "publish_at"),
    ("phases.Phase", "unpublish_at"),
    ("phases.Milestone", "publish_at"),
    ("phases.Milestone", "unpublish_at"),
    ("phases.Organisation", "publish_at"),
    ("phases.Organisation", "unpublish_at"),
)

# Browsers revalidate sooner than shared caches: a revalidation that nginx answers
# with 304 costs nothing, and a reader who reloads sees a publish within seconds.
BROWSER_MAX_AGE_SECONDS = 10
STALE_WHILE_REVALIDATE_SECONDS = 30
# A page nobody asks for leaves the cache after this long.
PAGE_TIMEOUT_SECONDS = 60 * 60
# 404 and permanent redirects get public headers but are never stored server-side.
PUBLIC_STATUSES = frozenset({200, 301, 308, 404})
STORED_STATUSES = frozenset({200})
# Headers recomputed on every response rather than stored with the page.
UNSTORED_HEADERS = frozenset({"cache-control", "etag", "expires", "set-cookie", "date"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
# How long a process may trust its own copy of the content state before asking Redis again.
LOCAL_STATE_SECONDS = 1.0
# How many pages a process keeps its own copy of (about 11 KB each for the timeline).
LOCAL_PAGES_MAX = 512
# While the database is down, how soon to try computing the next scheduled change again.
RETRY_AFTER_OUTAGE = datetime.timedelta(seconds=15)


# --- Content state ---------------------------------------------------------------------


def bump_content_version() -> None:
    """Make every stored public page stale: call it whenever public content may have changed.

    Bumped now, so the next request in this process sees the change, and again
    when the surrounding transaction commits, so a page rendered from the old
    rows while the transaction was open is never served under the new version.
    """
    local_copies.forget()
    _bump_version()
    transaction.on_commit(_bump_version)
    transaction.on_commit(local_copies.forget)


def _bump_version() -> int:
    try:
        return shared_cache.incr(VERSION_KEY)
    except ValueError:
        # Never set, or evicted: start from the clock so the number has never been used.
        shared_cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        return shared_cache.get(VERSION_KEY)


@dataclass(frozen=True)
class ContentState:
    version: int
    next_change: datetime.datetime


# A stored page: the content version it was rendered under, status, headers, body.
StoredPage = tuple[int, int, list[tuple[str, str]], bytes]


class LocalCopies:
    """This process's copies of the content state and of the pages it served last.

    Shared by the threads of a gthread worker; every update replaces whole
    values, and the page table is emptied when full rather than kept in LRU
    order: a refill costs one Redis round trip per page.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        """Drop every copy: the next request asks the shared cache."""
        with self._lock:
            self._state: ContentState | None = None
            self._read_at = 0.0
            self._pages: dict[str, StoredPage] = {}
            # WSGI request variables -> page key, learnt from requests Django answered.
            self._keys: dict[tuple[str, ...], str] = {}

    def fresh_state(self, *, now: datetime.datetime) -> ContentState | None:
        """Return this process's copy of the content state while it may still be trusted."""
        state = self._state
        if (
            state is not None
            and monotonic() - self._read_at < LOCAL_STATE_SECONDS
            and now < state.next_change
        ):
            return state
        return None

    def read(
        self, *, now: datetime.datetime, page_key: str | None = None
    ) -> tuple[ContentState, StoredPage | None]:
        """Return the content state and the stored page, from this process when it may."""
        state = self.fresh_state(now=now)
        if state is not None:
            page = self._pages.get(page_key) if page_key is not None else None
            if page_key is None or (page is not None and page[0] == state.version):
                return state, page
        state, page = read_state_and_page(now=now, page_key=page_key)
        with self._lock:
            self._state, self._read_at = state, monotonic()
        if page is not None:
            self.keep(page_key, page)
        return state, page

    def keep(self, page_key: str, page: StoredPage) -> None:
        with self._lock:
            if len(self._pages) >= LOCAL_PAGES_MAX:
                self._pages = {}
            self._pages[page_key] = page

    def learn_key(self, environ: dict, page_key: str) -> None:
        """Remember that Django gave this WSGI request the page ``page_key``."""
        with self._lock:
            if len(self._keys) >= LOCAL_PAGES_MAX:
                self._keys = {}
            self._keys[wsgi_identity(environ)] = page_key

    def page_for(
        self, environ: dict, *, now: datetime.datetime
    ) -> tuple[str, ContentState, StoredPage] | None:
        """Return the key, state and page for a WSGI request Django answered before, if current."""
        key = self._keys.get(wsgi_identity(environ))
        if key is None:
            return None
        state = self.fresh_state(now=now)
        if state is None:
            return None
        page = self._pages.get(key)
        if page is None or page[0] != state.version:
            return None
        return key, state, page


# The WSGI variables Django builds a page's key and language from (build_absolute_uri).
WSGI_IDENTITY = (
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)


def wsgi_identity(environ: dict) -> tuple[str, ...]:
    return tuple(environ.get(name, "") for name in WSGI_IDENTITY)


def monotonic() -> float:
    """The clock of the local copies (a function, so tests can move it)."""
    return time.monotonic()


local_copies = LocalCopies()


def content_state(*, now: datetime.datetime) -> ContentState:
    """Return the content version and the next scheduled change, rebuilding them when due.

    From this process's copy while it may be trusted (the API's validators use it on
    every request), else from the shared cache.
    """
    return local_copies.read(now=now)[0]


def read_state_and_page(
    *, now: datetime.datetime, page_key: str | None
) -> tuple[ContentState, StoredPage | None]:
    """Return the content state and the stored page, read in one cache round trip."""
    keys = (
        [VERSION_KEY, NEXT_CHANGE_KEY]
        if page_key is None
        else [VERSION_KEY, NEXT_CHANGE_KEY, page_key]
    )
    values = shared_cache.get_many(keys)
    version = values.get(VERSION_KEY)
    stored_next = values.get(NEXT_CHANGE_KEY)
    page = values.get(page_key) if page_key is not None else None
    if version is None:
        version = _bump_version()
    if stored_next is not None and stored_next[0] == version:
        next_change = datetime.datetime.fromtimestamp(stored_next[1], tz=datetime.UTC)
        if now < next_change:
            return ContentState(version=version, next_change=next_change), page
        # A scheduled publish, unpublish or midnight has come: every page may differ.
        version = _bump_version()
    # Computed after reading the version: a save that commits after this query bumps
    # the version again, and the state computed here is then ignored as outdated.
    try:
        next_change = next_scheduled_change(now=now)
    except DatabaseError:
        # The database is down: look again shortly, and let stored pages be served meanwhile.
        return ContentState(version=version, next_change=now + RETRY_AFTER_OUTAGE), page
    shared_cache.set(NEXT_CHANGE_KEY, (version, next_change.timestamp()), timeout=None)
    return ContentState(version=version, next_change=next_change), page


def next_scheduled_change(
    *,
    now: datetime.datetime,
    sources: Iterable[tuple[str, str]] = SCHEDULE_SOURCES,
) -> datetime.datetime:
    """Return the next moment the public pages change by themselves after ``now``.

    That is the earliest future publish or unpublish time (one query, a UNION
    over the scheduled tables), or the next midnight in the site's time zone
    when that comes first: statuses are derived from today's date.
    """
    local = timezone.localtime(now)
    midnight = timezone.make_aware(
        datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min)
    )
    queries = []
    for label, field in sources:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if not any(f.name == field for f in model._meta.concrete_fields):
            continue
        # A plain QuerySet: modeltranslation's manager rewrites values() to every column.
        queries.append(
            QuerySet(model=model).filter(**{f"{field}__gt": now}).order_by().values(moment=F(field))
        )
    if not queries:
        return midnight
    first, *rest = queries
    combined = first.union(*rest, all=True) if rest else first
    row = combined.order_by("moment").first()
    if row is None or row["moment"] >= midnight:
        return midnight
    return row["moment"]


# --- Which requests are public -------------------------------------------------------------


def is_admin_path(path: str) -> bool:
    return path.startswith(f"/{settings.ADMIN_PATH}")


def is_i18n_path(request: HttpRequest) -> bool:
    """Return True when the path belongs to ``i18n_patterns`` (or to no pattern at all).

    The public pages are exactly the i18n pages; everything at the root of the
    URLconf (the health check, the admin) is not.
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
    """Return the cache key of this page: one per release, language and absolute URL.

    The content version is stored inside the value rather than in the key, so the
    state and the page are read together and a new version overwrites the old page.
    """
    url = request.build_absolute_uri()
    raw = f"{release()}|{language}|{url}"
    return f"{PAGE_KEY_PREFIX}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def page_etag(key: str, *, version: int) -> str:
    """Return the validator of the page at this content version."""
    return f'"{hashlib.blake2b(f"{key}|{version}".encode(), digest_size=12).hexdigest()}"'


def page_language(request: HttpRequest) -> str:
    """Return the page's language: from its path prefix, Bokmål when there is none."""
    from django.utils.translation import get_language_from_path

    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def etag_matches(request: HttpRequest, etag: str) -> bool:
    # META rather than request.headers, which builds a dict of every header: this is the hot path.
    return etag_matches_header(request.META.get("HTTP_IF_NONE_MATCH"), etag)


def etag_matches_header(header: str | None, etag: str) -> bool:
    """Return True when an If-None-Match header names ``etag``."""
    if not header:
        return False
    # Weak comparison (RFC 9110 §13.1.2): nginx weakens ETags when it compresses.
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in parse_etags(header))


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


# --- The Redis backend ------------------------------------------------------------------------


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool.

    Django builds a new ``redis.Redis`` object on every cache call (about 50 µs of
    CPU: it copies the table of response callbacks); a cache hit makes one call,
    so that was a fifth of the CPU time of a cached page. redis-py clients are
    thread-safe and their pools reconnect after a fork.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    """Django's built-in Redis cache backend with ``ReusedClientRedisCacheClient``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient


# --- The middleware ------------------------------------------------------------------------


class PublicPageCacheMiddleware:
    """Serve public pages from the shared cache and send HTTP caching headers.

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
        if has_session(request):
            # Staff, previews: may show drafts or per-user content.
            return make_private(self.get_response(request))

        now = timezone.now()
        key = page_key(request, language=page_language(request))
        state, stored = local_copies.read(now=now, page_key=key)
        etag = page_etag(key, version=state.version)
        cache_control = public_cache_control(now=now, next_change=state.next_change)

        if etag_matches(request, etag):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            not_modified["Cache-Control"] = cache_control
            return not_modified

        if stored is not None and stored[0] == state.version:
            _version, status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response["ETag"] = etag
            response["Cache-Control"] = cache_control
            local_copies.learn_key(request.META, key)
            return response

        response = self.get_response(request)
        if response.status_code >= 500 and stored is not None:
            # The page could not be rendered now (the database may be down): the
            # last good copy, even if an editor has changed something since, serves
            # the reader better than an error page (RFC 5861's stale-if-error, as
            # nginx's proxy_cache_use_stale does in front). Nobody may keep it.
            _version, status, headers, content = stored
            return make_private(HttpResponse(content, status=status, headers=headers))
        if not self.is_shareable(response):
            if response.cookies or "cookie" in response.get("Vary", "").lower():
                make_private(response)
            return response
        # LocaleMiddleware adds "Vary: Accept-Language" to every page without a
        # language prefix, yet with prefix_default_language=False it always picks
        # Bokmål for them (Django >= 4.2): the language comes from the path alone.
        # Left in place, the header would make nginx and CDNs keep one copy per
        # Accept-Language string browsers send, for identical pages.
        if "Vary" in response:
            vary = without_accept_language(response["Vary"])
            if vary:
                response["Vary"] = vary
            else:
                del response["Vary"]
        response["Cache-Control"] = cache_control
        if response.status_code in STORED_STATUSES:
            response["ETag"] = etag
            if request.method == "GET":
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in UNSTORED_HEADERS
                ]
                page = (state.version, response.status_code, headers, response.content)
                shared_cache.set(key, page, timeout=PAGE_TIMEOUT_SECONDS)
                local_copies.keep(key, page)
                local_copies.learn_key(request.META, key)
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


# --- In front of Django ----------------------------------------------------------------------


class CachedPageApplication:
    """A WSGI application that answers repeat requests for cached pages before Django runs.

    Only what ``PublicPageCacheMiddleware`` already served to an identical request
    (see ``LocalCopies.page_for``), only while this process's copy of the content
    state is current, and never to a request carrying the admin's session cookie.
    Everything else is passed to Django unchanged.
    """

    def __init__(self, application: Callable):
        self.application = application

    def __call__(self, environ: dict, start_response: Callable):
        if environ.get(
            "REQUEST_METHOD"
        ) not in SAFE_METHODS or settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
            return self.application(environ, start_response)
        now = timezone.now()
        found = local_copies.page_for(environ, now=now)
        if found is None:
            return self.application(environ, start_response)
        key, state, (version, status, headers, content) = found
        etag = page_etag(key, version=version)
        fresh = [
            ("ETag", etag),
            ("Cache-Control", public_cache_control(now=now, next_change=state.next_change)),
        ]
        if etag_matches_header(environ.get("HTTP_IF_NONE_MATCH"), etag):
            start_response("304 Not Modified", fresh)
            return [b""]
        start_response(f"{status} {http.HTTPStatus(status).phrase}", [*headers, *fresh])
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]
