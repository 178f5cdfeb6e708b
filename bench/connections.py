"""PostgreSQL connections at 500 concurrent clients: bounded by the pool, not by the clients.

    .venv/bin/python bench/connections.py                    # pool sizes 4 and 2, 12 s each
    .venv/bin/python bench/connections.py --clients 500 --seconds 20 --pool-sizes 4 2 0

Starts, on 127.0.0.1 only, what bench/instances.py starts (two gunicorn instances,
WEB_CONCURRENCY=2 and GUNICORN_THREADS=4 each, behind one nginx on PostgreSQL and
Redis), once per DATABASE_POOL_SIZE, and sends wrk's 500 concurrent connections
through nginx with a session cookie, so nginx's page cache is bypassed and every
request reaches gunicorn. Every 100 ms it counts the connections PostgreSQL has to
the benchmark's database (pg_stat_activity), and prints the highest count beside the
bound, instances x WEB_CONCURRENCY x DATABASE_POOL_SIZE (with pool size 0, Django's
persistent connections: one per thread, instances x WEB_CONCURRENCY x threads).

Exits 1 when the count ever exceeds the bound, or when a request fails (wrk's socket
errors and non-2xx answers; the 500 clients wait in gunicorn's and nginx's queues,
the database is never asked for more).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import instances  # bench/instances.py: two instances behind one nginx
import run as stack_tools  # bench/run.py: how the stack is started and stopped

WEB_CONCURRENCY = 2
THREADS = 4
INSTANCES = 2


def count_connections(stop: threading.Event, seen: list[int]) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        while not stop.wait(0.1):
            seen.append(
                db.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                    [instances.DATABASE],
                ).fetchone()[0]
            )


def one_run(env: dict[str, str], *, pool_size: int, clients: int, seconds: int) -> bool:
    directory = Path(tempfile.mkdtemp(prefix="hp-bench-connections-"))
    stack = stack_tools.Stack(directory)
    try:
        env = {**env, "DATABASE_POOL_SIZE": str(pool_size), "GUNICORN_THREADS": str(THREADS)}
        ports = {name: stack_tools.free_port() for name in ("A", "B")[:INSTANCES]}
        for name, port in ports.items():
            instances.start_instance(stack, env, name=name, port=port)
        proxy, _ = instances.start_nginx(stack, ports=ports)
        per_process = pool_size or THREADS
        bound = INSTANCES * WEB_CONCURRENCY * per_process
        stop, seen = threading.Event(), []
        counter = threading.Thread(target=count_connections, args=(stop, seen))
        counter.start()
        try:
            result = stack_tools.wrk(
                f"http://127.0.0.1:{proxy}/endringer/",
                seconds=seconds,
                connections=clients,
                options=("--timeout", "30s", "-H", "Cookie: sessionid=bench-connections"),
            )
        finally:
            stop.set()
            counter.join()
        highest = max(seen)
        ok = highest <= bound and result.errors == 0
        label = f"pool {pool_size}" if pool_size else "no pool (persistent)"
        print(
            f"  {label:<21} {clients} clients: {result.requests_per_second:>6.0f} req/s  "
            f"p99 {result.p99_ms / 1000:>6.2f} s  errors {result.errors}  "
            f"connections: highest {highest:>3}, bound {bound:>3} "
            f"({INSTANCES} x {WEB_CONCURRENCY} x {per_process})  {'ok' if ok else 'MISS'}",
            flush=True,
        )
        return ok
    finally:
        stack.stop()
        shutil.rmtree(directory, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--pool-sizes", type=int, nargs="+", default=[4, 2])
    args = parser.parse_args(argv)
    stack_tools.require_tools("wrk", "nginx", "redis-cli")
    directory = Path(tempfile.mkdtemp(prefix="hp-bench-connections-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        env = {
            **stack_tools.app_environment(directory),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{instances.DATABASE}",
            "CACHE_URL": instances.CACHE_URL,
        }
        print(f"Preparing PostgreSQL database {instances.DATABASE} and static files …", flush=True)
        stack_tools.prepare_database(env, database=instances.DATABASE)
        print(
            f"{INSTANCES} instances x WEB_CONCURRENCY={WEB_CONCURRENCY} x GUNICORN_THREADS={THREADS}"
            f" behind nginx; wrk -t2, {args.seconds} s per run, page cache bypassed",
            flush=True,
        )
        results = [
            one_run(env, pool_size=size, clients=args.clients, seconds=args.seconds)
            for size in args.pool_sizes
        ]
        print("Load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        return 0 if all(results) else 1
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
