"""psycopg's connection pool: configured from DATABASE_POOL_SIZE, and bounding real connections."""

import threading

import pytest
from django.db import connection

from helseplattform.environment import env_database, with_connection_pool

POSTGRES = "postgres://user:secret@db.example.no:5432/tidslinje"


def test_it_draws_postgresql_connections_from_a_pool_of_the_given_size():
    config = with_connection_pool(
        env_database("URL", default=POSTGRES, environ={}, timeout_seconds=0), max_size=4
    )
    pool = config["OPTIONS"]["pool"]
    assert (pool["min_size"], pool["max_size"], pool["timeout"]) == (1, 4, 10)
    # Django's pool refuses persistent connections: each request hands its connection back.
    assert config["CONN_MAX_AGE"] == 0
    # Django then passes the pool psycopg's check, so it hands out only live connections.
    assert config["CONN_HEALTH_CHECKS"] is True


def test_under_the_serving_timeout_the_pool_waits_little_and_checks_nothing_unguarded():
    config = with_connection_pool(
        env_database("URL", default=POSTGRES, environ={}, timeout_seconds=2), max_size=4
    )
    # A request waits about as long for a connection as for a statement; the health
    # check's query would run outside the client-side watchdog, so it is off.
    assert config["OPTIONS"]["pool"]["timeout"] == 2
    assert config["CONN_HEALTH_CHECKS"] is False


def test_it_keeps_the_other_connection_options_beside_the_pool():
    config = env_database("URL", default=f"{POSTGRES}?sslmode=require", environ={})
    pooled = with_connection_pool(config, max_size=2)
    assert pooled["OPTIONS"]["sslmode"] == "require"
    assert "pool" not in config.get("OPTIONS", {})


@pytest.mark.parametrize(
    ("url", "max_size"),
    [
        (POSTGRES, 0),
        ("sqlite:///db.sqlite3", 4),
    ],
)
def test_it_leaves_the_database_unpooled_when_off_or_not_postgresql(url, max_size):
    config = env_database("URL", default=url, environ={})
    assert with_connection_pool(config, max_size=max_size) == config


def observer(database: dict):
    """Return a connection of its own to the test database, outside Django and its pool."""
    import psycopg

    return psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"],
        dbname=database["NAME"],
        autocommit=True,
    )


def backends(observing, name: str) -> int:
    """Return how many connections to the database are open now, the observer's not counted."""
    return observing.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    ).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_it_never_opens_more_connections_than_the_pool_allows_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the pool is PostgreSQL's; the PostgreSQL run of CI runs this")
    max_size = connection.settings_dict["OPTIONS"]["pool"]["max_size"]
    clients = max_size * 3
    started = threading.Barrier(clients + 1)
    errors = []

    def request():
        from django.db import connection as own

        try:
            started.wait(timeout=10)
            with own.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(0.2)")
        except Exception as error:
            errors.append(error)
        finally:
            own.close()  # back to the pool, as at the end of a request

    name = connection.settings_dict["NAME"]
    observing = observer(connection.settings_dict)
    # Connections of the test run itself that are not the pool's (the test database's setup).
    outside = backends(observing, name) - connection.pool.get_stats()["pool_size"]
    threads = [threading.Thread(target=request) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started.wait(timeout=10)
    seen = []
    while any(thread.is_alive() for thread in threads):
        seen.append(backends(observing, name))
    for thread in threads:
        thread.join()
    observing.close()
    assert errors == []
    # Three times as many clients at once as connections, served by max_size in turn.
    assert max(seen) - outside == max_size
    assert connection.pool.get_stats()["requests_queued"] > 0
