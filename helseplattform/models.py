"""The serving core's two tables: the content version and the counters.

``ContentVersion`` is one row whose number goes up in the same transaction as
every change to public content (``helseplattform.content``): the database, not a
cache, says what is current. ``Counter`` holds the admin login lock-out and the
feedback rate-limit counters (``helseplattform.counters``): page floods cannot
evict them and a Redis restart cannot reset them.
"""

from django.db import models


class ContentVersion(models.Model):
    """The version of the public content: one row, bumped by every change."""

    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "serving_content_version"

    def __str__(self) -> str:
        return str(self.version)


class Counter(models.Model):
    """A counter with an expiry, keyed by an opaque hash (never an address or a name)."""

    key = models.CharField(max_length=250, primary_key=True)
    value = models.BigIntegerField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "serving_counter"

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
