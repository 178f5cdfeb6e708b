"""API keys for the analysts' own tools: made once, stored as a digest, revocable.

A key is 32 random bytes (URL-safe text) with a short prefix to tell keys apart in
the admin. Only its SHA-256 digest is stored, so a copy of the database gives no
working key; the key is compared by looking up its digest, so the comparison
reveals nothing by timing. Keys travel in the ``Authorization: Bearer …`` header
only, never in an address, so no access log or referrer carries them.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

KEY_PREFIX = "hpa_"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(token) -> str:
    """Give ``token`` (an unsaved ``AnalystToken``) a new key, save it and return the key."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token.prefix = key[: len(KEY_PREFIX) + 4]
    token.digest = digest(key)
    token.save()
    return key


def authenticate(header: str | None):
    """Return the active ``AnalystToken`` named by an ``Authorization`` header, or None."""
    from feedback.models import AnalystToken

    if not header:
        return None
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip().startswith(KEY_PREFIX):
        return None
    token = (
        AnalystToken.objects.select_related("user")
        .filter(digest=digest(key.strip()), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not token.user.has_perm("feedback.view_feedback"):
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        type(token).objects.filter(pk=token.pk).update(last_used_on=today)
    return token
