"""Triage: the analysts set an answer's status and tags, and every change is recorded.

One function per change, for one answer or many (the admin's bulk actions), each
writing a ``TriageChange`` row with who and when, in the same transaction. The
visitor is never part of it: the record holds the status or tag names only.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from feedback.models import Feedback, Tag, TriageChange


def tag_names(tags) -> str:
    """Return tag names as one sorted, comma-separated text, for the change record."""
    return ", ".join(sorted(tag.name for tag in tags))


@transaction.atomic
def set_state(
    feedback: list[Feedback], *, state: str, by, now: datetime.datetime | None = None
) -> int:
    """Give the answers ``state``; return how many changed (unchanged ones record nothing)."""
    if state not in Feedback.State.values:
        raise ValueError(f"Unknown state {state!r}.")
    now = now or timezone.now()
    changed = [item for item in feedback if item.state != state]
    TriageChange.objects.bulk_create(
        TriageChange(
            feedback=item,
            field=TriageChange.Field.STATE,
            before=item.get_state_display(),
            after=Feedback.State(state).label,
            changed_by=by,
            changed_at=now,
        )
        for item in changed
    )
    # Only the state column: .update() cannot go around the scrubber for the comment.
    Feedback.objects.filter(pk__in=[item.pk for item in changed]).update(state=state)
    for item in changed:
        item.state = state
    return len(changed)


@transaction.atomic
def set_tags(item: Feedback, tags, *, by, now: datetime.datetime | None = None) -> bool:
    """Give one answer exactly these tags; return True when that changed anything."""
    before = list(item.tags.all())
    wanted = list(tags)
    if {tag.pk for tag in before} == {tag.pk for tag in wanted}:
        return False
    item.tags.set(wanted)
    TriageChange.objects.create(
        feedback=item,
        field=TriageChange.Field.TAGS,
        before=tag_names(before),
        after=tag_names(wanted),
        changed_by=by,
        changed_at=now or timezone.now(),
    )
    return True


@transaction.atomic
def add_tag(feedback: list[Feedback], tag: Tag, *, by, now: datetime.datetime | None = None) -> int:
    """Add ``tag`` to the answers that lack it; return how many got it."""
    now = now or timezone.now()
    added = 0
    for item in feedback:
        current = list(item.tags.all())
        if tag in current:
            continue
        added += set_tags(item, [*current, tag], by=by, now=now)
    return added
