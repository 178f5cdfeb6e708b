"""Which plan a period is: the revision in force of a phase or milestone, for its label and source."""

from django import template

from phases.models import DateEntry, in_force

register = template.Library()


@register.filter
def plan_revision(owner):
    """Return the line that set the plan in force (the newest revision), or None if never revised.

    Reads ``owner.date_entries.all()``, prefetched by every page that shows dates.
    """
    revisions = [
        entry
        for entry in in_force(owner.date_entries.all())
        if entry.kind == DateEntry.Kind.REVISION
    ]
    return revisions[-1] if revisions else None
