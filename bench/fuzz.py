"""Send 100,000 generated, mostly malformed feedback submissions to gunicorn on PostgreSQL and Redis.

    .venv/bin/python bench/fuzz.py [--requests 100000] [--concurrency 16] [--seed 21]
        [--database-url postgres://postgres@127.0.0.1:5432/hp_bench_fuzz]
        [--cache-url redis://127.0.0.1:6379/12]

What it does, and undoes:

1. creates the PostgreSQL database (default ``hp_bench_fuzz``) when it is missing,
   migrates it and empties its feedback table;
2. starts the production server as ``make serve`` does (gunicorn with
   deploy/gunicorn.conf.py, DEBUG off, Redis as the shared cache, the rate limit
   out of the way) on a free loopback port;
3. sends ``--requests`` submissions from ``--concurrency`` threads, each generated
   from the seed: odd ``Accept`` and ``Content-Type`` headers (parameters, RFC 2231,
   character sets that are unknown or not text encodings), bodies that are forms,
   multipart with odd boundaries, random bytes, cut short or longer than declared,
   chunked, cross-site origins, the honeypot, personal data in the comment and the
   URL. Bounded in count and in time (``--seconds``), loopback only;
4. prints the status counts, the submissions accepted (a success answer to a
   person, not the honeypot) against the rows stored, the answers without the
   security headers, any 5xx, and the rows holding raw personal data;
5. stops the server it started (also on Ctrl-C or SIGTERM), and exits 1 unless:
   no 5xx, rows stored == submissions accepted, no raw personal data stored, and
   every answer Django gave carried the security headers.

Framing that gunicorn itself refuses before Django runs (a broken chunk size, a
``Transfer-Encoding`` it does not know) is answered by gunicorn: 400, or 501 for an
unknown transfer coding as RFC 9112 section 6.1 asks. Those answers are counted
on their own line and sent in a separate, smaller probe (``--framing``), since
no application code runs for them.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))

# The feedback benchmark's helpers (server start and stop); loaded by path, since
# its module name is the feedback app's.
_spec = importlib.util.spec_from_file_location("bench_feedback", ROOT / "bench" / "feedback.py")
bench_feedback = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_feedback)

FNR = "24128510180"  # synthetic: valid check digits
PHONE = "912 34 567"
EMAIL = "kari.nordmann@example.no"
RAW = [FNR, PHONE, "91234567", EMAIL]
SECURITY_HEADERS = (
    b"content-security-policy",
    b"x-content-type-options",
    b"referrer-policy",
    b"permissions-policy",
    b"cross-origin-opener-policy",
    b"x-frame-options",
)
URLS = ["/tilbakemelding/", "/nn/tilbakemelding/", "/en/tilbakemelding/", f"/tilbakemelding/{FNR}/"]
CHARSETS = ["utf-8", "UTF-8", "latin-1", "utf-16", "rot13", "base64", "nope", '""', "x'y'z"]
HONEYPOT_FILLED = re.compile(rb'website=[^&]|name="website"\r\n\r\n[^\r]')
BOUNDARIES = ["xx", "", '"x y"', "-" * 80, "\\"]
COMMENTS = ["", "", "Fant ikke datoen", f"Fnr {FNR}", f"ring {PHONE}", f"skriv til {EMAIL}"]


def parameter(rng: random.Random) -> str:
    charset = rng.choice(CHARSETS)
    return rng.choice(
        [
            f"charset={charset}",
            f"charset*={charset}''utf-8",
            f"charset*=utf-8'{charset}",
            "boundary=" + rng.choice(BOUNDARIES),
            f"q={rng.choice(['0', '1', 'x', '-1'])}",
            f"q*={charset}'en'1",
            "".join(rng.choice("ab=;*'\"%,/ ") for _ in range(rng.randrange(12))),
        ]
    )


def header_value(rng: random.Random) -> str:
    media = rng.choice(
        ["application/x-www-form-urlencoded", "multipart/form-data", "application/json",
         "text/html", "text/plain", "*/*", "", "text", "a/b/c"]
    )  # fmt: skip
    return "; ".join([media, *(parameter(rng) for _ in range(rng.randrange(3)))])


def generate(rng: random.Random) -> tuple[bytes, bool]:
    """Return one raw HTTP request and whether it is a person's submission (no honeypot)."""
    fields = {
        "answer": rng.choice(["yes", "no", "yes", "no", "", "maybe"]),
        "comment": rng.choice(COMMENTS),
        "page": rng.choice(["/", "/nn/endringer/", "//evil.example", f"/?fnr={FNR}", ""]),
    }
    if rng.random() < 0.05:
        fields["website"] = "http://spam.example"
    kind = rng.choice(["form", "form", "form", "multipart", "bytes", "cut"])
    if kind == "multipart":
        body = (
            "".join(
                f'--xx\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                for k, v in fields.items()
            ).encode()
            + b"--xx--\r\n"
        )
        content_type = "multipart/form-data; boundary=xx"
    else:
        body = urllib.parse.urlencode(fields).encode()
        content_type = "application/x-www-form-urlencoded"
    if kind == "bytes":
        body = rng.randbytes(rng.randrange(200))
    if kind == "cut":
        body = body[: rng.randrange(len(body) + 1)]
    headers = {"Content-Type": content_type if rng.random() < 0.5 else header_value(rng)}
    accept = rng.choice([None, "", "application/json", "text/html", "*/*", "header"])
    if accept == "header":
        accept = ", ".join(header_value(rng) for _ in range(rng.randrange(1, 3)))
    if accept is not None:
        headers["Accept"] = accept
    origin = rng.choice(["same", "same", "same", "none", "cross", "null"])
    if origin == "same":
        headers["Sec-Fetch-Site"] = "same-origin"
    elif origin == "cross":
        headers.update({"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
    elif origin == "null":
        headers["Origin"] = "null"
    if rng.random() < 0.05:
        headers["Transfer-Encoding"] = "chunked"
        body = (b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)) if body else b"0\r\n\r\n"
    else:
        length = len(body)
        if rng.random() < 0.05:
            length = max(0, length + rng.choice([-5, -1, 1, 5]))
            headers["Connection"] = "close"  # the stream is out of step after this one
        headers["Content-Length"] = str(length)
    url = rng.choice(URLS)
    if rng.random() < 0.1:
        url += f"?tlf={urllib.parse.quote(PHONE)}"
    head = f"POST {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in headers.items()
    )
    # A robot is whatever still has a filled-in honeypot once the body was cut.
    robot = HONEYPOT_FILLED.search(body) is not None
    return head.encode("latin-1", "replace") + b"\r\n" + body, not robot


