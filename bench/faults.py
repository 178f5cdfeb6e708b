"""Benchmark the site while its dependencies fail: Redis and PostgreSQL stopped, then frozen.

    .venv/bin/python bench/faults.py                  # what `make bench` runs
    .venv/bin/python bench/faults.py --outage 5       # a quick look (targets still checked)
    .venv/bin/python bench/faults.py --long-postgres-outage 600   # issue #11's ten minutes

Starts its own Redis and PostgreSQL (``bench/throwaway.py``: free loopback ports,
temporary directories; the shared 5432/6379 are never touched), loads the
content, and runs gunicorn (deploy/gunicorn.conf.py, two workers) on them.
Under a steady, bounded load (cached pages from 4 threads, a page that is never
cached from one, a feedback submission every 250 ms) it then, in turn, stops
Redis, stops PostgreSQL, freezes Redis (SIGSTOP) and freezes PostgreSQL, each
for ``--outage`` seconds (20) with a quiet phase after each. It prints, per
phase, what was served and how fast, the time to recover, and compares the
feedback rows stored with the submissions that were answered with success.

With ``--long-postgres-outage 600`` it only stops PostgreSQL, for ten minutes,
under a lighter load, and prints the figures minute by minute: every cached page
must answer 200 throughout, feedback 503 with its message, and the site recover
without a restart.

Publish-to-visible across two servers is ``bench/consistency.py``.

Exits non-zero when a target of issue #11 is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import Services, get

CACHED = ["/", "/nn/", "/en/", "/virksomheter/", "/tilgjengelighet/", "/endringer/"]
CACHED_THREADS = 4
PAUSE_SECONDS = 0.01  # each load thread's pause between requests: a bounded load
MAX_CACHED_P99_MS = 100.0
MAX_OTHER_SECONDS = 3.0
MAX_REDIS_RECOVERY_SECONDS = 5.0
MAX_PUBLISH_SECONDS = 2.0


@dataclass
class Phase:
    name: str
    cached: list[float] = field(default_factory=list)
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    other_max: float = 0.0
    accepted: int = 0
    not_ok_pages: set[str] = field(default_factory=set)
    feedback_503_messages: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def count(self, kind: str, status: int) -> None:
        self.statuses[kind][status] += 1

    def five_xx(self, kind: str, *, allowed: frozenset[int] = frozenset()) -> int:
        return sum(n for s, n in self.statuses[kind].items() if s >= 500 and s not in allowed)

    def p99_ms(self) -> float:
        if not self.cached:
            return 0.0
        ordered = sorted(self.cached)
        return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


class Load:
    """Steady load on one server, recorded into the current phase."""

    def __init__(
        self,
        base: str,
        *,
        pages: list[str] = CACHED,
        threads: int = CACHED_THREADS,
        pause: float = PAUSE_SECONDS,
    ):
        self.base = base
        self.pages = pages
        self.pause = pause
        self.phase = Phase("warm-up")
        self.phases: list[Phase] = []  # the ones entered, in order (not the warm-up)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.cached_pages, args=(n,), daemon=True)
            for n in range(threads)
        ]
        self.threads.append(threading.Thread(target=self.uncached_pages, daemon=True))
        self.threads.append(threading.Thread(target=self.feedback, daemon=True))

    def enter(self, name: str, seconds: float) -> Phase:
        """Record what follows into a new phase, for ``seconds``; return it."""
        current = Phase(name)
        self.phase = current
        self.phases.append(current)
        time.sleep(seconds)
        return current

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def request(
        self, url: str, *, data: bytes | None = None, accept: str = "text/html"
    ) -> tuple[int, float]:
        status, _unavailable, seconds = self.answer(url, data=data, accept=accept)
        return status, seconds

    def answer(
        self, url: str, *, data: bytes | None = None, accept: str = "text/html"
    ) -> tuple[int, str | None, float]:
        """Return the status, a 503's message and Retry-After ("message|seconds"), and the time."""
        request = urllib.request.Request(f"{self.base}{url}", data=data, headers={"Accept": accept})
        start = time.monotonic()
        unavailable = None
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            body = error.read()
            if status == 503 and accept == "application/json":
                try:
                    message = json.loads(body).get("message", "")
                except ValueError:
                    message = ""
                unavailable = f"{message}|Retry-After {error.headers.get('Retry-After')}"
        except OSError:
            status = 599  # no answer at all within 10 s
        return status, unavailable, time.monotonic() - start

    def cached_pages(self, offset: int) -> None:
        n = offset
        while not self.stopping.is_set():
            url = self.pages[n % len(self.pages)]
            status, seconds = self.request(url)
            n += 1
            phase = self.phase
            with self.lock:
                phase.cached.append(seconds)
                phase.count("cached", status)
                if status != 200:
                    phase.not_ok_pages.add(url)
            time.sleep(self.pause)

    def uncached_pages(self) -> None:
        n = 0
        while not self.stopping.is_set():
            n += 1
            status, seconds = self.request(f"/virksomheter/?q=side{n}")
            phase = self.phase
            with self.lock:
                phase.count("uncached", status)
                phase.other_max = max(phase.other_max, seconds)
            time.sleep(0.1)

    def feedback(self) -> None:
        body = urllib.parse.urlencode({"answer": "yes", "comment": "", "page": "/"}).encode()
        while not self.stopping.is_set():
            status, unavailable, seconds = self.answer(
                "/tilbakemelding/", data=body, accept="application/json"
            )
            phase = self.phase
            with self.lock:
                phase.count("feedback", status)
                phase.other_max = max(phase.other_max, seconds)
                if status == 200:
                    phase.accepted += 1
                if unavailable is not None:
                    phase.feedback_503_messages[unavailable] += 1
            time.sleep(0.25)


