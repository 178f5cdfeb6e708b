"""A change in any process is served by every worker of two `make serve` servers within 2 s.

    .venv/bin/python bench/consistency.py             # what `make bench` runs

Starts its own PostgreSQL and Redis (``bench/throwaway.py``), loads the content,
and runs two gunicorn servers on the one database, each as `make serve` runs it
(deploy/gunicorn.conf.py, DEBUG off, three workers): once sharing the Redis page
cache, once each on a file cache in a directory of its own (two machines). On
each pair it makes five changes, one after the other:

1. a phase's title changed in the admin of server A (logged in over HTTP as an
   editor, the form posted with its CSRF token, as a browser does);
2. the title changed again by ``manage.py shell -c``;
3. the first version restored from the admin history (django-simple-history's
   revert form, as the editors use it);
4. an organisation added to a go-live's organisations in the admin (many-to-many);
5. a phase scheduled: ``publish_at`` a few seconds ahead, nothing written after.

and times from the change (the admin's answer, the shell's exit, the publish
moment) until every worker of both servers has answered with it, and whether
they all sent one ETag. A worker is told apart by the socket it answers on: after
each answer, while the connection is still open, the server end of it is looked
up in ``/proc/net/tcp`` and found among the workers' file descriptors, so nothing
in the site says which worker answered. Exits non-zero when a change takes longer
than 2 s to reach every worker, or the workers disagree on an ETag.

Also the lock-out (issue #11): 20 wrong passwords at once, half to each server,
must get exactly five passwords checked ("wrong password" with the form) and 15
lock-out pages, with the counters in the database and in a Redis of their own.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.throwaway import Gunicorn, Services, descendants

WORKERS = 3
MAX_SECONDS = 2.0
HOST = "localhost"  # one host name for both servers, as behind one load balancer
EDITOR = "redaktor"
WRONG_PASSWORD_FORM = "Vennligst oppgi gyldig"  # noqa: S105 - the admin's "wrong password" text
LOCKOUT_PAGE = "Innloggingen er sperret"
LOCKOUT_ATTEMPTS = 20
FAILURE_LIMIT = 5


# --- Which worker answered ---------------------------------------------------------------


def server_socket_inode(server_port: int, client_port: int) -> int | None:
    """Return the inode of the server's end of the loopback connection from ``client_port``."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], int(fields[9])
            if (
                int(local.rsplit(":", 1)[1], 16) == server_port
                and int(remote.rsplit(":", 1)[1], 16) == client_port
                and inode
            ):
                return inode
    return None


def process_holding(inode: int, pids: list[int]) -> int | None:
    """Return which of ``pids`` holds the socket ``inode`` open."""
    wanted = f"socket:[{inode}]"
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                    return pid
            except OSError:
                continue
    return None


@dataclass
class Answer:
    server: str
    worker: int | None  # the worker's pid; None when it could not be told
    status: int
    etag: str | None
    body: bytes
    started: float  # time.monotonic() when it was sent, and when its answer was read
    finished: float


class Probe:
    """Ask one gunicorn server for pages and say which of its workers answered."""

    def __init__(self, name: str, server: Gunicorn):
        self.name = name
        self.server = server

    def workers(self) -> list[int]:
        return descendants(self.server.process.pid)

    def ask(self, path: str) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            started = time.monotonic()
            connection.request("GET", path, headers={"Host": HOST})
            response = connection.getresponse()
            body = response.read()
            finished = time.monotonic()
            # The connection stays open (HTTP/1.1 keep-alive): its server end is in a worker.
            inode = server_socket_inode(self.server.port, connection.sock.getsockname()[1])
            worker = process_holding(inode, self.workers()) if inode else None
            etag = response.getheader("ETag")
            return Answer(self.name, worker, response.status, etag, body, started, finished)
        finally:
            connection.close()


@dataclass
class Convergence:
    # From the change until every worker had answered with it, since the last answer without
    # it, and with one ETag; None when that did not happen in time.
    seconds: float | None
    of: int  # how many workers there are
    last_stale: float = 0.0  # the latest answer without the change (a lower bound of seconds)
    etags: set[str | None] = field(default_factory=set)  # of every answer with the change
    settled_etags: set[str | None] = field(default_factory=set)  # of the settled answers
    settled: dict = field(default_factory=dict)  # (server, worker) -> (ETag, body size)
    # Answers without the change asked of a worker after it had answered with it.
    went_back: int = 0
    answers: int = 0


