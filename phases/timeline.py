"""The timeline as a page shows it: the published phases, each with its status, and the one under way.

Shared by the public timeline (``phases.views``) and the embeddable one
(``phases.open_data.embed``), so both agree on which phases are shown and which
is current. The statuses come from prefetched dates: one query for the phases,
one for their date histories, however many there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from helseplattform.local_time import local_day
from phases import plan_figure
from phases.models import Milestone, Phase, date_entries_shown
from phases.status import current_index


@dataclass(frozen=True)
class Timeline:
    """The phases in order, each with ``status`` set, and the first one under way (or None)."""

    phases: list[Phase]
    current: Phase | None

    def as_context(self) -> dict[str, object]:
        return {
            "phases": self.phases,
            "current": self.current,
            "page_updated": max(
                (phase.updated_at for phase in self.phases if phase.updated_at), default=None
            ),
        }


def timeline_at(at: datetime.datetime, *, drafts: bool = False) -> Timeline:
    """Return what the timeline shows at ``at`` (drafts included for the staff preview only)."""
    today = local_day(at)
    phases = list(
        Phase.objects.published(at=at, drafts=drafts)
        .with_dates(drafts=drafts)
        .with_milestone_counts(at=at, drafts=drafts)
    )
    for phase in phases:
        phase.status = phase.status_on(today)
    index = current_index(phase.status for phase in phases)
    return Timeline(phases=phases, current=phases[index] if index is not None else None)


def plan_figure_at(at: datetime.datetime, *, drafts: bool = False) -> plan_figure.Figure:
    """Return the figure "first announced vs now" of the public go-lives (two queries).

    The first ``MAX_ROWS`` go-lives in the phases' order, and one more to know whether
    there are others: the timeline costs the same however many milestones there are.
    """
    go_lives = list(
        Milestone.objects.published(at=at, drafts=drafts)
        .filter(is_go_live=True)
        .select_related("phase")
        .prefetch_related(date_entries_shown(drafts=drafts))[: plan_figure.MAX_ROWS + 1]
    )
    return plan_figure.plan_figure(plan_figure.waves_of(go_lives))


def timeline_page(at: datetime.datetime, *, drafts: bool = False) -> dict[str, object]:
    """Return the front page's context: the timeline and the figure, «Sist oppdatert» over both."""
    context = timeline_at(at, drafts=drafts).as_context()
    figure = plan_figure_at(at, drafts=drafts)
    changes = [context["page_updated"], *(row.item.updated_at for row in figure.rows)]
    context["plan_figure"] = figure
    context["page_updated"] = max(filter(None, changes), default=None)
    return context