def framing_probes() -> list[bytes]:
    """Requests gunicorn refuses itself, before Django: broken chunking, unknown codings."""
    base = b"POST /tilbakemelding/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    return [
        base + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        base + b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        base + b"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
        base + b"Transfer-Encoding: foo\r\n\r\n",
        base + b"Transfer-Encoding: chunked;x\r\n\r\n",
    ]


def read_response(sock: socket.socket, buffer: bytearray) -> tuple[int, dict[bytes, bytes], bool]:
    """Read one response from the socket; return status, headers, and whether to reconnect."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the answer")
        buffer.extend(chunk)
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while b"0\r\n\r\n" not in rest:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed in a chunked answer")
            rest += chunk
        end = rest.index(b"0\r\n\r\n") + 5
        buffer[:] = rest[end:]
        return status, headers, headers.get(b"connection", b"").lower() == b"close"
    length = int(headers.get(b"content-length", b"0") or 0)
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    buffer[:] = rest[length:]
    return status, headers, headers.get(b"connection", b"").lower() == b"close"


def is_success(status: int, headers: dict[bytes, bytes], body_hint: bytes = b"") -> bool:
    if status == 302:
        return b"tilbakemelding=takk" in headers.get(b"location", b"")
    return status == 200


def run(port: int, *, requests: int, concurrency: int, seconds: float, seed: int) -> dict:
    statuses: collections.Counter = collections.Counter()
    results = {
        "accepted": 0,
        "without_headers": 0,
        "server_errors": [],
        "transport": 0,
        "transport_samples": [],
    }
    lock = threading.Lock()
    tickets = iter(range(requests))
    deadline = time.monotonic() + seconds

    def worker(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        sock, buffer = None, bytearray()
        while time.monotonic() < deadline:
            with lock:
                ticket = next(tickets, None)
            if ticket is None:
                break
            raw, person = generate(rng)
            try:
                if sock is None:
                    sock = socket.create_connection(("127.0.0.1", port), timeout=15)
                    buffer = bytearray()
                raw = raw.replace(b"Host: 127.0.0.1\r\n", f"Host: 127.0.0.1:{port}\r\n".encode(), 1)
                sock.sendall(raw)
                if b"Connection: close" in raw:
                    # A body shorter than declared: the end of input tells the server so.
                    sock.shutdown(socket.SHUT_WR)
                status, headers, close = read_response(sock, buffer)
            except (OSError, ConnectionError, ValueError, IndexError) as error:
                with lock:
                    results["transport"] += 1
                    if len(results["transport_samples"]) < 5:
                        results["transport_samples"].append((type(error).__name__, raw[:200]))
                if sock is not None:
                    sock.close()
                sock = None
                continue
            with lock:
                statuses[status] += 1
                if person and is_success(status, headers):
                    results["accepted"] += 1
                if not all(name in headers for name in SECURITY_HEADERS):
                    results["without_headers"] += 1
                if status >= 500 and len(results["server_errors"]) < 20:
                    results["server_errors"].append((status, raw[:300]))
            if close or b"Connection: close" in raw:
                sock.close()
                sock = None
        if sock is not None:
            sock.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["elapsed"] = time.perf_counter() - started
    results["statuses"] = statuses
    return results


def probe_framing(port: int) -> collections.Counter:
    answers: collections.Counter = collections.Counter()
    for raw in framing_probes():
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(raw.replace(b"Host: 127.0.0.1", f"Host: 127.0.0.1:{port}".encode()))
            try:
                status, headers, _ = read_response(sock, bytearray())
            except ConnectionError:
                status, headers = 0, {}
        django = b"content-security-policy" in headers
        answers[(status, "Django" if django else "gunicorn")] += 1
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=1800, help="longest time for the run")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/hp_bench_fuzz"
    )
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/12")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    import psycopg

    name = args.database_url.rsplit("/", 1)[1]
    admin_url = args.database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    port = bench_feedback.free_port()
    env = {
        **bench_feedback.server_environment(port),
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.cache_url,
        "STATIC_ROOT": tempfile.mkdtemp(prefix="hp-fuzz-static-"),
    }
    for command in (["collectstatic", "--noinput", "-v", "0"], ["migrate", "--noinput", "-v", "0"]):
        subprocess.run([str(BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, check=True)
    with psycopg.connect(args.database_url, autocommit=True) as connection:
        connection.execute("DELETE FROM feedback_feedback")

    with tempfile.NamedTemporaryFile(
        prefix="hp-fuzz-gunicorn-", suffix=".log", delete=False
    ) as log:
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "helseplattform.wsgi"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            bench_feedback.wait_until_up(port, server)
            result = run(
                port,
                requests=args.requests,
                concurrency=args.concurrency,
                seconds=args.seconds,
                seed=args.seed,
            )
            framing = probe_framing(port)
        finally:
            bench_feedback.stop(server)

    with psycopg.connect(args.database_url) as connection:
        rows = connection.execute("SELECT count(*) FROM feedback_feedback").fetchone()[0]
        leaks = sum(
            connection.execute(
                "SELECT count(*) FROM feedback_feedback WHERE comment LIKE %s OR page LIKE %s",
                [f"%{raw}%", f"%{raw}%"],
            ).fetchone()[0]
            for raw in RAW
        )
    statuses = result["statuses"]
    answered = sum(statuses.values())
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"Fuzzed feedback submissions (gunicorn, PostgreSQL, Redis; {os.cpu_count()} cores, "
        f"{args.concurrency} connections, seed {args.seed})"
    )
    print(f"  sent:                      {answered + result['transport']:,} in {result['elapsed']:.0f} s "
          f"({answered / result['elapsed']:,.0f}/s)")  # fmt: skip
    print(f"  status counts:             {dict(sorted(statuses.items()))}")
    print(f"  no answer (transport):     {result['transport']} {result['transport_samples']}")
    print(f"  accepted (success answer to a person): {result['accepted']:,}")
    print(f"  rows stored:               {rows:,}")
    print(f"  answers without a security header: {result['without_headers']}")
    print(f"  5xx:                       {server_errors}")
    for status, raw in result["server_errors"]:
        print(f"    {status}: {raw!r}")
    print(f"  rows with raw personal data: {leaks}")
    print(f"  framing gunicorn refuses before Django: {dict(framing)}")
    print(f"  server log:                {log.name}")
    failures = []
    if server_errors:
        failures.append(f"{server_errors} answers were 5xx")
    if rows != result["accepted"]:
        failures.append(f"{rows} rows stored for {result['accepted']} accepted submissions")
    if leaks:
        failures.append("raw personal data reached the database")
    if result["without_headers"]:
        failures.append(f"{result['without_headers']} answers lacked a security header")
    if answered + result["transport"] < args.requests:
        failures.append(f"only {answered + result['transport']:,} sent within {args.seconds:g} s")
    if result["transport"]:
        failures.append(f"{result['transport']} requests got no answer")
    if failures:
        raise SystemExit("FAILED: " + "; ".join(failures))
    print("ok   no 5xx, rows stored == accepted, no raw personal data, every header present")


if __name__ == "__main__":
    main()
