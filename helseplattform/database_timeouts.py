"""A client-side timeout for every PostgreSQL statement, for a server that does not answer.

``statement_timeout`` (set by ``helseplattform.environment.env_database``) only
works while the server runs. A frozen server (stopped, swapped out, a network
path that drops packets) never answers, and libpq waits for ever: threads fill
up and even cached pages stop. Each statement is therefore registered with one
watchdog thread per process; one that has not come back half a second after the
server's own timeout gets its socket shut down, which makes psycopg raise
``OperationalError`` at once. Django then discards the connection, and the
next request connects afresh (bounded by ``connect_timeout``). Meanwhile
``breaker`` makes every other query of this process fail at once for
``DOWN_SECONDS``. Installed by the backend ``helseplattform.postgresql``, which
``helseplattform.environment.env_database`` chooses for PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import threading
import time

from django.db import OperationalError

GRACE_SECONDS = 0.5
CHECK_EVERY_SECONDS = 0.1
# After a timeout or a failed connection: how long every query fails at once.
DOWN_SECONDS = 1.0


class Breaker:
    """This process's memory that the database just failed to answer."""

    def __init__(self) -> None:
        self._down_until = 0.0

    def trip(self) -> None:
        self._down_until = time.monotonic() + DOWN_SECONDS

    def refuse_while_down(self) -> None:
        if time.monotonic() < self._down_until:
            raise OperationalError("The database did not answer just now; not asking again yet.")


breaker = Breaker()


class Watchdog:
    """Shut down the socket of any statement that outlives its deadline."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[int, tuple[float, int]] = {}
        self._pid: int | None = None
        self._next = 0

    def watch(self, fd: int, *, seconds: float) -> int:
        """Start watching a statement on socket ``fd``; return a token for ``release``."""
        with self._lock:
            if self._pid != os.getpid():  # first use in this (forked) process
                self._pid = os.getpid()
                self._running = {}
                threading.Thread(target=self._run, name="db-watchdog", daemon=True).start()
            self._next += 1
            self._running[self._next] = (time.monotonic() + seconds, fd)
            return self._next

    def release(self, token: int) -> None:
        with self._lock:
            self._running.pop(token, None)

    def _run(self) -> None:
        while True:
            time.sleep(CHECK_EVERY_SECONDS)
            now = time.monotonic()
            with self._lock:
                late = [t for t, (deadline, _fd) in self._running.items() if deadline < now]
                fds = [self._running.pop(t)[1] for t in late]
            if fds:
                breaker.trip()
            for fd in fds:
                try:
                    with socket.socket(fileno=os.dup(fd)) as sock:
                        sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed


watchdog = Watchdog()


class StatementTimeout:
    """A Django execute wrapper that registers each statement with the watchdog."""

    def __init__(self, seconds: float):
        self.seconds = seconds + GRACE_SECONDS

    def __call__(self, execute, sql, params, many, context):
        breaker.refuse_while_down()
        pgconn = getattr(context["connection"].connection, "pgconn", None)
        if pgconn is None:
            return execute(sql, params, many, context)
        token = watchdog.watch(pgconn.socket, seconds=self.seconds)
        try:
            return execute(sql, params, many, context)
        finally:
            watchdog.release(token)
