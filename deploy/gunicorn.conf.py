"""gunicorn settings for production and for `make serve` and the benchmarks.

Read from the environment so the container and a bare machine share one file:
PORT / BIND, WEB_CONCURRENCY (worker processes), GUNICORN_THREADS, GUNICORN_WORKER_CLASS.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Workers from the CPU count: the site is CPU-bound on a cache hit and waits on
# PostgreSQL on a miss, so 2 per core plus one keeps every core busy.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# The worker class is chosen by measurement (bench/README.md): gthread with a few
# threads holds slow clients without starving the CPU-bound cached responses.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Load the app once in the master: a configuration error stops startup with one
# line before any worker forks, and workers share the imported code's memory.
preload_app = True

timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never take the site down;
# the jitter keeps them from all restarting at once.
max_requests = 5000
max_requests_jitter = 500

# Access log without client addresses or query strings (they can carry personal data):
# time, method, path, status, size and duration in microseconds.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(D)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
