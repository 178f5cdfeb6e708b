"""Two instances behind one nginx: kill one under load, lose no GET, resend no POST, bring it back.

    .venv/bin/python bench/instances.py                  # 40 s: kill at 8 s, restart at 16 s
    .venv/bin/python bench/instances.py --seconds 30 --kill-at 5 --restart-at 10

Starts, on 127.0.0.1 only: two gunicorn servers (A and B, deploy/gunicorn.conf.py,
DEBUG off, each WEB_CONCURRENCY=2) on PostgreSQL (database ``hp_bench_instances``)
and Redis (database 12, flushed), and one nginx running a copy of deploy/nginx.conf
whose upstream lists both (``render_nginx_conf`` of bench/run.py; nginx's defaults
otherwise: ``proxy_next_upstream error timeout``, ``max_fails=1 fail_timeout=10s``)
and which also logs, per request, which upstream(s) answered it.

Then, for ``--seconds``: 8 threads send GETs of public pages through nginx with a
session cookie, so the page cache is bypassed and every GET reaches an instance;
one thread sends a feedback POST every 50 ms. At ``--kill-at`` instance B is killed
with SIGKILL (master and workers: a crash, not a graceful stop); at ``--restart-at``
it is started again on the same port.

It prints the GETs and POSTs by outcome, the requests nginx passed on to the other
instance, the requests per second that each instance answered (so you see B's
traffic go and come back), and the feedback rows stored. It exits 1 unless: no GET
failed; B answered requests after its restart; every POST answered 200 was stored
exactly once, and no POST was stored more often than it was answered or failed (a
POST nginx had already sent to B is never resent to A: when B dies with it, the
visitor gets 502 and the feedback may or may not have been stored, README
"Several instances").
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as stack_tools  # bench/run.py: how the stack is started and stopped

DATABASE = "hp_bench_instances"
CACHE_URL = "redis://127.0.0.1:6379/12"
GET_THREADS = 8
POST_INTERVAL = 0.05
MAX_REQUESTS = 400_000  # a bound on the load whatever the duration
PAGES = ["/", "/endringer/", "/virksomheter/", "/nn/", "/en/", "/tilgjengelighet/"]


def start_instance(stack: stack_tools.Stack, env: dict[str, str], *, name: str, port: int):
    process = stack.start(
        [str(stack_tools.GUNICORN), "--config", "deploy/gunicorn.conf.py", "helseplattform.wsgi"],
        env={**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        log=f"gunicorn-{name}.log",
    )
    stack_tools.wait_for(f"http://127.0.0.1:{port}/healthz", seconds=60, processes=[process])
    return process


def start_nginx(stack: stack_tools.Stack, *, ports: dict[str, int]) -> tuple[int, Path]:
    directory = stack.directory
    listen = stack_tools.free_port()
    upstreams = directory / "upstreams.log"
    # Both instances in the one `server` line's place; a second access log says which
    # upstream(s) answered each request (several when nginx passed it on).
    servers = ";\n        server ".join(f"127.0.0.1:{port}" for port in ports.values())
    extra = (
        stack_tools.temp_paths(directory)
        + "    log_format upstreams '$msec $request_method $status \"$upstream_addr\"';\n"
        + f"    access_log {upstreams} upstreams;\n"
    )
    conf = stack_tools.render_nginx_conf(
        stack_tools.NGINX_CONF.read_text(),
        upstream=servers,
        listen=f"127.0.0.1:{listen}",
        cache_dir=directory / "nginx-cache",
        extra_http=extra,
    )
    conf_path = directory / "nginx.conf"
    conf_path.write_text(conf)
    directory.chmod(0o755)
    args = ["nginx", "-p", str(directory), "-c", str(conf_path), "-e", "stderr"]
    globals_ = f"daemon off; pid {directory / 'nginx.pid'};"
    subprocess.run([*args, "-g", globals_, "-t", "-q"], check=True, timeout=30)
    process = stack.start([*args, "-g", globals_], env=dict(os.environ), log="nginx.log")
    stack_tools.wait_for(f"http://127.0.0.1:{listen}/healthz", seconds=10, processes=[process])
    return listen, upstreams


class Load:
    """GETs from several threads and feedback POSTs from one, until told to stop."""

    def __init__(self, port: int):
        self.port = port
        self.stop = threading.Event()
        self.tickets = itertools.count()
        self.lock = threading.Lock()
        self.gets: Counter[str] = Counter()
        self.posts: Counter[str] = Counter()

    def connection(self) -> HTTPConnection:
        return HTTPConnection("127.0.0.1", self.port, timeout=10)

    def send(self, connection, method, url, body=None, headers=None) -> tuple[str, HTTPConnection]:
        try:
            connection.request(method, url, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            return str(response.status), connection
        except OSError as error:
            connection.close()
            return type(error).__name__, self.connection()

    def get_loop(self, number: int) -> None:
        rng = random.Random(number)
        connection = self.connection()
        # A session cookie: nginx neither serves nor stores a cached page (deploy/nginx.conf).
        headers = {"Cookie": "sessionid=bench-instances", "Host": f"127.0.0.1:{self.port}"}
        while not self.stop.is_set() and next(self.tickets) < MAX_REQUESTS:
            status, connection = self.send(connection, "GET", rng.choice(PAGES), headers=headers)
            with self.lock:
                self.gets[status] += 1

    def post_loop(self) -> None:
        connection = self.connection()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            "Accept": "application/json",
            "Origin": f"http://127.0.0.1:{self.port}",
            "Sec-Fetch-Site": "same-origin",
            "Host": f"127.0.0.1:{self.port}",
        }
        for number in itertools.count():
            if self.stop.is_set() or number >= MAX_REQUESTS:
                break
            body = urllib.parse.urlencode(
                {"answer": "yes", "comment": f"Innlegg {number}", "page": "/", "website": ""}
            )
            status, connection = self.send(
                connection, "POST", "/tilbakemelding/", body=body, headers=headers
            )
            self.posts[status] += 1
            self.stop.wait(POST_INTERVAL)


def feedback_rows() -> Counter[str]:
    """Return how often each comment is stored in the benchmark's database."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as db:
        return Counter(row[0] for row in db.execute("SELECT comment FROM feedback_feedback"))


