"""Fault tests: the site under gunicorn while its own Redis or PostgreSQL is stopped or frozen.

The servers are throw-away ones started for this module (``bench/throwaway.py``:
free ports, temporary directories, never the shared 5432/6379), and gunicorn runs
the production settings on them with three workers. Each test breaks one thing,
checks what visitors get, and repairs it. Freezes are short here (a few
seconds); bench/faults.py holds them for 20 s under load.
"""

from __future__ import annotations

import os
import re
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.throwaway import Services, get, missing_tools

CACHED = ["/", "/nn/", "/en/", "/virksomheter/", "/tilgjengelighet/"]
FROZEN_CACHED_P99_SECONDS = 0.100
FROZEN_OTHERS_SECONDS = 3.0

missing = missing_tools()
pytestmark = pytest.mark.skipif(
    bool(missing) and not os.environ.get("CI"), reason=f"needs {', '.join(missing)}"
)


@pytest.fixture(scope="module")
def stack():
    with Services() as services:
        services.redis_server = services.redis()
        services.db = services.postgres()
        services.env = services.app_environment(
            services.db, services.redis_server, SECURE_COOKIES="0"
        )
        services.manage(services.env, "load_content", "--if-empty")
        services.app = services.gunicorn(services.env, workers=3)
        yield services


@pytest.fixture(autouse=True)
def _recovered_afterwards(stack):
    """Leave the server as the next test expects it, even when this test failed midway.

    After PostgreSQL was stopped or frozen, each worker may answer one 503 while it
    replaces its broken connection; the next test must not count that answer. The
    readiness probe asks the database on every call (a page would come from the cache),
    and 30 answers in a row reach every worker's threads.
    """
    yield
    deadline = time.monotonic() + 15
    in_a_row = 0
    while in_a_row < 30 and time.monotonic() < deadline:
        in_a_row = in_a_row + 1 if get(f"{stack.app.url}/readyz")[0] == 200 else 0
        time.sleep(0.02)


def timed_get(url: str, **kwargs) -> tuple[int, float, dict, bytes]:
    start = time.monotonic()
    status, headers, body = get(url, timeout=10, **kwargs)
    return status, time.monotonic() - start, headers, body


def warm(app, urls=CACHED) -> None:
    """Ask each page once per worker and then some, so every worker holds it."""
    for _ in range(6):
        for url in urls:
            assert get(f"{app.url}{url}")[0] == 200


def p99(durations: list[float]) -> float:
    ordered = sorted(durations)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def post_feedback(app, *, language: str = "") -> tuple[int, float, dict, bytes]:
    body = urllib.parse.urlencode({"answer": "yes", "comment": "", "page": f"{language}/"}).encode()
    request = urllib.request.Request(
        f"{app.url}{language}/tilbakemelding/", data=body, method="POST"
    )
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Accept", "application/json")
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                time.monotonic() - start,
                dict(response.headers),
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - start, dict(error.headers), error.read()


def feedback_rows(db) -> int:
    return db.query("SELECT COUNT(*) FROM feedback_feedback")[0][0]


def redis_keys(redis) -> int:
    import redis as redis_py

    return redis_py.Redis(port=redis.port, socket_timeout=1).dbsize()


def test_with_redis_stopped_every_public_page_answers_and_readiness_says_so(stack):
    app, redis = stack.app, stack.redis_server
    warm(app)
    redis.stop()
    try:
        for _ in range(3):
            for url in [*CACHED, "/endringer/", "/nn/virksomheter/?kind=kommune"]:
                assert get(f"{app.url}{url}")[0] == 200, url
        status, _headers, body = get(f"{app.url}/readyz")
        assert status == 200
        assert b'"cache": "down"' in body
    finally:
        redis.start()
    # The shared cache is used again within 5 s: pages rendered now are stored in it.
    back = time.monotonic()
    number = 0
    while redis_keys(redis) == 0 and time.monotonic() - back < 5:
        number += 1
        get(f"{app.url}/virksomheter/?q=tilbake{number}")
        time.sleep(0.1)
    assert redis_keys(redis) > 0
    assert b'"cache": "ok"' in get(f"{app.url}/readyz")[2]


def test_with_redis_down_at_startup_every_public_page_answers(stack):
    stack.redis_server.stop()
    try:
        app = stack.gunicorn(stack.env, workers=1, name="redis-down")
        for url in [*CACHED, "/endringer/"]:
            assert get(f"{app.url}{url}")[0] == 200, url
        app.stop()
    finally:
        stack.redis_server.start()