def wait_for_200(url: str, *, seconds: float) -> float | None:
    """Return how long until ``url`` answers 200, or None when it does not within ``seconds``."""
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        n += 1
        if get(f"{url}{'&' if '?' in url else '?'}q=r{n}", timeout=5)[0] == 200:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def redis_used_again(services: Services, redis, base: str, *, seconds: float) -> float | None:
    """Return how long until pages rendered now are stored in Redis again."""
    import redis as redis_py

    client = redis_py.Redis(port=redis.port, socket_timeout=1)
    start = time.monotonic()
    before = client.dbsize()
    n = 0
    while time.monotonic() - start < seconds:
        n += 1
        get(f"{base}/virksomheter/?q=tilbake{n}", timeout=5)
        if client.dbsize() > before:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def feedback_rows(db) -> int:
    return db.query("SELECT COUNT(*) FROM feedback_feedback")[0][0]


def run_faults(services: Services, redis, db, app, *, outage: float, quiet: float) -> list[str]:
    misses: list[str] = []
    load = Load(app.url)
    for url in CACHED:
        get(f"{app.url}{url}")
    rows_before = feedback_rows(db)
    load.start()
    phases = load.phases
    recoveries: dict[str, float | None] = {}
    phase = load.enter

    phase("before", quiet)
    redis.stop()
    phase("Redis stopped", outage)
    redis.start()
    recoveries["Redis stopped"] = redis_used_again(services, redis, app.url, seconds=15)
    phase("after Redis", quiet)
    db.stop()
    phase("PostgreSQL stopped", outage)
    db.start()
    recoveries["PostgreSQL stopped"] = wait_for_200(f"{app.url}/en/virksomheter/", seconds=15)
    phase("after PostgreSQL", quiet)
    redis.freeze()
    phase("Redis frozen", outage)
    redis.thaw()
    recoveries["Redis frozen"] = redis_used_again(services, redis, app.url, seconds=15)
    phase("after Redis thawed", quiet)
    db.freeze()
    phase("PostgreSQL frozen", outage)
    db.thaw()
    recoveries["PostgreSQL frozen"] = wait_for_200(f"{app.url}/en/virksomheter/", seconds=15)
    phase("after PostgreSQL thawed", quiet)
    load.stop()
    time.sleep(1)  # the thawed database finishes what it had been sent

    print(
        f"\nFaults under load through gunicorn ({outage:.0f} s each; cached pages from "
        f"{CACHED_THREADS} threads, an uncached page every 0.1 s, feedback every 0.25 s)\n"
    )
    print(
        f"{'phase':<24} {'cached 2xx':>10} {'5xx':>5} {'p99 ms':>7} {'uncached 200/503/other':>23} "
        f"{'feedback ok/503/other':>22} {'slowest other s':>15}"
    )
    for p in phases:
        cached = p.statuses["cached"]
        ok = sum(n for s, n in cached.items() if s < 400)
        uncached, feedback = p.statuses["uncached"], p.statuses["feedback"]

        def split(counts):
            other = sum(n for s, n in counts.items() if s not in {200, 503})
            return f"{counts.get(200, 0)}/{counts.get(503, 0)}/{other}"

        print(
            f"{p.name:<24} {ok:>10} {p.five_xx('cached'):>5} {p.p99_ms():>7.1f} "
            f"{split(uncached):>23} {split(feedback):>22} {p.other_max:>15.2f}"
        )
        if p.five_xx("cached"):
            misses.append(f"{p.name}: {p.five_xx('cached')} × 5xx on cached public pages")
        if sum(n for s, n in uncached.items() if s not in {200, 503}) or sum(
            n for s, n in feedback.items() if s not in {200, 503}
        ):
            misses.append(f"{p.name}: an answer other than 200 or 503")
        if "Redis" in p.name and "after" not in p.name and p.five_xx("uncached"):
            misses.append(f"{p.name}: {p.five_xx('uncached')} × 5xx on pages not cached")
        if "frozen" in p.name:
            if p.p99_ms() > MAX_CACHED_P99_MS:
                misses.append(f"{p.name}: cached p99 {p.p99_ms():.0f} ms > {MAX_CACHED_P99_MS:.0f}")
            if p.other_max > MAX_OTHER_SECONDS:
                misses.append(
                    f"{p.name}: an answer took {p.other_max:.1f} s > {MAX_OTHER_SECONDS:.0f}"
                )
    print()
    for name, seconds in recoveries.items():
        shown = "no recovery within 15 s" if seconds is None else f"{seconds:.2f} s"
        print(f"recovery after {name:<20} {shown}")
        if seconds is None or ("Redis" in name and seconds > MAX_REDIS_RECOVERY_SECONDS):
            misses.append(f"recovery after {name}: {shown}")
    accepted = sum(p.accepted for p in phases)
    stored = feedback_rows(db) - rows_before
    print(f"feedback answered with success: {accepted}, rows stored: {stored}")
    if stored != accepted:
        misses.append(f"feedback: {stored} rows stored for {accepted} successful answers")
    return misses


