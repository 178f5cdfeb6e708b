"""Count admin login attempts so the lock-out holds at exactly its limit (``AXES_HANDLER``).

django-axes' cache handler reads the failure count before the password is
checked and writes it after: wrong passwords sent at the same moment to
several workers all read the same count and all get checked (12 were tried
against a limit of 5 with three workers). This handler reserves the attempt
first, with one atomic ``add``/``incr`` in the counters cache (``AXES_CACHE``:
the database's counter table or a Redis that never evicts), and checks the
password only when the reservation is within ``AXES_FAILURE_LIMIT``:

- reservations 1 to 5 are checked; a wrong one gets the login form back with
  its error, and the fifth wrong one locks the username;
- a reservation past the limit is refused without checking the password (the
  right one too, so a guess never learns it was right) and answered with the
  lock-out page (``helseplattform/lockout.py``); it is counted and restarts the
  wait, as axes does with ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT`` on (its
  default, which this handler assumes: the count is taken before it is known
  whether the attempt will be refused);
- a successful login deletes the count (``AXES_RESET_ON_SUCCESS``), or, with
  that setting off, gives its reservation back.

While the counters cache cannot be reached the reservation fails, and the
login answers 503 (``helseplattform/unavailable.py``): the lock-out fails closed,
since a login that cannot be counted cannot be limited.
"""

from __future__ import annotations

import logging

from axes.conf import settings
from axes.handlers.cache import AxesCacheHandler
from axes.helpers import (
    get_cache_timeout,
    get_client_cache_keys,
    get_client_username,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.signals import user_locked_out

logger = logging.getLogger("axes")

# The request attribute that carries this request's reservation (its count) to the signals.
RESERVATION = "axes_reserved_attempt"


class ReservingCacheHandler(AxesCacheHandler):
    """axes' cache handler, with the attempt counted before the password is checked."""

    def is_allowed(self, request, credentials: dict | None = None) -> bool:
        if credentials is None or (
            settings.AXES_ONLY_ADMIN_SITE and not self.is_admin_request(request)
        ):
            # Not an authentication about to check a password (axes' view decorators).
            return super().is_allowed(request, credentials)
        if self.is_blacklisted(request, credentials):
            return False
        if self.is_whitelisted(request, credentials):
            return True
        if not hasattr(request, RESERVATION):
            setattr(request, RESERVATION, self.reserve(request, credentials))
        reserved = getattr(request, RESERVATION)
        return not (
            settings.AXES_LOCK_OUT_AT_FAILURE
            and reserved is not None
            and reserved > get_failure_limit(request, credentials)
        )

    def reserve(self, request, credentials: dict) -> int | None:
        """Count this attempt atomically; return its number (None when it cannot be counted)."""
        if (
            get_lockout_parameters(request, credentials) == ["username"]
            and get_client_username(request, credentials) is None
        ):
            return None  # axes keeps no count without a username either
        timeout = get_cache_timeout(request)
        counts = []
        for key in get_client_cache_keys(request, credentials):
            if self.cache.add(key=key, value=1, timeout=timeout):
                counts.append(1)
            else:
                counts.append(self.cache.incr(key=key, delta=1))
                self.cache.touch(key=key, timeout=timeout)  # every attempt restarts the wait
        return max(counts, default=None)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        reserved = getattr(request, RESERVATION, None) if request is not None else None
        if reserved is None:
            # Not counted before the check (no username, whitelisted): axes' own path.
            return super().user_login_failed(sender, credentials, request, **kwargs)
        request.axes_failures_since_start = reserved
        limit = get_failure_limit(request, credentials)
        if not settings.AXES_LOCK_OUT_AT_FAILURE or reserved < limit:
            logger.warning("AXES: Login failure %d of %d.", reserved, limit)
            return
        if reserved == limit:
            # The last attempt allowed, and wrong: it gets the form back, the next one is refused.
            logger.warning("AXES: Locking out a username after %d login failures.", limit)
        else:
            request.axes_locked_out = True
            request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        reserved = getattr(request, RESERVATION, None)
        if reserved is not None and not settings.AXES_RESET_ON_SUCCESS:
            # The reservation was a success, not a failure: give it back.
            for key in get_client_cache_keys(request, {"username": user.get_username()}):
                self.cache.incr(key=key, delta=-1)
