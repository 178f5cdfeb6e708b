"""What is current: the content version, kept in the database, and this process's copy of it.

The database says what is current, caches only make reading it cheaper:

- ``bump_content_version()`` raises the one row of ``ContentVersion`` in the
  transaction of the change itself. Models that appear on public pages are
  registered by their app (``register_public_content``, from its ``AppConfig``):
  their saves call it (``BumpsContentVersion`` in the phases app), and every
  delete (bulk ones included) and many-to-many change bumps it through the
  signals Django sends inside the writing transaction.
- Scheduled publish and unpublish moments are never written by anyone: the
  *effective* version is the row's number plus the latest scheduled moment (or
  Oslo midnight, when derived statuses move on) that has passed. Every process
  on every server computes the same value from the same rows, so ETags agree.
- Each process keeps a copy (``ContentClock``) for at most ``TRUST_SECONDS``
  and never past the next scheduled moment; the process that saved forgets it
  at once. Only one thread refreshes it at a time, and the others keep using
  the copy they have. Once a refresh has failed, the next ones run in a
  background thread while every request uses the last copy, so a hung database
  holds up one request per process (the one that found out), not the site.
  While the database is unreachable the last copy is kept (cached pages keep
  being served) and asked for again every ``RETRY_SECONDS``.

This module names no app: ``helseplattform`` never imports the apps.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from dataclasses import dataclass, field

from django.db import DatabaseError, connections, transaction
from django.db.models import F, Max, Min, Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete
from django.utils import timezone

from helseplattform.models import ContentVersion

logger = logging.getLogger(__name__)

# How long a process trusts its copy of the version before asking the database.
TRUST_SECONDS = 1.0
# While the database is unreachable, how soon to ask again.
RETRY_SECONDS = 2.0
VERSION_ROW = 1


@dataclass
class PublicContent:
    """The models whose rows appear on public pages, and their scheduled moments."""

    models: list[type] = field(default_factory=list)
    # (model, field name) of every publish/unpublish moment.
    scheduled: list[tuple[type, str]] = field(default_factory=list)


public_content = PublicContent()


def register_public_content(model: type, *, scheduled_fields: tuple[str, ...] = ()) -> None:
    """Declare that ``model``'s rows are shown publicly, and which of its fields schedule them.

    Deletes and many-to-many changes of the model then bump the content version
    in their own transaction; saves must call ``bump_content_version`` themselves
    (so that ``save()`` and the bump share a transaction).
    """
    if model in public_content.models:
        return
    public_content.models.append(model)
    public_content.scheduled.extend((model, name) for name in scheduled_fields)
    post_delete.connect(_bump_on_signal, sender=model, dispatch_uid=f"content-{model._meta.label}")
    for m2m in model._meta.local_many_to_many:
        m2m_changed.connect(
            _bump_on_m2m,
            sender=m2m.remote_field.through,
            dispatch_uid=f"content-{model._meta.label}-{m2m.name}",
        )


def _bump_on_signal(sender, using, **kwargs) -> None:
    bump_content_version(using=using)


def _bump_on_m2m(sender, action, using, **kwargs) -> None:
    if action.startswith("post_"):
        bump_content_version(using=using)


def bump_content_version(*, using: str | None = None) -> None:
    """Mark every public page stale, in the current transaction: call it with every change."""
    rows = ContentVersion.objects.using(using).filter(pk=VERSION_ROW)
    if not rows.update(version=F("version") + 1):
        # First use, or an emptied table: start from the clock, so the number was never used.
        ContentVersion.objects.using(using).get_or_create(
            pk=VERSION_ROW, defaults={"version": time.time_ns() // 1000}
        )
    content_clock.forget()
    transaction.on_commit(content_clock.forget, using=using)


@dataclass(frozen=True)
class ContentState:
    """The effective content version and the next moment it changes by itself."""

    version: str
    next_change: datetime.datetime


def scheduled_moments(*, now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """Return the latest scheduled moment at or before ``now`` and the first one after it.

    Each bounded by Oslo midnight, when derived statuses ("under way", "done") move on.
    """
    local = timezone.localtime(now)
    last = timezone.make_aware(datetime.datetime.combine(local.date(), datetime.time.min))
    following = timezone.make_aware(
        datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min)
    )
    fields: dict[type, list[str]] = {}
    for model, name in public_content.scheduled:
        fields.setdefault(model, []).append(name)
    for model, names in fields.items():
        # One query per model; a plain QuerySet, as modeltranslation's manager rewrites values().
        moments = QuerySet(model=model).aggregate(
            **{f"last_{n}": Max(n, filter=Q(**{f"{n}__lte": now})) for n in names},
            **{f"next_{n}": Min(n, filter=Q(**{f"{n}__gt": now})) for n in names},
        )
        for name in names:
            if moments[f"last_{name}"] is not None and moments[f"last_{name}"] > last:
                last = moments[f"last_{name}"]
            if moments[f"next_{name}"] is not None and moments[f"next_{name}"] < following:
                following = moments[f"next_{name}"]
    return last, following


def stored_version() -> int:
    """Return the content version row's number (0 before the first change)."""
    return (
        ContentVersion.objects.filter(pk=VERSION_ROW).values_list("version", flat=True).first() or 0
    )