# Requests in flight at once per server while polling: one at a time, the kernel tends
# to hand every new connection to the same idle worker and the others are rarely asked.
CONCURRENT_ASKS = 3


def until_every_worker_shows(
    probes: list[Probe], path: str, shows: Callable[[bytes], bool], *, since: float, seconds: float
) -> Convergence:
    """Poll ``path`` on every server until each worker answers with ``shows`` true, one ETag.

    Any answer without the change starts the count again: the change has reached
    every worker once each of them has answered with it after the last answer
    without it, and their latest answers carry one and the same ETag (a page can
    show the change under a version that is still spreading, or be replayed
    without an ETag while another worker renders it: not settled yet).
    """
    workers = {(probe.name, pid) for probe in probes for pid in probe.workers()}
    first_shown: dict[tuple[str, int | None], float] = {}
    settled: dict[tuple[str, int | None], str | None] = {}
    result = Convergence(None, len(workers))
    with ThreadPoolExecutor(CONCURRENT_ASKS * len(probes)) as pool:
        while time.monotonic() - since < seconds:
            answers = pool.map(lambda probe: probe.ask(path), probes * CONCURRENT_ASKS)
            moment = time.monotonic() - since
            for answer in sorted(answers, key=lambda a: a.finished):
                result.answers += 1
                key = (answer.server, answer.worker)
                if answer.status == 200 and shows(answer.body):
                    result.etags.add(answer.etag)
                    first_shown.setdefault(key, answer.finished)
                    settled[key] = (answer.etag, len(answer.body))
                else:
                    result.last_stale = answer.finished - since
                    result.went_back += answer.started > first_shown.get(key, answer.started)
                    settled.clear()
            etags = {etag for etag, _size in settled.values()}
            if workers <= settled.keys() and len(etags) == 1 and None not in etags:
                result.seconds = moment
                result.settled_etags = {etag for etag, _size in settled.values()}
                result.settled = dict(settled)
                break
    return result


def warm(probes: list[Probe], paths: list[str], *, seconds: float = 30) -> None:
    """Have every worker answer every path once, so each holds its own copy (the stale risk)."""
    for path in paths:
        until_every_worker_shows(
            probes, path, lambda _body: True, since=time.monotonic(), seconds=seconds
        )


# --- An editor in the admin, over HTTP ----------------------------------------------------