# The long outage's load: lighter than the 20 s faults' (it runs for 10 minutes on
# a machine shared with others), but every cached page is asked for every few seconds.
LONG_CACHED_THREADS = 2
LONG_PAUSE_SECONDS = 0.1
MIN_LONG_OUTAGE_SECONDS = 600.0


def public_pages(base: str) -> list[str]:
    """Return the cached load's pages plus every phase page the timeline links to."""
    _status, _headers, body = get(f"{base}/")
    phases = sorted(set(re.findall(r'href="(/fase/[a-z0-9-]+/)"', body.decode())))
    return [*CACHED, *phases]


def run_long_postgres_outage(db, app, *, outage: float, quiet: float) -> list[str]:
    """Stop PostgreSQL for ``outage`` seconds under load; print the figures minute by minute."""
    misses: list[str] = []
    pages = public_pages(app.url)
    for url in pages:
        if get(f"{app.url}{url}")[0] != 200:
            misses.append(f"warm-up: {url} did not answer 200")
    load = Load(app.url, pages=pages, threads=LONG_CACHED_THREADS, pause=LONG_PAUSE_SECONDS)
    rows_before = feedback_rows(db)
    load.start()
    phases = load.phases
    phase = load.enter

    phase("before", quiet)
    db.stop()
    stopped = time.monotonic()
    minute = 0
    while (left := outage - (time.monotonic() - stopped)) > 0:
        minute += 1
        phase(f"PostgreSQL down, min {minute}", min(60.0, left))
    down_for = time.monotonic() - stopped
    db.start()
    recovery = wait_for_200(f"{app.url}/en/virksomheter/", seconds=30)
    phase("after PostgreSQL", quiet)
    load.stop()
    time.sleep(1)

    print(
        f"\nPostgreSQL stopped for {down_for:.0f} s under load through gunicorn "
        f"({len(pages)} cached pages from {LONG_CACHED_THREADS} threads with a "
        f"{LONG_PAUSE_SECONDS:.1f} s pause, an uncached page every 0.1 s, feedback every 0.25 s)\n"
    )
    print(
        f"{'phase':<26} {'cached 200':>10} {'not 200':>8} {'p99 ms':>7} "
        f"{'uncached 200/503/other':>23} {'feedback ok/503/other':>22} {'slowest other s':>15}"
    )
    for p in phases:
        cached, uncached, feedback = (p.statuses[k] for k in ("cached", "uncached", "feedback"))
        not_ok = sum(n for s, n in cached.items() if s != 200)

        def split(counts):
            other = sum(n for s, n in counts.items() if s not in {200, 503})
            return f"{counts.get(200, 0)}/{counts.get(503, 0)}/{other}"

        print(
            f"{p.name:<26} {cached.get(200, 0):>10} {not_ok:>8} {p.p99_ms():>7.1f} "
            f"{split(uncached):>23} {split(feedback):>22} {p.other_max:>15.2f}"
        )
        if not_ok:
            misses.append(f"{p.name}: {not_ok} cached answers not 200 ({sorted(p.not_ok_pages)})")
        if "down" in p.name:
            if feedback.get(200, 0) or sum(n for s, n in feedback.items() if s != 503):
                misses.append(f"{p.name}: feedback answered other than 503 ({dict(feedback)})")
            if sum(n for s, n in uncached.items() if s != 503):
                misses.append(f"{p.name}: an uncached page answered other than 503")
    messages: dict[str, int] = defaultdict(int)
    for p in phases:
        for message, n in p.feedback_503_messages.items():
            messages[message] += n
    print("\nfeedback 503 answers (message | Retry-After):")
    for message, n in sorted(messages.items()):
        print(f"  {n:>5} × {message}")
        if message.startswith("|") or message.endswith("None"):
            misses.append(f"feedback 503 without its message or Retry-After: {message!r}")
    shown = "no recovery within 30 s" if recovery is None else f"{recovery:.2f} s"
    print(f"recovery after PostgreSQL returned (no restart): {shown}")
    if recovery is None:
        misses.append("no recovery within 30 s of PostgreSQL returning")
    accepted = sum(p.accepted for p in phases)
    stored = feedback_rows(db) - rows_before
    print(f"feedback answered with success: {accepted}, rows stored: {stored}")
    if stored != accepted:
        misses.append(f"feedback: {stored} rows stored for {accepted} successful answers")
    if down_for < MIN_LONG_OUTAGE_SECONDS:
        print(f"(a shorter outage than the target's {MIN_LONG_OUTAGE_SECONDS:.0f} s: a trial run)")
    return misses


