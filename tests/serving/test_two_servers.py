"""Two `make serve` servers on one database: every change reaches every worker, one lock-out.

Both servers run as `make serve` runs them (deploy/gunicorn.conf.py, DEBUG off,
three workers each) on a throw-away PostgreSQL (``bench/throwaway.py``): one pair
shares a Redis page cache and counts logins in the database, the other gives each
server a file cache of its own (two machines) and counts logins in a Redis of its
own. The changes and the worker probes are bench/consistency.py's; here the
deadline is generous (10 s, the bench holds 2 s) so a busy CI machine does not
decide, but every worker must converge on one ETag.
"""

from __future__ import annotations

import os

import pytest

from bench import consistency
from bench.throwaway import Services, missing_tools

missing = missing_tools("/proc/net/tcp")
pytestmark = pytest.mark.skipif(
    bool(missing) and not os.environ.get("CI"), reason=f"needs {', '.join(missing)}"
)

DEADLINE_SECONDS = 10.0


class Stack:
    """The throw-away servers, each pair started the first time a test asks for it."""

    def __init__(self, services: Services):
        self.services = services
        self.db, self.environments = self._environments()
        self.pairs: dict[str, list[consistency.Probe]] = {}

    def _environments(self):
        db, redis_pair, file_pair = consistency.environments(self.services)
        return db, {"redis": redis_pair, "file": file_pair}

    def pair(self, kind: str) -> list[consistency.Probe]:
        if kind not in self.pairs:
            env_a, env_b = self.environments[kind]
            self.pairs[kind] = consistency.start_pair(self.services, env_a, env_b, kind)
        return self.pairs[kind]


@pytest.fixture(scope="module")
def stack():
    with Services() as services:
        yield Stack(services)


@pytest.mark.parametrize("kind", ["redis", "file"])
def test_every_change_reaches_every_worker_of_both_servers_with_one_etag(stack, kind):
    probes = stack.pair(kind)
    env = stack.environments[kind][0]
    username = f"redaktor-{kind}"
    editor = consistency.Editor(
        probes[0].server, username, consistency.create_editor(stack.services, env, username)
    )
    outcomes = consistency.make_changes(
        stack.services,
        env,
        probes,
        editor,
        consistency.read_content(stack.db),
        seconds=DEADLINE_SECONDS,
    )
    assert [o.change for o in outcomes] == [
        "admin edit (server A)",
        "manage.py shell",
        "restore from history",
        "many-to-many (admin)",
        "scheduled publish",
    ]
    for outcome in outcomes:
        reached = outcome.convergence
        assert reached.of == 2 * consistency.WORKERS, outcome.change
        assert reached.seconds is not None, (outcome.change, reached)
        assert len(reached.settled_etags) == 1, (outcome.change, reached.settled)
        assert None not in reached.settled_etags, outcome.change
    # The scheduled phase was shown by no worker before its moment.
    assert outcomes[-1].before_due.seconds is not None


@pytest.mark.parametrize(("kind", "counters"), [("redis", "database"), ("file", "Redis")])
def test_twenty_wrong_passwords_at_once_get_exactly_five_checked(stack, kind, counters):
    probes = stack.pair(kind)
    env = stack.environments[kind][0]
    assert ("COUNTER_CACHE_URL" in env) == (counters == "Redis")
    answers, right = consistency.lockout_under_concurrency(
        stack.services, env, probes, f"angrepet-{kind}"
    )
    assert sorted(answers).count("wrong password") == 5, answers
    assert sorted(answers).count("locked out") == 15, answers
    assert right == "locked out"