class FormFields(HTMLParser):
    """The fields a browser would submit from the form with ``id``, as (name, value) pairs."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.select: tuple[str, list[str], str | None] | None = None  # name, selected, first
        self.textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((name, attrs.get("value") or default))
        elif tag == "select" and name and "__prefix__" not in name:
            self.select = (name, [], None)
        elif tag == "option" and self.select is not None:
            name, selected, first = self.select
            value = attrs.get("value", "")
            if "selected" in attrs:
                selected.append(value)
            self.select = (name, selected, value if first is None else first)
        elif tag == "textarea" and name and "__prefix__" not in name:
            self.textarea = (name, [])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, selected, _first = self.select
            self.fields += [(name, value) for value in selected]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            text = "".join(parts)
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    if not parser.fields:
        forms = re.findall(r"<form[^>]*>", html)
        raise RuntimeError(f"no form with id {form_id!r} and fields in the page: {forms}")
    return parser.fields


class Editor:
    """An editor's browser on one server: a cookie jar, the CSRF token, forms posted as filled."""

    def __init__(self, server: Gunicorn, username: str, password: str):
        self.base = server.url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )
        html = self.get("/admin/login/?next=/admin/")
        fields = dict(form_fields(html, "login-form"))
        fields.update(username=username, password=password)
        status, _ = self.post("/admin/login/?next=/admin/", list(fields.items()))
        if status != 302:
            raise RuntimeError(f"the editor could not log in ({status})")

    def request(self, path: str, data: bytes | None = None) -> tuple[int, str]:
        request = urllib.request.Request(f"{self.base}{path}", data=data, headers={"Host": HOST})
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            request.add_header("Referer", f"{self.base}{path}")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str) -> str:
        status, html = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        return html

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        return self.request(path, urllib.parse.urlencode(fields).encode())

    def submit(self, path: str, form_id: str, change: Callable[[list], list]) -> None:
        """Open the form at ``path``, change its fields, save it (the admin answers 302)."""
        fields = change(form_fields(self.get(path), form_id))
        status, html = self.post(path, [*fields, ("_save", "Lagre")])
        if status != 302:
            errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
            raise RuntimeError(f"saving {path} failed ({status}): {errors[:3]}")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def replaced(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    if name not in {n for n, _ in fields}:
        raise RuntimeError(f"the form has no field {name!r}")
    return [(n, value if n == name else v) for n, v in fields]


# --- The five changes ----------------------------------------------------------------------


@dataclass
class Content:
    """What the changes work on, read from the database after load_content."""

    phase_id: int
    phase_title: str
    first_version: int  # the phase's first history row, restored in step 3
    scheduled_id: int  # the phase scheduled in step 5
    milestone_id: int
    milestone_title: str
    organisations: list[tuple[int, str]]  # (id, slug) not linked to the milestone


def read_content(db) -> Content:
    (phase_id, phase_title), (scheduled_id,) = (
        db.query("SELECT id, title_nb FROM phases_phase ORDER BY position LIMIT 1")[0],
        db.query("SELECT id FROM phases_phase ORDER BY position DESC LIMIT 1")[0],
    )
    first_version = db.query(
        f"SELECT MIN(history_id) FROM phases_historicalphase WHERE id = {int(phase_id)}"  # noqa: S608
    )[0][0]
    milestone_id, milestone_title = db.query(
        "SELECT id, title_nb FROM phases_milestone WHERE is_go_live AND publish_at <= now() "
        "AND (unpublish_at IS NULL OR unpublish_at > now()) ORDER BY id LIMIT 1"
    )[0]
    organisations = db.query(
        "SELECT id, slug FROM phases_organisation o WHERE publish_at <= now() "  # noqa: S608 - an int
        "AND (unpublish_at IS NULL OR unpublish_at > now()) AND NOT EXISTS "
        "(SELECT 1 FROM phases_milestone_organisations m WHERE m.organisation_id = o.id "
        f"AND m.milestone_id = {int(milestone_id)}) ORDER BY id LIMIT 50"
    )
    return Content(
        phase_id,
        phase_title,
        first_version,
        scheduled_id,
        milestone_id,
        milestone_title,
        organisations,
    )


SHELL_RENAME = (
    "from phases.models import Phase; p = Phase.objects.get(pk={pk}); "
    "p.title_nb = {title!r}; p.save()"
)
SHELL_SCHEDULE = (
    "import datetime; from phases.models import Phase; p = Phase.objects.get(pk={pk}); "
    "p.title_nb = {title!r}; p.publish_at = datetime.datetime.now(datetime.UTC) "
    "+ datetime.timedelta(seconds={ahead}); p.save(); print(p.publish_at.timestamp())"
)
SCHEDULE_AHEAD_SECONDS = 8  # the shell's exit and the hidden check fit in


@dataclass
class Outcome:
    change: str
    convergence: Convergence
    before_due: Convergence | None = None  # step 5: hidden everywhere before its moment


def make_changes(
    services: Services, env: dict, probes: list[Probe], editor: Editor, content: Content, *, seconds
) -> list[Outcome]:
    """Make the five changes in turn; return how each reached the workers."""
    outcomes = []
    marker = time.time_ns()
    home = "/"
    milestone = content.milestone_title.encode()
    # An organisation whose page does not name the go-live yet (a trust's names its hospitals').
    organisation_id, slug = next(
        (pk, slug)
        for pk, slug in content.organisations
        if milestone not in probes[0].ask(f"/virksomheter/{slug}/").body
    )
    organisation_page = f"/virksomheter/{slug}/"
    warm(probes, [home, organisation_page])

    def reached(change: str, path: str, shows, since: float) -> None:
        convergence = until_every_worker_shows(probes, path, shows, since=since, seconds=seconds)
        outcomes.append(Outcome(change, convergence))

    admin_title = f"Endret i admin {marker}"
    editor.submit(
        f"/admin/phases/phase/{content.phase_id}/change/",
        "phase_form",
        lambda fields: replaced(fields, "title_nb", admin_title),
    )
    reached("admin edit (server A)", home, lambda b: admin_title.encode() in b, time.monotonic())

    shell_title = f"Endret i shell {marker}"
    services.manage(env, "shell", "-c", SHELL_RENAME.format(pk=content.phase_id, title=shell_title))
    reached("manage.py shell", home, lambda b: shell_title.encode() in b, time.monotonic())

    editor.submit(
        f"/admin/phases/phase/{content.phase_id}/history/{content.first_version}/",
        "historicalphase_form",
        lambda fields: fields,
    )
    original = content.phase_title.encode()
    reached(
        "restore from history",
        home,
        lambda b: original in b and shell_title.encode() not in b,
        time.monotonic(),
    )

    editor.submit(
        f"/admin/phases/milestone/{content.milestone_id}/change/",
        "milestone_form",
        lambda fields: [*fields, ("organisations", str(organisation_id))],
    )
    reached("many-to-many (admin)", organisation_page, lambda b: milestone in b, time.monotonic())

    scheduled_title = f"Planlagt {marker}"
    output = services.manage(
        env,
        "shell",
        "-c",
        SHELL_SCHEDULE.format(
            pk=content.scheduled_id, title=scheduled_title, ahead=SCHEDULE_AHEAD_SECONDS
        ),
    )
    due = float(output.split()[-1])
    shown = scheduled_title.encode()
    # Until its moment no worker shows it, and each holds the copy without it.
    hidden = until_every_worker_shows(
        probes, home, lambda b: shown not in b, since=time.monotonic(), seconds=due - time.time()
    )
    time.sleep(max(0.0, due - time.time()))
    since = time.monotonic() - max(0.0, time.time() - due)
    reached("scheduled publish", home, lambda b: shown in b, since)
    outcomes[-1].before_due = hidden
    return outcomes


def start_pair(services: Services, env_a: dict, env_b: dict, label: str) -> list[Probe]:
    return [
        Probe("A", services.gunicorn(env_a, workers=WORKERS, name=f"a-{label}")),
        Probe("B", services.gunicorn(env_b, workers=WORKERS, name=f"b-{label}")),
    ]


def stop_pair(probes: list[Probe]) -> None:
    for probe in probes:
        probe.server.stop()


def create_editor(services: Services, env: dict, username: str) -> str:
    password = secrets.token_urlsafe(16)
    services.manage(
        {**env, "EDITOR_PASSWORD": password},
        "create_editor",
        username,
        "--group",
        "Kommunikasjon",
        "--password-from-env",
        "EDITOR_PASSWORD",
    )
    return password


# --- The lock-out across workers and servers -----------------------------------------------


def login_answers(probes: list[Probe], username: str, passwords: list[str]) -> list[str]:
    """Send the logins all at once, spread over the servers; name each answer."""
    token = secrets.token_hex(16)  # a CSRF secret of our own, sent as cookie and field
    start = threading.Barrier(len(passwords))

    def attempt(n: int) -> str:
        server = probes[n % len(probes)].server
        body = urllib.parse.urlencode(
            {"username": username, "password": passwords[n], "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            f"{server.url}/admin/login/", data=body, headers={"Host": HOST}
        )
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Cookie", f"csrftoken={token}")
        start.wait()
        try:
            with urllib.request.build_opener(NoRedirects).open(request, timeout=60) as response:
                status, html = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, html = error.code, error.read().decode()
        if status == 200 and WRONG_PASSWORD_FORM in html:
            return "wrong password"
        if status == 429 and LOCKOUT_PAGE in html:
            return "locked out"
        if status == 302:
            return "logged in"
        return f"other {status}"

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(attempt, range(len(passwords))))


def lockout_under_concurrency(services: Services, env: dict, probes: list[Probe], username: str):
    """Return the answers to 20 wrong passwords at once, then to the right one."""
    password = create_editor(services, env, username)
    answers = login_answers(probes, username, ["feil-passord"] * LOCKOUT_ATTEMPTS)
    right = login_answers(probes[:1], username, [password])[0]
    return answers, right


# --- The run -------------------------------------------------------------------------------


def print_table(label: str, outcomes: list[Outcome], misses: list[str], limit: float) -> None:
    print(f"\n{label}: two servers × {WORKERS} workers, one PostgreSQL")
    print(
        f"  {'change':<22} {'every worker':>12} {'last stale':>10} {'workers':>8} "
        f"{'answers':>8} {'ETags':>6} {'settled':>8} {'went back':>9}"
    )
    for outcome in outcomes:
        c = outcome.convergence
        shown = "not within" if c.seconds is None else f"{c.seconds:.2f} s"
        print(
            f"  {outcome.change:<22} {shown:>12} {c.last_stale:>8.2f} s {c.of:>8} "
            f"{c.answers:>8} {len(c.etags):>6} {len(c.settled_etags):>8} {c.went_back:>9}"
        )
        if c.seconds is None or c.seconds > limit:
            misses.append(f"{label}, {outcome.change}: {shown} (limit {limit:.0f} s)")
        if len(c.settled_etags) != 1:
            for (server, worker), (etag, size) in sorted(c.settled.items()):
                print(f"      server {server} worker {worker}: ETag {etag}, {size} bytes")
            misses.append(f"{label}, {outcome.change}: {len(c.settled_etags)} different ETags")
        before = outcome.before_due
        if before is not None and before.seconds is None:
            misses.append(f"{label}, {outcome.change}: not hidden everywhere before its moment")


def environments(services: Services):
    """Return the database and the two pairs' environments (after load_content)."""
    pages, counters, db = services.redis(), services.redis(), services.postgres()
    env = services.app_environment(db, pages, SECURE_COOKIES="0")
    services.manage(env, "load_content", "--if-empty")
    # Redis' default policy is noeviction, as the counters need (issue #11).
    redis_pair = (env, env)
    file_pair = tuple(
        {
            **env,
            "CACHE_URL": f"file://{services.directory / f'pages-{name}'}",
            "COUNTER_CACHE_URL": counters.url,
        }
        for name in ("a", "b")
    )
    return db, redis_pair, file_pair


def main(argv: list[str] | None = None) -> int:
    misses: list[str] = []
    lockouts = []
    with Services() as services:
        db, redis_pair, file_pair = environments(services)
        content = read_content(db)
        for label, (env_a, env_b), counters, username in (
            ("shared Redis page cache", redis_pair, "database counters", "redaktor-db"),
            ("each its own file cache", file_pair, "Redis counters", "redaktor-redis"),
        ):
            probes = start_pair(services, env_a, env_b, label.split()[-2])
            try:
                editor = Editor(probes[0].server, EDITOR, create_editor(services, env_a, EDITOR))
                outcomes = make_changes(
                    services, env_a, probes, editor, content, seconds=MAX_SECONDS + 8
                )
                print_table(label, outcomes, misses, MAX_SECONDS)
                lockouts.append(
                    (counters, *lockout_under_concurrency(services, env_a, probes, username))
                )
            finally:
                stop_pair(probes)
            content = read_content(db)  # the next pair starts from what this one left
    print(
        f"\nLock-out: {LOCKOUT_ATTEMPTS} wrong passwords at once over both servers, then the right one"
    )
    for counters, answers, right in lockouts:
        counts = {kind: answers.count(kind) for kind in sorted(set(answers))}
        print(f"  {counters:<18} {counts}; the right password then: {right}")
        expected = {"wrong password": FAILURE_LIMIT, "locked out": LOCKOUT_ATTEMPTS - FAILURE_LIMIT}
        if counts != expected:
            misses.append(f"lock-out with {counters}: {counts}")
        if right != "locked out":
            misses.append(f"lock-out with {counters}: the right password got {right!r}")
    if misses:
        print("\nMISSED: " + "; ".join(misses))
        return 1
    print("\nAll targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
