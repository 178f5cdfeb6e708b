"""Benchmark the feedback box: submissions per second through gunicorn on PostgreSQL, and the scrubber.

    .venv/bin/python bench/feedback.py [--rounds 3] [--seconds 10] [--rate 300] [--concurrency 32]

What it does, and undoes:

1. creates the PostgreSQL database ``hp_bench`` if it is missing and migrates it;
2. starts the production server as ``make serve`` does (gunicorn with
   deploy/gunicorn.conf.py, DEBUG off, Redis as the shared cache) on a free
   loopback port;
3. sends feedback POSTs from 32 concurrent keep-alive connections (threads with
   http.client): mixed answers and pages, comments with and without personal
   data, as the widget's script sends them (``Accept: application/json``,
   same-origin headers), in interleaved rounds of two runs: as fast as the
   server answers (its capacity), and at a steady ``--rate`` (the latency a
   visitor sees at that load, counted from when each submission was due). Each
   run stops after ``--requests`` submissions or ``--seconds`` seconds. The rate
   limit is set out of the way (every request comes from 127.0.0.1, and
   X-Forwarded-For is not trusted);
4. prints submissions/s and the p50/p99 latency per round and their medians,
   checks that the database holds the submissions and none of the raw personal
   data, and measures the scrubber on its own (comments/s and µs per comment,
   in this process), then the load average, since neighbours skew latencies;
5. stops the server it started, also on Ctrl-C or SIGTERM.

Target on a 2-core machine: ≥ 300 submissions/s with p99 < 100 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIN = ROOT / ".venv" / "bin"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hp_bench"
CACHE_URL = "redis://127.0.0.1:6379/14"

FNR = "24128510180"  # synthetic: 24 Dec 1985, valid check digits
PERSONAL = [
    f"Fant ikke timen min. Fnr {FNR}, ring meg på 912 34 567",
    "Skriv til kari.nordmann@example.no eller kari (at) example.no",
    "Mitt nummer er +47 412 34 567, mvh. Kari Nordmann",
    "Refusjon til 1234.56.78903 takk",
]
RAW = [FNR, "912 34 567", "kari.nordmann@example.no", "412 34 567", "1234.56.78903"]
ORDINARY = [
    "",
    "",
    "Fant ikke når St. Olavs hospital tok i bruk Helseplattformen.",
    "Hvor finner jeg oversikten for Helse Møre og Romsdal 2024–2025?",
    "Tidslinjen var nyttig, men datoene for kommunene mangler.",
    "Savner informasjon om fastlegene i Trondheim kommune (versjon 2.1, 45 % ferdig).",
]
PAGES = ["/", "/endringer/", "/virksomheter/", "/nn/", "/en/", "/tilgjengelighet/"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = 'hp_bench'"
        ).fetchone()
        if not exists:
            connection.execute("CREATE DATABASE hp_bench")
            print("created database hp_bench")


def database_rows() -> tuple[int, int]:
    """Return (feedback rows, rows still holding raw personal data) in the bench database."""
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        total = connection.execute("SELECT count(*) FROM feedback_feedback").fetchone()[0]
        leaks = 0
        for raw in RAW:
            leaks += connection.execute(
                "SELECT count(*) FROM feedback_feedback WHERE comment LIKE %s", [f"%{raw}%"]
            ).fetchone()[0]
        return total, leaks


def empty_feedback_table() -> None:
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute("DELETE FROM feedback_feedback")


def server_environment(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PORT": str(port),
        "FEEDBACK_RATE_LIMIT": "1000000000",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }


def wait_until_up(port: int, server: subprocess.Popen, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see its log above.")
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 30 s.")


def make_body(rng: random.Random) -> tuple[str, bytes]:
    page = rng.choice(PAGES)
    url = "/tilbakemelding/"
    if page.startswith(("/nn/", "/en/")):
        url = page[:4] + "tilbakemelding/"
    comment = rng.choice(PERSONAL) if rng.random() < 0.3 else rng.choice(ORDINARY)
    answer = "no" if rng.random() < 0.4 else "yes"
    body = {"answer": answer, "comment": comment, "page": page, "website": ""}
    return url, urllib.parse.urlencode(body).encode()


def load(
    port: int, *, requests: int, seconds: float, concurrency: int, rate: float | None = None
) -> dict[str, object]:
    """Send at most ``requests`` submissions in at most ``seconds``; return the measurements.

    Without ``rate``, every connection sends its next submission as soon as the last
    one is answered (closed loop: the capacity). With ``rate``, submission number n
    is due at n / rate seconds and latency is counted from when it was due, so a
    slow server cannot hide its queue by slowing the generator down (open loop, no
    coordinated omission).
    """
    tickets = itertools.count()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "Accept": "application/json",
        "Origin": f"http://127.0.0.1:{port}",
        "Sec-Fetch-Site": "same-origin",
        "Host": f"127.0.0.1:{port}",
    }
    begin = time.perf_counter()
    deadline = begin + seconds

    def worker(number: int) -> None:
        rng = random.Random(number)
        connection = HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        while (ticket := next(tickets)) < requests and time.perf_counter() < deadline:
            url, body = make_body(rng)
            started = time.perf_counter()
            if rate is not None:
                due = begin + ticket / rate
                if due > started:
                    time.sleep(due - started)
                started = due
            try:
                connection.request("POST", url, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = str(response.status)
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except OSError as error:
                status = type(error).__name__
                connection.close()
            mine.append(time.perf_counter() - started)
            if status != "200":
                with lock:
                    errors[status] = errors.get(status, 0) + 1
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    latencies.sort()
    return {"elapsed": elapsed, "latencies": latencies, "errors": errors}


def percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def bench_scrubber(seconds: float = 3.0) -> None:
    from feedback.scrubber import scrub

    corpus = PERSONAL + [text for text in ORDINARY if text] * 2
    for text in corpus:  # warm the regular expressions
        scrub(text)
    timings: list[float] = []
    characters = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for text in corpus:
            started = time.perf_counter()
            scrub(text)
            timings.append(time.perf_counter() - started)
            characters += len(text)
    total = sum(timings)
    adversarial = "1 2 3 4 5 6 7 8 9 0 " * 50 + "@" * 100 + "a.a." * 100
    started = time.perf_counter()
    scrub(adversarial[:1000])
    worst = time.perf_counter() - started
    print("Scrubber (this process, one core)")
    print(f"  comments/s:               {len(timings) / total:,.0f}")
    print(f"  median per comment:       {statistics.median(timings) * 1e6:,.0f} µs")
    print(f"  p99 per comment:          {percentile(sorted(timings), 0.99) * 1e6:,.0f} µs")
    print(f"  characters/s:             {characters / total:,.0f}")
    print(f"  1,000-char adversarial:   {worst * 1e3:,.1f} ms")


def rate_of(result: dict[str, object]) -> float:
    return len(result["latencies"]) / result["elapsed"]


def summary(result: dict[str, object]) -> str:
    latencies = result["latencies"]
    errors = result["errors"]
    return (
        f"{rate_of(result):6,.0f} submissions/s   p50 {percentile(latencies, 0.5) * 1e3:6.1f} ms"
        f"   p99 {percentile(latencies, 0.99) * 1e3:6.1f} ms   errors {errors or 0}"
    )


def median_summary(results: list[dict[str, object]]) -> str:
    rate = statistics.median(rate_of(r) for r in results)
    p50 = statistics.median(percentile(r["latencies"], 0.5) for r in results)
    p99 = statistics.median(percentile(r["latencies"], 0.99) for r in results)
    return f"{rate:6,.0f} submissions/s   p50 {p50 * 1e3:6.1f} ms   p99 {p99 * 1e3:6.1f} ms"


def stop(server: subprocess.Popen) -> None:
    """Stop the gunicorn master we started (it stops its own workers)."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=35)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the two runs (median)")
    parser.add_argument("--seconds", type=float, default=10, help="longest time for each run")
    parser.add_argument("--requests", type=int, default=6000, help="most submissions per run")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent connections")
    parser.add_argument(
        "--rate", type=float, default=300, help="submissions/s for the steady-load latency run"
    )
    args = parser.parse_args()
    # SIGTERM unwinds like Ctrl-C, through the finally that stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    ensure_database()
    port = free_port()
    env = server_environment(port)
    subprocess.run(
        [str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    empty_feedback_table()
    load_before = os.getloadavg()[0]

    capacity: list[dict[str, object]] = []
    steady: list[dict[str, object]] = []
    with tempfile.NamedTemporaryFile(
        prefix="hp-bench-gunicorn-", suffix=".log", delete=False
    ) as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "helseplattform.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server)
            load(port, requests=300, seconds=10, concurrency=args.concurrency)  # warm-up
            # Interleaved, so a change in machine load hits both kinds of run alike.
            for _ in range(args.rounds):
                capacity.append(
                    load(
                        port,
                        requests=args.requests,
                        seconds=args.seconds,
                        concurrency=args.concurrency,
                    )
                )
                steady.append(
                    load(
                        port,
                        requests=int(args.rate * args.seconds),
                        seconds=args.seconds + 5,
                        concurrency=args.concurrency,
                        rate=args.rate,
                    )
                )
        finally:
            stop(server)

    rows, leaks = database_rows()
    setup = f"gunicorn, PostgreSQL, Redis; {os.cpu_count()} cores, {args.concurrency} connections"
    print(f"Feedback submissions ({setup}; {args.rounds} interleaved rounds of {args.seconds:g} s)")
    for number, (fast, even) in enumerate(zip(capacity, steady, strict=True), start=1):
        print(f"  round {number}  {'as fast as answered':<22}{summary(fast)}")
        print(f"  round {number}  {f'steady {args.rate:g}/s':<22}{summary(even)}")
    print("Medians over the rounds:")
    print(f"  {'as fast as answered':<31}{median_summary(capacity)}")
    print(f"  {f'steady {args.rate:g}/s':<31}{median_summary(steady)}")
    print(
        f"  errors:                   {sum(len(r['errors']) for r in capacity + steady) or 'none'}"
    )
    print(f"  rows stored:              {rows:,} (warm-up included)")
    print(f"  rows with raw personal data: {leaks}")
    print(f"  server log:               {log.name}")
    bench_scrubber()
    print(
        f"Load average (1 min) before/after: {load_before:.1f} / {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores (other work on the machine skews the latencies)"
    )
    if leaks:
        raise SystemExit("Raw personal data reached the database.")


if __name__ == "__main__":
    main()