def empty_feedback() -> None:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as db:
        db.execute("DELETE FROM feedback_feedback")


def per_second(upstreams: Path, *, begin: float, ports: dict[str, int]) -> list[dict[str, int]]:
    """Return, for each second of the run, how many requests each instance answered."""
    names = {f"127.0.0.1:{port}": name for name, port in ports.items()}
    seconds: list[dict[str, int]] = []
    for line in upstreams.read_text().splitlines():
        stamp, _method, _status, addresses = line.split(" ", 3)
        second = int(float(stamp) - begin)
        if second < 0:
            continue
        while len(seconds) <= second:
            seconds.append(dict.fromkeys(ports, 0))
        # The last address is the one that answered.
        last = addresses.strip('"').split(", ")[-1]
        if last in names:
            seconds[second][names[last]] += 1
    return seconds


def passed_on(upstreams: Path, *, begin: float) -> Counter[str]:
    """Return by method the requests nginx passed on to the other instance."""
    counts: Counter[str] = Counter()
    for line in upstreams.read_text().splitlines():
        stamp, method, _status, addresses = line.split(" ", 3)
        if float(stamp) >= begin and "," in addresses:
            counts[method] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--kill-at", type=float, default=8)
    parser.add_argument("--restart-at", type=float, default=16)
    args = parser.parse_args(argv)
    if not 0 < args.kill_at < args.restart_at < args.seconds:
        parser.error("need 0 < --kill-at < --restart-at < --seconds")
    stack_tools.require_tools("nginx", "redis-cli")

    directory = Path(tempfile.mkdtemp(prefix="hp-bench-instances-"))
    stack = stack_tools.Stack(directory)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        env = {
            **stack_tools.app_environment(directory),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
            "CACHE_URL": CACHE_URL,
            "FEEDBACK_RATE_LIMIT": "1000000000",
            "FEEDBACK_ADDRESS_RATE_LIMIT": "1000000000",
        }
        print(f"Preparing PostgreSQL database {DATABASE} and static files …", flush=True)
        stack_tools.prepare_database(env, database=DATABASE)
        empty_feedback()
        ports = {"A": stack_tools.free_port(), "B": stack_tools.free_port()}
        instances = {
            name: start_instance(stack, env, name=name, port=port) for name, port in ports.items()
        }
        proxy, upstreams = start_nginx(stack, ports=ports)
        return measure(
            stack, env, args, ports=ports, instances=instances, proxy=proxy, upstreams=upstreams
        )
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        stack.stop()
        shutil.rmtree(directory, ignore_errors=True)


