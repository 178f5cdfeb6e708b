"""Public pages: the timeline, a phase, the organisations and the change log.

Every view fetches through a ``published(at=..., drafts=...)`` queryset and renders;
the moment and whether drafts are shown come from ``phases.editorial.visibility`` (the public
site now, or a staff preview). Status
is computed in Python from prefetched dates, so each page runs a fixed number of
queries however much content there is (pinned in tests/phases/test_queries.py).
An old slug of a renamed phase or organisation redirects (``phases.editorial.renamed``).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from helseplattform.local_time import local_day
from phases import changelog
from phases.editorial import visibility
from phases.editorial.renamed import follows_renamed_slugs
from phases.forms import OrganisationFilterForm
from phases.models import DateEntry, Organisation, Phase
from phases.timeline import timeline_at


def _clock(request):
    """Return what the page shows (moment, drafts) and the day in Norway (for status)."""
    seen = visibility.for_request(request, now=timezone.now)
    return seen, local_day(seen.at)


def freshness(page_object, *shown_with) -> dict:
    """Return «Publisert», «Sist oppdatert» and «Sist kontrollert» for a page about one object."""
    return {
        "page_published": page_object.publish_at,
        "page_updated": page_object.last_changed(*shown_with),
        "page_checked": page_object.checked_at,
    }


def newest_change(entries) -> object:
    """Return the last change of the phases and milestones whose date entries are listed."""
    owners = [entry.phase or entry.milestone for entry in entries]
    return max((owner.updated_at for owner in owners if owner.updated_at), default=None)


@require_safe
def timeline(request):
    seen = visibility.for_request(request, now=timezone.now)
    return render(
        request, "phases/timeline.html", timeline_at(seen.at, drafts=seen.drafts).as_context()
    )


@require_safe
@follows_renamed_slugs(Phase)
def phase_detail(request, slug):
    seen, today = _clock(request)
    phase = get_object_or_404(
        Phase.objects.published(at=seen.at, drafts=seen.drafts).with_dates(), slug=slug
    )
    phase.status = phase.status_on(today)
    milestones = list(
        phase.milestones.published(at=seen.at, drafts=seen.drafts).with_details(
            at=seen.at, drafts=seen.drafts
        )
    )
    for milestone in milestones:
        milestone.status = milestone.status_on(today)
    return render(
        request,
        "phases/phase_detail.html",
        {"phase": phase, "milestones": milestones} | freshness(phase, *milestones),
    )


@require_safe
def organisation_list(request):
    seen, today = _clock(request)
    form = OrganisationFilterForm(request.GET or None)
    organisations = Organisation.objects.published(at=seen.at, drafts=seen.drafts).with_go_lives(
        at=seen.at, drafts=seen.drafts
    )
    rows = []
    for organisation in form.filter_queryset(organisations):
        go_live = organisation.go_live
        status = go_live.status_on(today) if go_live else None
        if form.matches(organisation, status):
            rows.append((organisation, go_live, status))
    return render(
        request,
        "phases/organisation_list.html",
        {
            "form": form,
            "rows": rows,
            "filtered": bool(form.filters()),
            "page_updated": max(
                filter(None, (org.last_changed(*filter(None, [go])) for org, go, _s in rows)),
                default=None,
            ),
        },
    )


@require_safe
@follows_renamed_slugs(Organisation)
def organisation_detail(request, slug):
    seen, today = _clock(request)
    organisation = get_object_or_404(
        Organisation.objects.published(at=seen.at, drafts=seen.drafts), slug=slug
    )
    milestones = list(
        organisation.milestones.published(at=seen.at, drafts=seen.drafts)
        .select_related("phase")
        .prefetch_related("date_entries")
    )
    for milestone in milestones:
        milestone.status = milestone.status_on(today)
    go_lives = [milestone for milestone in milestones if milestone.is_go_live]
    organisation.public_go_lives = go_lives
    return render(
        request,
        "phases/organisation_detail.html",
        {"organisation": organisation, "milestones": milestones, "go_live": organisation.go_live}
        | freshness(organisation, *milestones),
    )


@require_safe
def changes(request):
    seen, _today = _clock(request)
    entries = (
        DateEntry.objects.published(at=seen.at, drafts=seen.drafts)
        .changes()
        .select_related("phase", "milestone__phase")
        .prefetch_related(
            "phase__date_entries",
            "milestone__date_entries",
            Prefetch(
                "milestone__organisations",
                queryset=Organisation.objects.published(at=seen.at, drafts=seen.drafts),
                to_attr="public_organisations",
            ),
        )
    )
    return render(
        request,
        "phases/changes.html",
        {"entries": changelog.rows(entries), "page_updated": newest_change(entries)},
    )
