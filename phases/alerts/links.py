"""The links in alert messages: a confirmation that expires, and an unsubscribe that does not.

The confirmation link carries the subscriber's id signed with ``SECRET_KEY`` and
a timestamp (``TimestampSigner``): it cannot be forged, and it stops working after
``CONFIRM_DAYS``, when the unconfirmed address is deleted anyway. The unsubscribe
link carries the subscriber's random token: it must keep working for as long as
messages are sent. Both are in the query string, never the path, so neither
reaches an access log (which logs the route only).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import override

from phases.alerts.models import CONFIRM_DAYS

CONFIRM_SALT = "phases.alerts.confirm"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def confirmation_code(subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscriber.pk))


def subscriber_id_from_code(code: str, *, max_age: datetime.timedelta | None = None) -> int | None:
    """Return the subscriber id a confirmation code names, or None when forged or expired."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            code, max_age=max_age or datetime.timedelta(days=CONFIRM_DAYS)
        )
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return int(value) if value.isdigit() else None


def confirm_url(subscriber) -> str:
    with override(subscriber.language):
        path = reverse("phases:alerts_confirm")
    return absolute(f"{path}?kode={confirmation_code(subscriber)}")


def unsubscribe_url(subscriber) -> str:
    with override(subscriber.language):
        path = reverse("phases:alerts_unsubscribe")
    return absolute(f"{path}?kode={subscriber.token}")