def measure(stack, env, args, *, ports, instances, proxy, upstreams) -> int:
    load = Load(proxy)
    threads = [threading.Thread(target=load.get_loop, args=(n,)) for n in range(GET_THREADS)]
    threads.append(threading.Thread(target=load.post_loop))
    print(
        f"{args.seconds:.0f} s of load through nginx on two instances: {GET_THREADS} GET threads "
        f"(cache bypassed), one POST every {POST_INTERVAL * 1000:.0f} ms; "
        f"B killed (SIGKILL) at {args.kill_at:.0f} s, started again at {args.restart_at:.0f} s",
        flush=True,
    )
    begin = time.time()
    for thread in threads:
        thread.start()
    time.sleep(args.kill_at)
    os.killpg(instances["B"].pid, signal.SIGKILL)
    instances["B"].wait()
    killed = time.time() - begin
    time.sleep(max(0.0, args.restart_at - (time.time() - begin)))
    restarted = time.time() - begin
    start_instance(stack, env, name="B-again", port=ports["B"])
    up_again = time.time() - begin
    time.sleep(max(0.0, args.seconds - (time.time() - begin)))
    load.stop.set()
    for thread in threads:
        thread.join(timeout=30)
    time.sleep(1.2)  # nginx's access log is written as requests end

    seconds = per_second(upstreams, begin=begin, ports=ports)
    print(
        f"\nB killed at {killed:.1f} s; started again at {restarted:.1f} s, "
        f"answering /healthz at {up_again:.1f} s"
    )
    print("\nRequests answered per second, by instance:")
    print("  second      A      B")
    for number, counts in enumerate(seconds):
        marks = []
        if int(killed) == number:
            marks.append("<- B killed")
        if int(up_again) == number:
            marks.append("<- B up again")
        print(f"  {number:>6} {counts['A']:>6} {counts['B']:>6}  {' '.join(marks)}")

    gets_ok = load.gets.get("200", 0)
    get_failures = sum(load.gets.values()) - gets_ok
    posts_ok = load.posts.get("200", 0)
    post_failures = sum(load.posts.values()) - posts_ok
    rows = feedback_rows()
    stored_twice = sum(1 for count in rows.values() if count > 1)
    after_restart = sum(counts["B"] for counts in seconds[int(up_again) + 1 :])
    moved = passed_on(upstreams, begin=begin)
    print(f"\nGETs:  {sum(load.gets.values())} sent, by answer: {dict(load.gets)}")
    print(f"POSTs: {sum(load.posts.values())} sent, by answer: {dict(load.posts)}")
    print(f"Passed on by nginx to the other instance: {dict(moved) or 'none'}")
    print(
        f"Feedback stored: {sum(rows.values())} rows for {posts_ok} answered 200 "
        f"and {post_failures} failed; stored twice: {stored_twice}"
    )
    print(f"B answered {after_restart} requests after it was up again")
    print("Load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))

    checks = [
        ("0 failed GETs", get_failures == 0),
        ("B serves again after its restart", after_restart > 0),
        ("every POST answered 200 is stored", sum(rows.values()) >= posts_ok),
        ("no POST stored more than once", stored_twice == 0),
        (
            "no more rows than POSTs answered or failed",
            sum(rows.values()) <= posts_ok + post_failures,
        ),
    ]
    print("\nTargets:")
    for label, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
