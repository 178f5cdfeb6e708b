"""Public pages: the timeline, a phase, the organisations and the change log.

Every view fetches through a ``published(at=..., drafts=...)`` queryset and renders;
the moment and whether drafts are shown come from ``phases.editorial.visibility`` (the public
site now, or a staff preview). Status
is computed in Python from prefetched dates, so each page runs a fixed number of
queries however much content there is (pinned in tests/phases/test_queries.py); the
directory filters and searches an index kept per content version
(``phases.directory.listing.Directory``) and reads only the shown rows' dates.
An old slug of a renamed phase or organisation redirects (``phases.editorial.renamed``).
"""

from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from helseplattform.caching import reads_query_parameters, request_moment
from helseplattform.local_time import local_day
from phases import changelog, pagination
from phases.directory import listing
from phases.editorial import visibility
from phases.editorial.renamed import follows_renamed_slugs
from phases.forms import OrganisationFilterForm
from phases.models import DateEntry, Organisation, Phase, date_entries_shown
from phases.timeline import timeline_page

# Rows per page: long enough that most readers need no second page, short enough for a phone.
DIRECTORY_PAGE_SIZE = 100
CHANGES_PAGE_SIZE = 50

# How many suggestions the search box offers as you type.
SUGGESTIONS = 8


def _clock(request):
    """Return what the page shows (moment, drafts) and the day in Norway (for status)."""
    # The moment the page cache chose its version for (one clock per request).
    seen = visibility.for_request(request, now=lambda: request_moment(request))
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
    seen, _today = _clock(request)
    return render(request, "phases/timeline.html", timeline_page(seen.at, drafts=seen.drafts))


@require_safe
@follows_renamed_slugs(Phase)
def phase_detail(request, slug):
    seen, today = _clock(request)
    phase = get_object_or_404(
        Phase.objects.published(at=seen.at, drafts=seen.drafts).with_dates(drafts=seen.drafts),
        slug=slug,
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


@reads_query_parameters(*OrganisationFilterForm.base_fields, pagination.PAGE_PARAMETER)
@require_safe
def organisation_list(request):
    seen, today = _clock(request)
    directory = _directory(seen, today)
    form = OrganisationFilterForm(request.GET or None, present=directory.present())
    found = directory.find(**form.filters())
    page = pagination.page_of(request, found.rows, per_page=DIRECTORY_PAGE_SIZE)
    return render(
        request,
        "phases/organisation_list.html",
        {
            "form": form,
            "rows": page.object_list,
            "found": found,
            "page": page,
            "filtered": bool(form.filters()),
            "page_updated": max(
                filter(
                    None,
                    (row.organisation.last_changed(*filter(None, [row.go_live])) for row in page),
                ),
                default=None,
            ),
        },
    )


def _directory(seen, today):
    return listing.Directory(at=seen.at, drafts=seen.drafts, today=today)


@reads_query_parameters("q")
@require_safe
def organisation_suggestions(request):
    """Answer the search box's suggestions as you type: the first hits, as JSON."""
    seen, today = _clock(request)
    query = request.GET.get("q", "")[:100]
    found = _directory(seen, today).find(q=query)
    rows = (found.rows or found.suggestions)[:SUGGESTIONS]
    return JsonResponse(
        {
            "query": query,
            "close_only": found.close_only or not found.rows,
            "suggestions": [
                {"name": row.name, "detail": listing.detail(row), "url": row.url} for row in rows
            ],
        }
    )


@require_safe
def organisation_map(request):
    """Show every municipality on a dot map by its go-live status, and the same as a table."""
    seen, today = _clock(request)
    rows = list(_directory(seen, today).find(kind=Organisation.Kind.MUNICIPALITY).rows)
    return render(request, "phases/organisation_map.html", listing.map_context(rows))


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
        .prefetch_related(date_entries_shown(drafts=seen.drafts))
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


@reads_query_parameters(pagination.PAGE_PARAMETER)
@require_safe
def changes(request):
    seen, _today = _clock(request)
    entries = (
        DateEntry.objects.published(at=seen.at, drafts=seen.drafts)
        .changes()
        .select_related("phase", "milestone__phase", "corrects")
        .prefetch_related(
            # What each change replaced: the owners' published histories (drafts in a preview).
            Prefetch("phase__date_entries", queryset=DateEntry.objects.shown(drafts=seen.drafts)),
            Prefetch(
                "milestone__date_entries", queryset=DateEntry.objects.shown(drafts=seen.drafts)
            ),
            Prefetch(
                "milestone__organisations",
                queryset=Organisation.objects.published(at=seen.at, drafts=seen.drafts),
                to_attr="public_organisations",
            ),
        )
    )
    page = pagination.page_of(request, entries, per_page=CHANGES_PAGE_SIZE)
    return render(
        request,
        "phases/changes.html",
        {
            "entries": changelog.rows(page.object_list),
            "page": page,
            "page_updated": newest_change(page.object_list),
        },
    )
