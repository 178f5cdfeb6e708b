"""A Django cache backend for counters, on the ``serving_counter`` table: the "counters" alias.

The admin login lock-out (django-axes, ``AXES_CACHE``) and the feedback rate limit
count in it. Unlike the page cache it never evicts a live counter, survives any
restart of Redis, and counts atomically across every worker and server:
``incr()`` is a single ``UPDATE … RETURNING`` and ``add()`` an insert that only
one writer can win, so the lock-out holds at exactly ``AXES_FAILURE_LIMIT``.
Keys are the callers' hashes; no address or username is stored.

Only what counters need is implemented (add, get, set, incr, touch, delete,
clear); a plain value cache would keep the page cache's pickled values instead.
"""

from __future__ import annotations

import datetime
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import IntegrityError, connections, router, transaction

from helseplattform.models import Counter

# A counter stored without a timeout: far enough away never to matter.
NEVER = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


class DatabaseCounterCache(BaseCache):
    """Integer counters with expiry in the database, counted atomically."""

    def __init__(self, location, params):
        super().__init__(params)

    @property
    def _db(self) -> str:
        return router.db_for_write(Counter)

    @staticmethod
    def _now() -> datetime.datetime:
        return datetime.datetime.fromtimestamp(time.time(), tz=datetime.UTC)

    def _expires(self, timeout) -> datetime.datetime:
        moment = self.get_backend_timeout(timeout)
        if moment is None:
            return NEVER
        return datetime.datetime.fromtimestamp(moment, tz=datetime.UTC)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        now = self._now()
        rows = Counter.objects.using(self._db)
        with transaction.atomic(using=self._db):
            rows.filter(expires__lte=now).delete()
            try:
                with transaction.atomic(using=self._db):
                    rows.create(key=key, value=int(value), expires=self._expires(timeout))
            except IntegrityError:
                return False
        return True

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        value = (
            Counter.objects.using(self._db)
            .filter(key=key, expires__gt=self._now())
            .values_list("value", flat=True)
            .first()
        )
        return default if value is None else value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        Counter.objects.using(self._db).update_or_create(
            key=key, defaults={"value": int(value), "expires": self._expires(timeout)}
        )

    def incr(self, key, delta=1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        connection = connections[self._db]
        quote = connection.ops.quote_name
        table = quote(Counter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {quote('value')} = {quote('value')} + %s "  # noqa: S608 - names quoted
                f"WHERE {quote('key')} = %s AND {quote('expires')} > %s RETURNING {quote('value')}",
                [delta, key, connection.ops.adapt_datetimefield_value(self._now())],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return bool(
            Counter.objects.using(self._db)
            .filter(key=key, expires__gt=self._now())
            .update(expires=self._expires(timeout))
        )

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        deleted, _ = Counter.objects.using(self._db).filter(key=key).delete()
        return bool(deleted)

    def has_key(self, key, version=None) -> bool:
        return self.get(key, version=version) is not None

    def clear(self) -> None:
        Counter.objects.using(self._db).all().delete()