class ContentClock:
    """This process's copy of the content state, refreshed by one thread at a time."""

    def __init__(self) -> None:
        self._refreshing = threading.Lock()
        self.forget()

    def forget(self) -> None:
        """Drop the copy: the next request asks the database."""
        self._state: ContentState | None = None
        self._stored: int | None = None
        self._read_at = float("-inf")
        self._failing = False

    def _trusted(self, state: ContentState | None, *, now: datetime.datetime) -> bool:
        """Return True while the copy is younger than TRUST_SECONDS and before its next change."""
        return (
            state is not None
            and monotonic() - self._read_at < TRUST_SECONDS
            and now < state.next_change
        )

    def state(self, *, now: datetime.datetime) -> ContentState | None:
        """Return the content state at ``now``; ``None`` only when it was never readable."""
        state = self._state
        if self._trusted(state, now=now):
            return state
        # One thread refreshes; the others use the copy they have, however old.
        if not self._refreshing.acquire(blocking=state is None):
            return state
        if self._failing and state is not None:
            threading.Thread(target=self._refresh_in_background, args=(now,), daemon=True).start()
            return state
        try:
            return self._refresh(now=now)
        finally:
            self._refreshing.release()

    def _refresh_in_background(self, now: datetime.datetime) -> None:
        try:
            self._refresh(now=now)
        finally:
            self._refreshing.release()
            connections.close_all()  # this thread's own connection

    def _refresh(self, *, now: datetime.datetime) -> ContentState | None:
        state = self._state
        if self._trusted(state, now=now):
            return state  # another thread refreshed it while this one waited
        try:
            stored = stored_version()
            if state is None or stored != self._stored or now >= state.next_change:
                last, following = scheduled_moments(now=now)
                state = ContentState(
                    version=f"{stored}.{int(last.timestamp())}", next_change=following
                )
        except DatabaseError as error:
            # Keep serving what was current; ask again shortly.
            warn_once_a_minute("database", error)
            self._failing = True
            self._read_at = monotonic() - TRUST_SECONDS + RETRY_SECONDS
            return state
        self._state, self._stored, self._read_at = state, stored, monotonic()
        self._failing = False
        return state


def monotonic() -> float:
    """The clock of the per-process copies (a function, so tests can move it)."""
    return time.monotonic()


content_clock = ContentClock()


def content_state(*, now: datetime.datetime) -> ContentState | None:
    """Return the content version and the next scheduled change (``None``: never readable)."""
    return content_clock.state(now=now)


_last_warning: dict[str, float] = {}


def warn_once_a_minute(dependency: str, error: BaseException) -> None:
    """Log that a dependency failed, at most once a minute per dependency and process."""
    moment = time.monotonic()
    if moment - _last_warning.get(dependency, float("-inf")) < 60:
        return
    _last_warning[dependency] = moment
    logger.warning(
        "The %s is unreachable (%s); serving without it.", dependency, type(error).__name__
    )
