"""The public pages of guidance: the role pages and the glossary.

Thin like ``phases.views``: fetch through ``published(at=..., drafts=...)`` (the
staff preview shows drafts) and render, with «Sist oppdatert» from the rows shown.
"""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from helseplattform.caching import request_moment
from phases.collation import sort_key
from phases.editorial import visibility
from phases.guidance.models import GlossaryTerm, RolePage
from phases.views import freshness


def _seen(request) -> visibility.Visibility:
    return visibility.for_request(request, now=lambda: request_moment(request))


def _newest(rows):
    return max((row.updated_at for row in rows if row.updated_at), default=None)


@require_safe
def role_index(request):
    """List the role pages: «Hva betyr det for meg?»."""
    seen = _seen(request)
    roles = list(RolePage.objects.published(at=seen.at, drafts=seen.drafts))
    return render(
        request, "phases/guidance/role_index.html", {"roles": roles, "page_updated": _newest(roles)}
    )


@require_safe
def role_detail(request, slug):
    """Show one role page, with the other roles beside it."""
    seen = _seen(request)
    public = RolePage.objects.published(at=seen.at, drafts=seen.drafts)
    role = get_object_or_404(public, slug=slug)
    return render(
        request,
        "phases/guidance/role_detail.html",
        {"role": role, "other_roles": public.exclude(pk=role.pk)} | freshness(role),
    )


@require_safe
def glossary(request):
    """Show the ordliste: every term with its definition, in the order of the alphabet."""
    seen = _seen(request)
    terms = sorted(
        GlossaryTerm.objects.published(at=seen.at, drafts=seen.drafts),
        key=lambda term: sort_key(term.term),
    )
    return render(
        request, "phases/guidance/glossary.html", {"terms": terms, "page_updated": _newest(terms)}
    )
