"""The alert worker killed in the middle of a batch of 1,000 messages, then started again.

Real processes: ``manage.py send_alerts`` against a database of the test's own (a
SQLite file, or a fresh PostgreSQL database on the server the suite runs on) and a
real SMTP server on loopback. The server kills the worker (SIGKILL) the moment it
has received message 300, before it answers, which is the worst moment: the
message is in, and the worker never hears so. Every message must arrive exactly
once, counted at the SMTP server.
"""

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.smtp import Inbox, free_port

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 1000
KILL_AT = 300

SEED = f"""
import datetime
from django.utils import timezone
from phases.models import DateEntry, Milestone, Organisation, Phase, Subscriber, Subscription
from phases.periods import Period
now = timezone.now()
before = now - datetime.timedelta(hours=1)
phase = Phase(slug="fase", position=1, title_nb="Fase", publish_at=before)
phase.period = Period.parse("2022")
phase.save()
org = Organisation.objects.create(name="Orkland kommune", slug="orkland", kind="kommune", county="trondelag", publish_at=before)
milestone = Milestone.objects.create(phase=phase, slug="orkland", title_nb="Orkland", publish_at=before)
milestone.organisations.set([org])
subscribers = Subscriber.objects.bulk_create(
    Subscriber(email=f"person{{n}}@example.no", language="nb", created_at=before, confirmed_at=before)
    for n in range({MESSAGES})
)
Subscription.objects.bulk_create(Subscription(subscriber=s, organisation=org) for s in subscribers)
entry = DateEntry(milestone=milestone, kind="revision", reason_nb="Utsatt")
entry.period = Period.parse("mai 2022")
entry.save()
"""

COUNT = """
import json
from collections import Counter
from phases.models import Delivery
print(json.dumps(Counter(Delivery.objects.values_list("state", flat=True))))
"""


class KillingInbox(Inbox):
    """An inbox that kills the worker when message ``kill_at`` has arrived, before answering it."""

    kill_at = KILL_AT
    worker_pid: int | None = None

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == self.kill_at and self.worker_pid:
            os.kill(self.worker_pid, signal.SIGKILL)
        return answer


@pytest.fixture
def worker_database(tmp_path):
    """Return the DATABASE_URL of a migrated database of this test's own, dropped afterwards."""
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        name = f"hp_alerts_{uuid.uuid4().hex[:10]}"
        server = (
            f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
        )
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{name}"
        finally:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        # In memory-backed storage where there is one: each message commits twice, and
        # a disk's fsync would make the test slow, not more true.
        folder = Path("/dev/shm") if Path("/dev/shm").is_dir() else tmp_path
        path = folder / f"hp-alerts-{uuid.uuid4().hex[:10]}.sqlite3"
        try:
            yield f"sqlite:///{path}"
        finally:
            path.unlink(missing_ok=True)


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def states_in(env) -> dict[str, int]:
    """Return how many deliveries are in each state (the last line of the shell's output)."""
    return json.loads(manage(env, "shell", "-c", COUNT).stdout.strip().splitlines()[-1])


def test_a_killed_worker_sends_every_message_exactly_once_after_a_restart(worker_database):
    inbox = KillingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {
        **os.environ,
        "DATABASE_URL": worker_database,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "SITE_URL": "https://tidslinje.example.no",
        "DEBUG": "0",
    }
    try:
        assert manage(env, "migrate", "--noinput", "-v", "0").returncode == 0
        seeded = manage(env, "shell", "-c", SEED)
        assert seeded.returncode == 0, seeded.stderr

        first = subprocess.Popen(
            [sys.executable, "manage.py", "send_alerts", "--once"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        inbox.worker_pid = first.pid
        first.wait(timeout=300)
        assert first.returncode == -signal.SIGKILL
        assert len(inbox.messages) == KILL_AT
        assert states_in(env)["pending"] > 0  # the kill really came mid-batch

        second = manage(env, "send_alerts", "--once")
        assert second.returncode == 0, second.stderr
    finally:
        controller.stop()

    recipients = [rcpt for rcpts, _message in inbox.messages for rcpt in rcpts]
    message_ids = [message["Message-ID"] for _rcpts, message in inbox.messages]
    assert len(inbox.messages) == MESSAGES
    assert len(set(recipients)) == MESSAGES
    assert len(set(message_ids)) == MESSAGES
    # The message the server had when the worker died stays handed over: never sent again.
    assert states_in(env) == {"sent": MESSAGES - 1, "handed_over": 1}
