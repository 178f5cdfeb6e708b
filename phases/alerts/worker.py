"""The alert worker: find new major date changes, fan them out, send every message once.

``manage.py send_alerts`` runs ``run_pass`` in a loop (``--once`` for one pass).
The queue is the ``Delivery`` table, so it survives restarts and needs no broker.

Each message is sent exactly once, also when the worker is killed mid-batch:

1. the row is locked (``SELECT … FOR UPDATE SKIP LOCKED`` where the database has
   it, so several workers can share the queue) and still ``pending``;
2. the SMTP transaction is opened and the whole message is written, except the
   final ``.`` that tells the server to accept it;
3. the row becomes ``handed_over`` and that is **committed**;
4. the ``.`` is sent and the server's answer read: ``sent``, or back to
   ``pending`` with back-off (4xx, a dropped connection), or ``failed`` (5xx).

A worker killed before step 3 leaves a ``pending`` row and a server that never
saw the ``.``, so it discards the half message, and the next worker sends it. A
worker killed after step 3 has told the server to take the message (or is about
to, within microseconds): the row is never sent again. The one gap, a kill
between the commit and writing the ``.``, loses a message rather than sending
it twice; it lasts microseconds and is logged as ``handed_over`` without
``sent_at`` confirmation (``Delivery.state``).

Failures are retried with exponential back-off (1, 2, 4 … minutes, at most six
hours) up to ``MAX_ATTEMPTS``; logs name the delivery's id and the error's type,
never an address.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import re
import smtplib
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from phases.alerts import messages
from phases.alerts.models import CONFIRM_DAYS, Announcement, Delivery, Subscriber, Subscription

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MAX_BACKOFF = datetime.timedelta(hours=6)
TEMPORARY_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError)


def backoff(attempts: int) -> datetime.timedelta:
    """Return how long to wait before attempt number ``attempts + 1``."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def change_moment(entry) -> datetime.datetime:
    """Return when a date change became public: recorded, or its milestone published, if later."""
    recorded = entry.history.order_by("history_date").values_list("history_date", flat=True).first()
    moments = [m for m in (recorded, entry.owner.publish_at) if m is not None]
    return max(moments) if moments else timezone.now()


def announce(*, now: datetime.datetime) -> int:
    """Fan each public major change out to its subscribers, once; return the messages queued.

    Only subscribers who had confirmed before the change became public are told: a
    new subscriber is not sent the history.
    """
    from phases.models import DateEntry, Organisation

    entries = (
        DateEntry.objects.published(at=now)
        .filter(is_major=True, milestone__isnull=False, announcement__isnull=True)
        .exclude(kind=DateEntry.Kind.ORIGINAL)
        .select_related("milestone")
    )
    queued = 0
    for entry in entries:
        moment = change_moment(entry)
        try:
            with transaction.atomic():
                Announcement.objects.create(date_entry=entry, announced_at=now)
                organisations = Organisation.objects.published(at=now).filter(
                    milestones=entry.milestone
                )
                subscriptions = Subscription.objects.filter(
                    organisation__in=organisations,
                    subscriber__confirmed_at__isnull=False,
                    subscriber__confirmed_at__lte=moment,
                )
                created = Delivery.objects.bulk_create(
                    [
                        Delivery(
                            subscriber_id=s.subscriber_id,
                            kind=Delivery.Kind.CHANGE,
                            date_entry=entry,
                            organisation_id=s.organisation_id,
                            next_attempt_at=now,
                            created_at=now,
                        )
                        for s in subscriptions
                    ]
                )
                queued += len(created)
        except IntegrityError:
            continue  # another worker announced it first
    return queued


def purge_unconfirmed(*, now: datetime.datetime) -> int:
    """Delete the addresses not confirmed within ``CONFIRM_DAYS`` (and their subscriptions)."""
    expired = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=CONFIRM_DAYS)
    )
    deleted, _per_model = expired.delete()
    return deleted


