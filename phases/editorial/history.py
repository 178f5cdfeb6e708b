"""The history page as editors read it: one row per saved version, in words.

simple-history's own list shows UTC with microseconds, "None" for a missing
reason, every changed column (a period's derived sort date too, all three
languages of a text whether or not they changed) and links to user pages editors
cannot open. Here each version is a row with the moment in Norwegian time to the
minute, who saved it (by name), why, and only the fields whose shown value changed,
each language on its own («tittel (nynorsk)»), a period as the editor wrote it. A phase's or milestone's history also
has the versions of its date-history lines, since a moved date is part of the
story of the thing it moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phases.editorial.views import version_differences
from phases.models import DateEntry, Milestone, Phase

ACTIONS = {"+": _("Lagt til"), "~": _("Endret"), "-": _("Slettet")}


@dataclass
class HistoryRow:
    """One saved version of the object, or of one of its date-history lines."""

    when: object
    action: str
    who: str
    reason: str
    subject: str
    url: str | None
    changes: list[dict[str, str]] = field(default_factory=list)
    is_date_line: bool = False


def editor_name(user) -> str:
    """Return the name an editor knows a colleague by (full name, else username)."""
    if user is None:
        return str(_("ukjent"))
    return user.get_full_name() or user.get_username()


def _changes(model, record, previous) -> list[dict[str, str]]:
    if previous is None or record.history_type != "~":
        return []
    return version_differences(model, previous, record)


def _rows_for(model, records, *, previous_of_last, url_for, subject_for, is_date_line=False):
    """Return the rows of ``records`` (newest first); ``previous_of_last`` precedes the last."""
    rows = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else previous_of_last
        rows.append(
            HistoryRow(
                when=timezone.localtime(record.history_date),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                who=editor_name(record.history_user),
                reason=record.history_change_reason or "",
                subject=subject_for(record),
                url=url_for(record),
                changes=_changes(model, record, previous),
                is_date_line=is_date_line,
            )
        )
    return rows


def history_rows(obj, page_records, *, version_url, has_older_page: bool, has_newer_page: bool):
    """Return the rows of one page of ``obj``'s history, with its date lines in their place.

    ``page_records`` are the object's versions on this page, newest first. Date-line
    versions are shown on the page whose time span they fall in.
    """
    page_records = list(page_records)
    model = type(obj)
    previous_of_last = None
    if page_records and has_older_page:
        last = page_records[-1]
        previous_of_last = (
            obj.history.filter(history_date__lt=last.history_date)
            .order_by("-history_date", "-history_id")
            .first()
        )
    rows = _rows_for(
        model,
        page_records,
        previous_of_last=previous_of_last,
        url_for=version_url,
        subject_for=lambda record: str(record.instance),
    )
    if isinstance(obj, Phase | Milestone):
        rows += _date_line_rows(
            obj,
            newest=page_records[0].history_date if page_records and has_newer_page else None,
            oldest=page_records[-1].history_date if page_records and has_older_page else None,
        )
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows


def _date_line_rows(owner, *, newest, oldest) -> list[HistoryRow]:
    owner_field = "milestone_id" if isinstance(owner, Milestone) else "phase_id"
    records = list(
        DateEntry.history.filter(**{owner_field: owner.pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    by_line: dict[int, list] = {}
    for record in records:
        by_line.setdefault(record.id, []).append(record)
    rows = []
    for line_records in by_line.values():
        for row, record in zip(
            _rows_for(
                DateEntry,
                line_records,
                previous_of_last=None,
                url_for=lambda record: reverse("admin:phases_dateentry_history", args=[record.id]),
                subject_for=lambda record: str(
                    _("Datolinje: %(line)s") % {"line": record.instance}
                ),
                is_date_line=True,
            ),
            line_records,
            strict=True,
        ):
            if newest is not None and record.history_date > newest:
                continue
            if oldest is not None and record.history_date < oldest:
                continue
            rows.append(row)
    return rows
