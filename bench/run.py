"""Benchmark the timeline against the physical limit: gunicorn, the caching proxy, a static file.

    .venv/bin/python bench/run.py                 # what `make bench` runs
    .venv/bin/python bench/run.py --rounds 5 --duration 10
    .venv/bin/python bench/run.py --compare-workers   # sync vs gthread, for deploy/gunicorn.conf.py

Starts the production stack on 127.0.0.1 only: gunicorn with deploy/gunicorn.conf.py
on PostgreSQL (database ``hp_bench``, created when missing, migrated, content loaded
when empty) and Redis (database 13, flushed), and one nginx running a copy of
deploy/nginx.conf (three lines substituted, see ``render_nginx_conf``) plus a second
server block that serves a saved copy of the same timeline HTML as a static file.

wrk (Debian package) then measures, interleaved round by round (a -> b -> c), with
32 connections and a fixed duration: (a) the timeline straight from gunicorn,
(b) through the caching proxy, (c) as a static file. It prints requests/s and p99
latency (medians over the rounds) and the ratios a/c and b/c, and exits non-zero
when a target is missed. Every server it starts is stopped on exit, Ctrl-C included.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
DATABASE = "hp_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
CACHE_URL = "redis://127.0.0.1:6379/13"
CONNECTIONS = 32

# Targets on a 2-core machine with wrk on the same cores (issue 6).
MIN_PROXY_SHARE = 0.80  # (b) / (c)
# (a) / (c). Was 5% with CachedPageApplication, the pre-Django fast path that issue #11
# removed: it changed nothing through the caching proxy (bench/README.md), which is
# what visitors reach, and was a second serving path with rules of its own.
MIN_APP_SHARE = 0.03
MAX_PROXY_P99_MS = 20.0
MAX_APP_P99_MS = 100.0


def render_nginx_conf(
    text: str, *, upstream: str, listen: str, cache_dir: Path, extra_http: str = ""
) -> str:
    """Return deploy/nginx.conf with the upstream, the listen address and the cache dir replaced.

    Each replaced line must occur exactly once, so a change to the config that the
    benchmark would silently stop exercising fails here instead.
    """
    replacements = [
        (r"^(\s*)server web:8000;", rf"\g<1>server {upstream};"),
        (r"^(\s*)listen 8080 default_server;", rf"\g<1>listen {listen} default_server;"),
        (r"proxy_cache_path /var/cache/nginx/pages ", f"proxy_cache_path {cache_dir} "),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        if count != 1:
            raise SystemExit(
                f"deploy/nginx.conf: expected one match for {pattern!r}, found {count}"
            )
    # Temporary files under the run's own directory, so nginx needs no system paths.
    head, brace, tail = text.rpartition("}")
    return f"{head}{extra_http}{brace}{tail}"


def temp_paths(directory: Path) -> str:
    return "".join(
        f"    {name}_temp_path {directory / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


def wait_for(url: str, *, seconds: float, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        try:
            if fetch(url, timeout=1)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


# --- The stack -------------------------------------------------------------------------------


class Stack:
    """The servers of one run; ``stop()`` ends them all (also called on exit)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.processes: list[subprocess.Popen] = []

    def start(self, args: list[str], *, env: dict[str, str], log: str) -> subprocess.Popen:
        output = (self.directory / log).open("ab")
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def app_environment(directory: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": CACHE_URL,
        "STATIC_ROOT": str(directory / "staticfiles"),
        "BEHIND_PROXY": "1",
        "LOG_FORMAT": "json",
    }


