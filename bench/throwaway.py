"""Throw-away Redis, PostgreSQL and gunicorn servers for the fault tests and bench/faults.py.

Each server runs on a free loopback port picked at run time, in a temporary
directory, and can be stopped, started again, frozen (SIGSTOP: alive but
silent, like a swapped-out or wedged server) and thawed. The shared services on
5432/6379 are never touched. PostgreSQL refuses to run as root, so ``initdb``
and ``pg_ctl`` run as the ``postgres`` user when this runs as root.

    with Services() as services:
        redis = services.redis()
        db = services.postgres()
        app = services.gunicorn(services.app_environment(db, redis), workers=2)
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def missing_tools(*paths: str) -> list[str]:
    """Return what the throw-away servers need and this machine lacks (plus any ``paths``)."""
    needed = [
        ("redis-server", shutil.which("redis-server") is not None),
        ("initdb", (PG_BIN / "initdb").exists()),
        *((path, os.path.exists(path)) for path in paths),
    ]
    return [name for name, found in needed if not found]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


def get(url: str, *, timeout: float = 5.0, headers: dict | None = None):
    """Return (status, headers, body) of a GET; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def descendants(pid: int) -> list[int]:
    """Return the pids of every process below ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


class Redis:
    """A redis-server with no persistence on a free port."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, seconds=10, what="redis-server")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait()

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


class Postgres:
    """A PostgreSQL cluster of its own (initdb), on a free port, trusting local connections."""

    def __init__(self, directory: Path):
        self.directory = directory / "pgdata"
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        directory.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(directory, user.pw_uid, user.pw_gid)
        subprocess.run(
            [
                *self.as_postgres,
                str(PG_BIN / "initdb"),
                "-D",
                str(self.directory),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
            check=True,
            capture_output=True,
        )
        self.start()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            # Fast and throw-away, but a commit once answered survives a crash of the
            # server process (synchronous_commit stays on): the fault tests count rows.
            "-c fsync=off -c full_page_writes=off"
        )
        subprocess.run(
            [
                *self.as_postgres,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.directory),
                "-o",
                options,
                "-l",
                str(self.directory / "server.log"),
                "-w",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self, *, mode: str = "immediate") -> None:
        self.thaw()
        subprocess.run(
            [
                *self.as_postgres,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.directory),
                "-m",
                mode,
                "-w",
                "stop",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def pids(self) -> list[int]:
        try:
            postmaster = int((self.directory / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        return [postmaster, *descendants(postmaster)]

    def freeze(self) -> None:
        """Stop the postmaster, then every process below it, until none is left running.

        The postmaster first, so that it forks no new backend; then its children, listed
        again until the list holds nothing new: a backend forked for a connection while
        the first list was read would otherwise go on serving (seen once in CI, a page
        that should have waited for the hung database answered 200).
        """
        pids = self.pids()
        if not pids:
            return
        postmaster, frozen = pids[0], set()
        while True:
            running = [pid for pid in (postmaster, *descendants(postmaster)) if pid not in frozen]
            if not running:
                return
            for pid in running:
                # A backend may exit between listing and stopping it: it needs no freezing.
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGSTOP)
                frozen.add(pid)

    def thaw(self) -> None:
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def query(self, sql: str):
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", connect_timeout=3
        ) as connection:
            return connection.execute(sql).fetchall()


class Gunicorn:
    """The site under gunicorn with deploy/gunicorn.conf.py, on a free port."""

    def __init__(self, directory: Path, env: dict[str, str], *, workers: int, name: str):
        self.port = free_port()
        self.log = directory / f"gunicorn-{name}.log"
        self.process = subprocess.Popen(
            # No control socket: it sits at one path per user, shared by every gunicorn.
            [
                str(GUNICORN),
                "--config",
                "deploy/gunicorn.conf.py",
                "--no-control-socket",
                "helseplattform.wsgi",
            ],
            cwd=ROOT,
            env={**env, "BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)},
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until(self.answers, seconds=60, what="gunicorn")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: see {self.log}")
        try:
            return get(f"{self.url}/healthz", timeout=1)[0] == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Services:
    """Every throw-away server of one run, stopped on exit."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="hp-faults-"))
        self.directory.chmod(0o755)  # the postgres user must reach its data directory
        self.servers: list = []
        self.secret = secrets.token_urlsafe(50)

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        for server in reversed(self.servers):
            server.stop()
        self.servers = []
        shutil.rmtree(self.directory, ignore_errors=True)

    def redis(self) -> Redis:
        directory = self.directory / f"redis-{len(self.servers)}"
        directory.mkdir()
        server = Redis(directory)
        self.servers.append(server)
        return server

    def postgres(self) -> Postgres:
        server = Postgres(self.directory / f"postgres-{len(self.servers)}")
        self.servers.append(server)
        return server

    def app_environment(self, db: Postgres, redis: Redis, **extra: str) -> dict[str, str]:
        """Return the site's environment on these servers, migrated, static files collected."""
        env = {
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}},
            "DEBUG": "0",
            "SECRET_KEY": self.secret,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": db.url,
            "CACHE_URL": redis.url,
            "STATIC_ROOT": str(self.directory / "staticfiles"),
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "LOG_LEVEL": "WARNING",
            **extra,
        }
        if not (self.directory / "staticfiles").exists():
            self.manage(env, "collectstatic", "--noinput", "-v", "0")
        self.manage(env, "migrate", "--noinput", "-v", "0")
        return env

    def manage(self, env: dict[str, str], *args: str) -> str:
        result = subprocess.run(
            [str(PYTHON), "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return result.stdout

    def gunicorn(self, env: dict[str, str], *, workers: int = 2, name: str = "app") -> Gunicorn:
        server = Gunicorn(self.directory, env, workers=workers, name=name)
        self.servers.append(server)
        return server