def build(delivery):
    """Return the e-mail for a delivery, with a Message-ID that is the same on every attempt."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    message_id = f"<alert-{delivery.pk}@{host}>"
    if delivery.kind == Delivery.Kind.CONFIRMATION:
        return messages.confirmation(delivery.subscriber, message_id=message_id)
    return messages.change(
        delivery.subscriber,
        entry=delivery.date_entry,
        organisation=delivery.organisation,
        message_id=message_id,
    )


def _quoted(data: bytes) -> bytes:
    # What smtplib.SMTP.data() does before the final dot (RFC 5321 §4.5.2), kept apart from it.
    data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


class Sender:
    """One SMTP connection through Django's SMTP backend, opened when first needed."""

    def __init__(self) -> None:
        self.backend = None

    def smtp(self) -> smtplib.SMTP:
        if self.backend is None:
            self.backend = get_connection()
            self.backend.open()
            self.backend.connection.ehlo_or_helo_if_needed()
        return self.backend.connection

    def close(self) -> None:
        if self.backend is not None:
            with contextlib.suppress(Exception):  # closing a connection that may be broken
                self.backend.close()
            self.backend = None

    def begin(self, message) -> None:
        """Write everything but the final dot; raise on any refusal."""
        smtp = self.smtp()
        code, _reply = smtp.mail(message.from_email)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, b"", message.from_email)
        for recipient in message.recipients():
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
        code, reply = smtp.docmd("data")
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        smtp.send(_quoted(message.message().as_bytes(linesep="\r\n")))

    def finish(self) -> tuple[int, bytes]:
        smtp = self.smtp()
        smtp.send(b".\r\n")
        return smtp.getreply()


def _lock_next(now: datetime.datetime):
    queryset = Delivery.objects.filter(
        state=Delivery.State.PENDING, next_attempt_at__lte=now
    ).order_by("id")
    # Lock the delivery row only ("self"): its entry and organisation are nullable
    # joins, which PostgreSQL cannot lock.
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True, of=("self",))
    else:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.select_related("subscriber", "date_entry__milestone", "organisation").first()


def _retry_later(delivery, error: Exception, *, now: datetime.datetime) -> None:
    attempts = delivery.attempts + 1
    state = Delivery.State.FAILED if attempts >= MAX_ATTEMPTS else Delivery.State.PENDING
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state,
        attempts=attempts,
        next_attempt_at=now + backoff(attempts),
        last_error=type(error).__name__,
    )
    logger.warning(
        "Alert delivery %s not sent (%s); %s.",
        delivery.pk,
        type(error).__name__,
        "given up" if state == Delivery.State.FAILED else f"retry in {backoff(attempts)}",
    )


def send_one(sender: Sender, *, now: datetime.datetime) -> bool:
    """Send the next pending message; return False when there is none due."""
    with transaction.atomic():
        delivery = _lock_next(now)
        if delivery is None:
            return False
        try:
            sender.begin(build(delivery))
        except smtplib.SMTPRecipientsRefused as error:
            sender.smtp().rset()
            codes = [code for code, _reply in error.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                delivery.attempts = MAX_ATTEMPTS - 1  # a permanent refusal: do not retry
            _retry_later(delivery, error, now=now)
            return True
        except (smtplib.SMTPResponseException, *TEMPORARY_ERRORS) as error:
            sender.close()
            _retry_later(delivery, error, now=now)
            return True
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.HANDED_OVER, attempts=delivery.attempts + 1
        )
    # Committed: from here on this message is never handed over again.
    try:
        code, _reply = sender.finish()
    except TEMPORARY_ERRORS as error:
        sender.close()
        logger.warning(
            "Alert delivery %s: no answer after the message (%s).",
            delivery.pk,
            type(error).__name__,
        )
        return True
    if code == 250:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.SENT, sent_at=timezone.now()
        )
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.FAILED, last_error=f"SMTP {code}"
        )
        logger.warning("Alert delivery %s refused by the SMTP server (%s).", delivery.pk, code)
    return True


def run_pass(
    *, now: datetime.datetime | None = None, stopping: Callable[[], bool] = lambda: False
) -> int:
    """Purge, announce, then send what is due until the queue is empty or ``stopping()``.

    Return how many messages were attempted.
    """
    now = now or timezone.now()
    purge_unconfirmed(now=now)
    announce(now=now)
    sender = Sender()
    attempted = 0
    try:
        while not stopping():
            if not send_one(sender, now=now):
                break
            attempted += 1
    except (TimeoutError, *TEMPORARY_ERRORS) as error:
        logger.warning("Alert worker: the SMTP server is unreachable (%s).", type(error).__name__)
    finally:
        sender.close()
    return attempted
