"""gunicorn settings for production and for `make serve` and the benchmarks.

Read from the environment so the container and a bare machine share one file:
PORT / BIND, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS, GUNICORN_WORKER_CLASS.
"""

import multiprocessing
import os
import sys

# Serving bounds every PostgreSQL connect and statement (helseplattform/postgresql/):
# a hung database then answers like a down one, within about two seconds.
os.environ.setdefault("DATABASE_TIMEOUT_SECONDS", "2")

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Workers from the CPU count: the site is CPU-bound on a cache hit and waits on
# PostgreSQL on a miss, so 2 per core plus one keeps every core busy.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Several workers must share their page cache (the content version is in the
# database, but a per-process cache renders every page once per worker and
# cannot hold one render per publish): refuse rather than run them on locmem.
if workers > 1 and os.environ.get("CACHE_URL", "locmem://").startswith("locmem:"):
    sys.exit(
        f"Configuration error: CACHE_URL is a per-process cache but WEB_CONCURRENCY is {workers}; "
        "set CACHE_URL to redis://… or file:///a/shared/directory, or WEB_CONCURRENCY=1."
    )
# The worker class is chosen by measurement (bench/README.md, `bench/run.py
# --compare-workers`): on the cached timeline, sync and gthread swap places from
# round to round (medians 1,789 vs 1,891 and 1,800 vs 1,495 req/s on a busy
# 2-core machine), so throughput does not decide. gthread does keep the
# connections nginx holds open to it (`keepalive 32` in deploy/nginx.conf; a sync
# worker closes every connection), and its threads overlap the Redis and
# PostgreSQL round trips of a miss, so gthread it is.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Load the app once in the master: a configuration error stops startup with one
# line before any worker forks, and workers share the imported code's memory.
preload_app = True

# A worker silent for 30 s is killed and replaced. On SIGTERM (a container stop or
# a rolling deploy) the workers stop accepting and get 30 s to finish what they
# are serving. With preload_app, SIGHUP re-reads this file but not the code: deploy
# new code by replacing the container.
timeout = 30
graceful_timeout = 30
# Idle keep-alive connections (nginx's pool) close after 5 s; nginx reopens them.
keepalive = 5
# Recycle workers now and then so a slow leak can never take the site down;
# the jitter keeps them from all restarting at once. Not too often: at 5,000 a
# worker restarted every few seconds under a spike of cached pages, which cost
# a tenth of the throughput and quadrupled p99 (measured with bench/run.py).
max_requests = 100_000
max_requests_jitter = 10_000

# Access log without client addresses or query strings (they can carry personal data):
# time, method, path, status, size and duration in microseconds. The path is redacted
# (digit runs and e-mail-like strings replaced) by the logger class, which also
# redacts request data in gunicorn's error log (helseplattform/logs.py).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(D)s'
logger_class = "helseplattform.logs.GunicornLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