def prepare_database(env: dict[str, str], *, database: str = DATABASE) -> None:
    """Create the database when missing, collect static files, migrate, load the content."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        if (
            db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
            is None
        ):
            db.execute(f'CREATE DATABASE "{database}"')
    manage = [str(PYTHON), "manage.py"]
    for command in (["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=300)
    if (ROOT / "phases" / "management" / "commands" / "load_content.py").exists():
        subprocess.run(
            [*manage, "load_content", "--if-empty"], cwd=ROOT, env=env, check=True, timeout=300
        )
    subprocess.run(["redis-cli", "-n", env["CACHE_URL"].rsplit("/", 1)[1], "flushdb"], check=True)


def start_gunicorn(stack: Stack, env: dict[str, str], *, worker_class: str | None = None) -> str:
    port = free_port()
    env = {**env, "BIND": f"127.0.0.1:{port}"}
    if worker_class:
        env["GUNICORN_WORKER_CLASS"] = worker_class
    name = worker_class or "default"
    process = stack.start(
        [str(GUNICORN), "--config", "deploy/gunicorn.conf.py", "helseplattform.wsgi"],
        env=env,
        log=f"gunicorn-{name}.log",
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/healthz", seconds=60, processes=[process])
    return base


def start_nginx(stack: Stack, *, app: str, html: bytes) -> tuple[str, str]:
    directory = stack.directory
    proxy_port, static_port = free_port(), free_port()
    static_root = directory / "static-copy"
    static_root.mkdir()
    (static_root / "timeline.html").write_bytes(html)
    static_server = (
        f"\n    server {{\n        listen 127.0.0.1:{static_port};\n"
        f"        root {static_root};\n    }}\n"
    )
    conf = render_nginx_conf(
        NGINX_CONF.read_text(),
        upstream=app.removeprefix("http://"),
        listen=f"127.0.0.1:{proxy_port}",
        cache_dir=directory / "nginx-cache",
        extra_http=temp_paths(directory) + static_server,
    )
    conf_path = directory / "nginx.conf"
    conf_path.write_text(conf)
    # nginx's workers run as "nobody" when started by root: they must read the copy.
    for path in (directory, static_root, static_root / "timeline.html"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    args = ["nginx", "-p", str(directory), "-c", str(conf_path), "-e", "stderr"]
    globals_ = f"daemon off; pid {directory / 'nginx.pid'};"
    subprocess.run([*args, "-g", globals_, "-t", "-q"], check=True, timeout=30)
    process = stack.start([*args, "-g", globals_], env=dict(os.environ), log="nginx.log")
    proxy = f"http://127.0.0.1:{proxy_port}"
    static = f"http://127.0.0.1:{static_port}"
    wait_for(f"{static}/timeline.html", seconds=10, processes=[process])
    wait_for(f"{proxy}/healthz", seconds=10, processes=[process])
    return proxy, static


# --- Measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    requests_per_second: float
    p99_ms: float
    errors: int


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    url: str, *, seconds: int, connections: int = CONNECTIONS, options: tuple[str, ...] = ()
) -> Result:
    """Run wrk once and return requests/s, p99 latency and the count of errors and non-2xx."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *options, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE).groups()
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        rps, float(value) * UNITS_MS[unit], errors + (int(non_2xx.group(1)) if non_2xx else 0)
    )


def interleaved(targets: dict[str, str], *, rounds: int, seconds: int) -> dict[str, list[Result]]:
    results: dict[str, list[Result]] = {name: [] for name in targets}
    for url in targets.values():
        wrk(url, seconds=2)  # warm-up: workers forked, connections and caches filled
    for number in range(1, rounds + 1):
        for name, url in targets.items():
            result = wrk(url, seconds=seconds)
            results[name].append(result)
            print(
                f"  round {number}  {name:<22} {result.requests_per_second:>9.0f} req/s"
                f"  p99 {result.p99_ms:>7.2f} ms  errors {result.errors}",
                flush=True,
            )
    return results


def median(results: list[Result], field: str) -> float:
    return statistics.median(getattr(r, field) for r in results)


# --- Main ------------------------------------------------------------------------------------


