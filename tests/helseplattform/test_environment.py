"""The typed environment readers behind settings.py."""

import pytest

from helseplattform.environment import (
    ConfigError,
    env_bool,
    env_cache,
    env_database,
    env_int,
    env_list,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("ja", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("", False),
        ("nei", False),
    ],
)
def test_it_reads_booleans_in_the_usual_spellings(raw, expected):
    assert env_bool("DEBUG", default=not expected, environ={"DEBUG": raw}) is expected


def test_it_uses_the_default_when_a_boolean_is_unset():
    assert env_bool("DEBUG", default=True, environ={}) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "truee", "y e s"])
def test_it_rejects_a_boolean_it_cannot_read_and_names_the_variable(raw):
    with pytest.raises(ConfigError, match=r"^DEBUG="):
        env_bool("DEBUG", default=False, environ={"DEBUG": raw})


def test_it_reads_whole_numbers_and_enforces_the_minimum():
    assert env_int("N", default=5, environ={"N": " 12 "}) == 12
    assert env_int("N", default=5, environ={}) == 5
    with pytest.raises(ConfigError, match="N='twelve' is not a whole number"):
        env_int("N", default=5, environ={"N": "twelve"})
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("N", default=5, minimum=1, environ={"N": "0"})


def test_it_splits_lists_on_commas_and_drops_blanks():
    assert env_list("HOSTS", default=[], environ={"HOSTS": "a.no, b.no,,"}) == ["a.no", "b.no"]
    assert env_list("HOSTS", default=["x"], environ={}) == ["x"]
    assert env_list("HOSTS", default=["x"], environ={"HOSTS": ""}) == []


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("postgres://postgres@127.0.0.1:5432/hp", "helseplattform.postgresql", "hp"),
        ("postgresql://u:p@db/site", "helseplattform.postgresql", "site"),
        ("sqlite:////tmp/site.sqlite3", "django.db.backends.sqlite3", "/tmp/site.sqlite3"),
    ],
)
def test_it_parses_database_urls(url, engine, name):
    config = env_database("DATABASE_URL", default="", environ={"DATABASE_URL": url})
    assert config["ENGINE"] == engine
    assert config["NAME"] == name


def test_it_keeps_persistent_connections_for_postgres_only():
    pg = env_database("D", default="", environ={"D": "postgres://h/db"})
    lite = env_database("D", default="", environ={"D": "sqlite:////tmp/x.db"})
    assert pg["CONN_MAX_AGE"] > 0
    assert lite["CONN_MAX_AGE"] == 0


def test_it_bounds_connecting_and_every_statement_on_postgres():
    pg = env_database("D", default="", environ={"D": "postgres://h/db"}, timeout_seconds=2)
    assert pg["OPTIONS"]["connect_timeout"] == 2
    assert "-c statement_timeout=2000" in pg["OPTIONS"]["options"]
    assert pg["STATEMENT_TIMEOUT_SECONDS"] == 2
    assert pg["ENGINE"] == "helseplattform.postgresql"
    # Health checks would run a query outside the client-side timeout.
    assert pg["CONN_HEALTH_CHECKS"] is False


def test_a_timeout_of_zero_leaves_postgres_unbounded():
    pg = env_database("D", default="", environ={"D": "postgres://h/db"}, timeout_seconds=0)
    assert "STATEMENT_TIMEOUT_SECONDS" not in pg


@pytest.mark.parametrize("url", ["notaurl", "mysqlx://h/db", "postgres://u@h:port/db"])
def test_it_rejects_a_database_url_it_cannot_read_and_names_the_variable(url):
    with pytest.raises(ConfigError, match=r"^DATABASE_URL"):
        env_database("DATABASE_URL", default="", environ={"DATABASE_URL": url})


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/1", "helseplattform.redis_cache.RedisCache"),
        ("rediss://cache.example:6380/0", "helseplattform.redis_cache.RedisCache"),
        ("file:///var/cache/hp", "django.core.cache.backends.filebased.FileBasedCache"),
        ("database://", "helseplattform.counters.DatabaseCounterCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_it_chooses_the_cache_backend_from_the_url_scheme(url, backend):
    assert env_cache("CACHE_URL", default="", environ={"CACHE_URL": url})["BACKEND"] == backend


def test_it_passes_the_redis_url_through_to_the_backend():
    config = env_cache("CACHE_URL", default="", environ={"CACHE_URL": "redis://h:6379/2"})
    assert config["LOCATION"] == "redis://h:6379/2"


def test_it_gives_redis_short_socket_timeouts_and_no_retries():
    config = env_cache(
        "CACHE_URL", default="", socket_timeout=0.25, environ={"CACHE_URL": "redis://h:6379/2"}
    )
    assert config["OPTIONS"]["socket_timeout"] == 0.25
    assert config["OPTIONS"]["socket_connect_timeout"] == 0.25
    assert config["OPTIONS"]["retry"].get_retries() == 0


@pytest.mark.parametrize(
    "url", ["memcache://h", "redis://", "redis://h:notaport/0", "h:6379", "file://relative"]
)
def test_it_rejects_a_cache_url_it_cannot_use_and_names_the_variable(url):
    with pytest.raises(ConfigError, match=r"^CACHE_URL"):
        env_cache("CACHE_URL", default="", environ={"CACHE_URL": url})