def test_with_redis_frozen_cached_pages_stay_fast_and_others_answer(stack):
    app, redis = stack.app, stack.redis_server
    warm(app)
    try:
        redis.freeze()  # inside: a failed freeze is still thawed
        durations = [timed_get(f"{app.url}{url}")[1] for _ in range(100) for url in CACHED]
        others = [timed_get(f"{app.url}/virksomheter/?q=frossen{n}") for n in range(5)]
    finally:
        redis.thaw()
    assert p99(durations) < FROZEN_CACHED_P99_SECONDS, sorted(durations)[-5:]
    assert all(status == 200 for status, *_ in others)
    assert max(seconds for _status, seconds, *_ in others) < FROZEN_OTHERS_SECONDS


def test_with_postgres_stopped_cached_pages_answer_and_the_rest_says_503(stack):
    app, db = stack.app, stack.db
    warm(app)
    rows = feedback_rows(db)
    db.stop()
    try:
        for url in CACHED:
            assert get(f"{app.url}{url}")[0] == 200, url
        status, _seconds, headers, body = timed_get(f"{app.url}/nn/endringer/")
        assert status == 503
        assert int(headers["Retry-After"]) > 0
        assert "Sida er mellombels utilgjengeleg" in body.decode()
        status, _seconds, headers, _body = timed_get(f"{app.url}/api/v1/phases/")
        assert status == 503
        assert "Retry-After" in headers
        status, _seconds, headers, _body = post_feedback(app, language="/en")
        assert status == 503
        assert "Retry-After" in headers
        assert get(f"{app.url}/readyz")[0] == 503
        assert get(f"{app.url}/healthz")[0] == 200
    finally:
        db.start()
    # Recovery without a restart: each worker's broken connection is replaced (each may
    # answer one 503 first), then the page is served again, every time.
    deadline = time.monotonic() + 10
    in_a_row = 0
    while in_a_row < 10 and time.monotonic() < deadline:
        in_a_row = in_a_row + 1 if get(f"{app.url}/nn/endringer/")[0] == 200 else 0
        time.sleep(0.05)
    assert in_a_row == 10
    assert feedback_rows(db) == rows


def test_with_postgres_frozen_cached_pages_stay_fast_and_nothing_unanswered_is_stored(stack):
    app, db = stack.app, stack.db
    warm(app)
    rows = feedback_rows(db)
    try:
        db.freeze()  # inside: a failed freeze is still thawed
        with ThreadPoolExecutor(max_workers=4) as pool:
            posts = [pool.submit(post_feedback, app) for _ in range(4)]
            # Enough requests that the one per worker which finds the database hung
            # (and waits for its timeout) stays above the 99th percentile.
            durations = [timed_get(f"{app.url}{url}")[1] for _ in range(100) for url in CACHED]
            uncached = timed_get(f"{app.url}/en/endringer/?x=1")
            answers = [post.result() for post in posts]
    finally:
        db.thaw()
    assert p99(durations) < FROZEN_CACHED_P99_SECONDS, sorted(durations)[-5:]
    assert uncached[0] == 503
    assert uncached[1] < FROZEN_OTHERS_SECONDS
    for status, seconds, *_ in answers:
        assert status in {200, 503}
        assert seconds < 2 * FROZEN_OTHERS_SECONDS
    time.sleep(1)  # let the thawed server finish whatever it had been sent
    accepted = sum(1 for status, *_ in answers if status == 200)
    assert feedback_rows(db) == rows + accepted


def login_attempt(app, token: str, password: str) -> int:
    body = urllib.parse.urlencode(
        {"username": "redaktor", "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{app.url}/admin/login/", data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    request.add_header("Cookie", f"csrftoken={token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_lockout_holds_at_exactly_five_across_workers_and_a_redis_restart(stack):
    app = stack.app
    stack.manage(
        {**stack.env, "DJANGO_SUPERUSER_PASSWORD": "riktig-passord-123"},
        "createsuperuser",
        "--noinput",
        "--username",
        "redaktor",
        "--email",
        "r@example.org",
    )
    _status, headers, _body = get(f"{app.url}/admin/login/")
    token = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    # One after another, as gunicorn spreads them over its three workers: the first
    # five get the form back, the sixth the lock-out page, and so does every later one.
    answers = [login_attempt(app, token, "feil") for _ in range(12)]
    assert answers == [200] * 5 + [429] * 7
    stack.redis_server.stop()
    stack.redis_server.start()
    # Neither the right password nor a restarted Redis lifts the lock-out.
    assert login_attempt(app, token, "riktig-passord-123") == 429
