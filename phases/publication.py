"""The publishing state of a phase, milestone or organisation, in words for editors.

Pure functions over ``publish_at`` and ``unpublish_at`` and a moment: the same
rule as ``Publishable.is_published`` and the ``published(at=...)`` querysets
(public from ``publish_at``, hidden again from ``unpublish_at``), so the admin
never says "Publisert" about something visitors cannot see. ``has_been_public``
applies the rule to every saved version, for the delete rule in the admin.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class State(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


# The states' names, as the admin's filter and ``describe`` say them.
STATE_LABELS = {
    State.DRAFT: gettext_lazy("Utkast"),
    State.SCHEDULED: gettext_lazy("Planlagt"),
    State.PUBLISHED: gettext_lazy("Publisert"),
    State.UNPUBLISHED: gettext_lazy("Avpublisert"),
}


def state(
    *,
    publish_at: datetime.datetime | None,
    unpublish_at: datetime.datetime | None,
    at: datetime.datetime,
) -> State:
    """Return the publishing state at the moment ``at``."""
    if publish_at is None:
        return State.DRAFT
    if unpublish_at is not None and unpublish_at <= at:
        return State.UNPUBLISHED
    if publish_at > at:
        return State.SCHEDULED
    return State.PUBLISHED


def short_moment(moment: datetime.datetime, *, at: datetime.datetime) -> str:
    """Return «25.11. kl. 14:05» in Norwegian time, with the year when it is not this year's."""
    local = timezone.localtime(moment)
    this_year = timezone.localtime(at).year
    day = f"{local.day}.{local.month}." + ("" if local.year == this_year else f"{local.year}")
    return _("%(day)s kl. %(time)s") % {"day": day, "time": local.strftime("%H:%M")}


def describe(
    *,
    publish_at: datetime.datetime | None,
    unpublish_at: datetime.datetime | None,
    at: datetime.datetime,
) -> str:
    """Return the state as editors read it: «Planlagt publisert 25.11. kl. 14:05»."""
    current = state(publish_at=publish_at, unpublish_at=unpublish_at, at=at)
    if current in (State.DRAFT, State.UNPUBLISHED):
        return str(STATE_LABELS[current])
    if current == State.SCHEDULED:
        return _("Planlagt publisert %(moment)s") % {"moment": short_moment(publish_at, at=at)}
    if unpublish_at is not None:
        return _("Publisert, avpubliseres %(moment)s") % {
            "moment": short_moment(unpublish_at, at=at)
        }
    return str(STATE_LABELS[State.PUBLISHED])


# One version of the content: (saved at, publish_at, unpublish_at). ``saved at`` is
# None for a version with no known start (content written without history).
Version = tuple[datetime.datetime | None, datetime.datetime | None, datetime.datetime | None]


def has_been_public(versions: Iterable[Version], *, at: datetime.datetime) -> bool:
    """Return whether the content was public at any moment before ``at``.

    ``versions`` are its saved states, oldest first; each was in force from when it
    was saved until the next was saved (the last until ``at``). A version was public
    from ``publish_at`` (or from its save, when later) until ``unpublish_at`` (or the
    next save, when earlier). So a publish scheduled for next week and cancelled
    today was never public, and clearing ``publish_at`` does not undo a day online.
    """
    versions = list(versions)
    for index, (saved_at, publish_at, unpublish_at) in enumerate(versions):
        if publish_at is None:
            continue
        until = versions[index + 1][0] if index + 1 < len(versions) else at
        start = publish_at if saved_at is None else max(publish_at, saved_at)
        end = until if unpublish_at is None else min(unpublish_at, until)
        if start < end:
            return True
    return False


def public_change_moments(
    *, start: datetime.datetime, end: datetime.datetime
) -> list[datetime.datetime]:
    """Return the moments from ``start`` (included) to ``end`` when visitors could see content change.

    A change is a publish moment of a phase, milestone or organisation, or a date
    change added to the history. The analysts' rates mark these weeks (the
    setting ``FEEDBACK_CONTENT_CHANGES`` names this function).
    """
    from phases.models import DateEntry, Milestone, Organisation, Phase

    moments: list[datetime.datetime] = []
    for model in (Phase, Milestone, Organisation):
        moments += model.objects.filter(publish_at__gte=start, publish_at__lt=end).values_list(
            "publish_at", flat=True
        )
    # A date change has no time of its own; its history says when it was added.
    moments += DateEntry.history.filter(
        history_type="+", history_date__gte=start, history_date__lt=end
    ).values_list("history_date", flat=True)
    return moments