def long_postgres_outage(outage: float, *, quiet: float) -> int:
    with Services() as services:
        redis, db = services.redis(), services.postgres()
        env = services.app_environment(
            db, redis, FEEDBACK_RATE_LIMIT="100000", FEEDBACK_ADDRESS_RATE_LIMIT="100000"
        )
        services.manage(env, "load_content", "--if-empty")
        app = services.gunicorn(env, workers=2)
        misses = run_long_postgres_outage(db, app, outage=outage, quiet=quiet)
    return report(misses)


def report(misses: list[str]) -> int:
    if misses:
        print("\nMISSED: " + "; ".join(misses))
        return 1
    print("\nAll targets met.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outage", type=float, default=20.0, help="seconds each fault lasts")
    parser.add_argument("--quiet", type=float, default=8.0, help="seconds before and after each")
    parser.add_argument(
        "--long-postgres-outage",
        type=float,
        metavar="SECONDS",
        help="only stop PostgreSQL, for this long (600: issue #11's ten minutes), under a "
        "lighter load, and check every cached page answers 200 the whole time",
    )
    args = parser.parse_args(argv)
    if args.long_postgres_outage:
        return long_postgres_outage(args.long_postgres_outage, quiet=args.quiet)
    with Services() as services:
        redis, db = services.redis(), services.postgres()
        # Enough feedback per client for the whole run: the load comes from one address.
        env = services.app_environment(
            db, redis, FEEDBACK_RATE_LIMIT="100000", FEEDBACK_ADDRESS_RATE_LIMIT="100000"
        )
        services.manage(env, "load_content", "--if-empty")
        app = services.gunicorn(env, workers=2)
        misses = run_faults(services, redis, db, app, outage=args.outage, quiet=args.quiet)
        app.stop()
    return report(misses)


if __name__ == "__main__":
    sys.exit(main())