def require_tools(*tools: str) -> None:
    """Stop with one line naming the Debian packages when a tool the benchmark runs is missing."""
    for tool in tools:
        if shutil.which(tool) is None:
            raise SystemExit(
                f"{tool} is not installed (Debian: apt-get install wrk nginx-light redis-tools)"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run (default 8)")
    parser.add_argument(
        "--compare-workers",
        action="store_true",
        help="measure gunicorn's sync and gthread workers against each other instead",
    )
    args = parser.parse_args(argv)
    require_tools("wrk", "nginx", "redis-cli")

    directory = Path(tempfile.mkdtemp(prefix="hp-bench-"))
    stack = Stack(directory)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        env = app_environment(directory)
        print(f"Preparing PostgreSQL database {DATABASE} and static files …", flush=True)
        prepare_database(env)
        if args.compare_workers:
            return compare_workers(stack, env, rounds=args.rounds, seconds=args.duration)
        return measure(stack, env, rounds=args.rounds, seconds=args.duration)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        stack.stop()
        shutil.rmtree(directory, ignore_errors=True)


def measure(stack: Stack, env: dict[str, str], *, rounds: int, seconds: int) -> int:
    app = start_gunicorn(stack, env)
    status, headers, html = fetch(f"{app}/")
    assert status == 200, status
    proxy, static = start_nginx(stack, app=app, html=html)
    fetch(f"{proxy}/")
    cache_status = fetch(f"{proxy}/")[1].get("X-Cache-Status")
    if cache_status != "HIT":
        raise SystemExit(f"the proxy did not cache the timeline (X-Cache-Status: {cache_status})")
    print(
        f"Timeline: {len(html):,} bytes; Cache-Control: {headers.get('Cache-Control')}\n"
        f"{rounds} interleaved rounds of {seconds} s, {CONNECTIONS} connections, wrk -t2 on the same cores",
        flush=True,
    )
    targets = {
        "(a) gunicorn": f"{app}/",
        "(b) caching proxy": f"{proxy}/",
        "(c) static file": f"{static}/timeline.html",
    }
    results = interleaved(targets, rounds=rounds, seconds=seconds)
    a, b, c = (results[name] for name in targets)
    rps = {name: median(rs, "requests_per_second") for name, rs in results.items()}
    p99 = {name: median(rs, "p99_ms") for name, rs in results.items()}
    print("\nMedians over the rounds:")
    for name in targets:
        print(f"  {name:<22} {rps[name]:>9.0f} req/s   p99 {p99[name]:>7.2f} ms")
    share_a = median(a, "requests_per_second") / median(c, "requests_per_second")
    share_b = median(b, "requests_per_second") / median(c, "requests_per_second")
    print(f"  a/c = {share_a:.1%}   b/c = {share_b:.1%}")

    errors = sum(r.errors for rs in results.values() for r in rs)
    checks = [
        (f"(b) >= {MIN_PROXY_SHARE:.0%} of (c)", share_b >= MIN_PROXY_SHARE),
        (f"(a) >= {MIN_APP_SHARE:.0%} of (c)", share_a >= MIN_APP_SHARE),
        (f"p99 (b) < {MAX_PROXY_P99_MS:.0f} ms", median(b, "p99_ms") < MAX_PROXY_P99_MS),
        (f"p99 (a) < {MAX_APP_P99_MS:.0f} ms", median(a, "p99_ms") < MAX_APP_P99_MS),
        ("no errors or non-2xx responses", errors == 0),
    ]
    print("\nTargets:")
    for label, ok in checks:
        print(f"  {'ok  ' if ok else 'MISS'} {label}")
    return 0 if all(ok for _, ok in checks) else 1


def compare_workers(stack: Stack, env: dict[str, str], *, rounds: int, seconds: int) -> int:
    targets = {}
    for worker_class in ("sync", "gthread"):
        targets[f"gunicorn {worker_class}"] = (
            f"{start_gunicorn(stack, env, worker_class=worker_class)}/"
        )
    print(f"{rounds} interleaved rounds of {seconds} s, {CONNECTIONS} connections", flush=True)
    results = interleaved(targets, rounds=rounds, seconds=seconds)
    print("\nMedians over the rounds:")
    for name, rs in results.items():
        print(
            f"  {name:<22} {median(rs, 'requests_per_second'):>9.0f} req/s"
            f"   p99 {median(rs, 'p99_ms'):>7.2f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
