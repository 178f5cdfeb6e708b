"""What each row of the change log says: what moved, from what, to what.

A date entry alone says only its new period; the row must say what it replaced
("planlagt dato flyttet fra 4. november 2023 til 9. november 2024"). ``rows``
reads each owner's full history for the plan in force before every change,
and merges consecutive rows that record the same change for several
milestones (a wave of municipalities announced together) into one row that
names them all. Pure Python over model instances already fetched; no queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from phases.periods import Period


@dataclass
class ChangeRow:
    entry: object  # the first DateEntry of the row; the others record the same change
    previous: Period | None  # the plan in force before it, if there was one
    owners: list = field(default_factory=list)  # the phases and milestones it concerns

    @property
    def moved(self) -> bool:
        return self.previous is not None and self.entry.kind == "revision"


def plan_before(history: Iterable) -> dict[int, Period | None]:
    """Return, for each entry id of one owner's history, the plan in force just before it.

    After an "unsettled" entry no plan is in force, but a new date still moves
    from the plan last announced, so that is what a later revision replaced.
    """
    before: dict[int, Period | None] = {}
    last_plan = None
    for entry in sorted(history, key=lambda entry: entry.id):
        before[entry.id] = last_plan
        if entry.kind in ("original", "revision") and entry.period is not None:
            last_plan = entry.period
    return before


def _same_change(row: ChangeRow, entry, previous) -> bool:
    first = row.entry
    return (
        entry.kind == first.kind
        and entry.period == first.period
        and entry.decided_on == first.decided_on
        and entry.reason == first.reason
        and entry.source_url == first.source_url
        and previous == row.previous
    )


def rows(entries: Iterable) -> list[ChangeRow]:
    """Return the change-log rows for entries in display order (owners' histories prefetched)."""
    before: dict[int, Period | None] = {}
    merged: list[ChangeRow] = []
    for entry in entries:
        owner = entry.milestone or entry.phase
        if entry.id not in before:
            before |= plan_before(owner.date_entries.all())
        previous = before.get(entry.id)
        if merged and _same_change(merged[-1], entry, previous):
            merged[-1].owners.append(owner)
            continue
        merged.append(ChangeRow(entry=entry, previous=previous, owners=[owner]))
    return merged
