"""Read typed settings from environment variables.

Each helper returns a clean value or raises ``ConfigError`` naming the variable,
so that ``settings.py`` can stop startup with one clear line instead of a
traceback (see ``helseplattform.settings``).

    env_bool("DEBUG", default=False)        # "1", "true", "yes", "on" / "0", "false", "no", "off"
    env_list("ALLOWED_HOSTS", default=[])   # comma separated, blanks dropped
    env_int("FEEDBACK_RETENTION_DAYS", default=365, minimum=1)
"""

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

import dj_database_url

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "ja"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", "nei", ""})


class ConfigError(Exception):
    """A setting from the environment is missing or malformed."""


def env_str(name: str, *, default: str = "", environ: Mapping[str, str] = os.environ) -> str:
    """Return the variable, stripped, or the default when it is unset."""
    return environ.get(name, default).strip()


def env_bool(name: str, *, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Return the variable as a boolean; reject anything that is not clearly yes or no."""
    if name not in environ:
        return default
    word = environ[name].strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(
        f"{name}={environ[name]!r} is not a boolean: use 1/0, true/false, yes/no or on/off."
    )


def env_int(
    name: str, *, default: int, minimum: int | None = None, environ: Mapping[str, str] = os.environ
) -> int:
    """Return the variable as an integer, at least ``minimum``."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} is too small: it must be at least {minimum}.")
    return value


def env_list(
    name: str, *, default: list[str], environ: Mapping[str, str] = os.environ
) -> list[str]:
    """Return a comma-separated variable as a list, blanks dropped."""
    if name not in environ:
        return list(default)
    return [item.strip() for item in environ[name].split(",") if item.strip()]


def env_database(
    name: str,
    *,
    default: str,
    timeout_seconds: int = 2,
    environ: Mapping[str, str] = os.environ,
) -> dict[str, object]:
    """Return a Django DATABASES entry parsed from a database URL by dj-database-url.

    On PostgreSQL, ``timeout_seconds`` bounds connecting (libpq's
    ``connect_timeout``) and every statement (``statement_timeout`` on the server,
    and ``helseplattform.database_timeouts`` on the client for a server that does
    not answer at all), so a hung database looks like a down one. 0 turns both off.
    """
    url = env_str(name, default=default, environ=environ)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=False)
    except (ValueError, KeyError) as error:
        raise ConfigError(f"{name} is not a database URL this site understands: {error}") from None
    if not config.get("ENGINE"):
        raise ConfigError(f"{name} has no database engine; use postgres://… or sqlite:///…")
    if config["ENGINE"].endswith("sqlite3"):
        # Persistent connections are for servers, not files.
        config["CONN_MAX_AGE"] = 0
    elif "postgresql" in config["ENGINE"] and timeout_seconds:
        # Health checks off: their query would run outside the client-side timeout.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", max(2, timeout_seconds))
        options["options"] = (
            f"{options.get('options', '')} -c statement_timeout={timeout_seconds * 1000}"
        ).strip()
        config["STATEMENT_TIMEOUT_SECONDS"] = timeout_seconds
        # Django's PostgreSQL backend plus the client-side timeout (helseplattform.postgresql).
        config["ENGINE"] = "helseplattform.postgresql"
    return config


def with_connection_pool(config: dict[str, object], *, max_size: int) -> dict[str, object]:
    """Return the DATABASES entry drawing on psycopg's pool of at most ``max_size`` connections.

    The pool is per process: a gunicorn instance opens at most WEB_CONCURRENCY x
    ``max_size`` connections however many clients it has, which is what bounds N
    instances within PostgreSQL's max_connections (README "Database connections").
    A gthread worker's threads each hold one connection during a request, so a pool as
    large as GUNICORN_THREADS never makes a request wait. PostgreSQL only; ``max_size``
    0 keeps one persistent connection per thread instead. Django's pool requires
    CONN_MAX_AGE 0: the connection goes back to the pool at the end of each request.
    """
    if max_size == 0 or not str(config["ENGINE"]).endswith("postgresql"):
        return config
    # Under gunicorn a hung or stopped database must answer within DATABASE_TIMEOUT_SECONDS
    # (env_database): a request then waits no longer than that for a connection either.
    serving_timeout = config.get("STATEMENT_TIMEOUT_SECONDS")
    timeout = serving_timeout or 10
    pool = {
        "min_size": 1,
        "max_size": max_size,
        # A request waits at most this long for a free connection, then fails (503).
        "timeout": timeout,
        # Idle connections above min_size close after 5 minutes.
        "max_idle": 300,
    }
    options = {**config.get("OPTIONS", {}), "pool": pool}
    # With a pool, Django's health checks make the pool hand out only connections
    # that answer: after a PostgreSQL restart the stale ones are replaced instead of
    # failing a request each. Not with the serving timeouts: the check's query would
    # run outside the client-side watchdog (helseplattform.database_timeouts).
    health_checks = not serving_timeout
    return {**config, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": health_checks, "OPTIONS": options}


CACHE_BACKENDS = {
    # Django's Redis backend without a new redis-py client per call (helseplattform.redis_cache).
    "redis": "helseplattform.redis_cache.RedisCache",
    "rediss": "helseplattform.redis_cache.RedisCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    # Counters in the database (helseplattform.counters): the default for COUNTER_CACHE_URL.
    "database": "helseplattform.counters.DatabaseCounterCache",
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "dummy": "django.core.cache.backends.dummy.DummyCache",
}


def env_cache(
    name: str,
    *,
    default: str,
    socket_timeout: float = 0.25,
    environ: Mapping[str, str] = os.environ,
) -> dict[str, object]:
    """Return a Django CACHES entry from a cache URL.

    ``redis://host:6379/1`` uses Django's Redis backend, which hands the URL
    itself to redis-py (that library does the parsing), with ``socket_timeout``
    for connecting and for every reply and no retries: a hung Redis then costs
    one short wait, never the client's default of none. ``file:///path`` is a
    cache shared by the processes of one machine, ``database://`` the counter
    table, ``locmem://`` the embedded default for a single process.
    """
    url = env_str(name, default=default, environ=environ)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as error:
        raise ConfigError(f"{name} is not a valid URL: {error}") from None
    backend = CACHE_BACKENDS.get(parts.scheme)
    if backend is None:
        schemes = ", ".join(f"{scheme}://" for scheme in CACHE_BACKENDS)
        raise ConfigError(f"{name}={url!r} has an unknown scheme; use one of {schemes}")
    if parts.scheme.startswith("redis"):
        if not parts.hostname:
            raise ConfigError(f"{name}={url!r} names no Redis host.")
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        options = {
            "socket_connect_timeout": socket_timeout,
            "socket_timeout": socket_timeout,
            "retry": Retry(NoBackoff(), 0),
        }
        return {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": "hp",
            "TIMEOUT": 300,
            "OPTIONS": options,
        }
    if parts.scheme == "file":
        if not parts.path.startswith("/"):
            raise ConfigError(f"{name}={url!r} needs an absolute path, e.g. file:///var/cache/hp")
        return {"BACKEND": backend, "LOCATION": parts.path, "TIMEOUT": 300}
    return {"BACKEND": backend, "LOCATION": parts.netloc or "helseplattform", "TIMEOUT": 300}
