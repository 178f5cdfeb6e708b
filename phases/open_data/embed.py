"""The embeddable timeline: minimal pages a municipality can put in an ``<iframe>``.

``/innebygd/`` shows the whole timeline, ``/innebygd/virksomhet/<slug>/`` one
organisation's go-live (and ``/nn/…``, ``/en/…``). The organisation page shows
the snippet to copy (``templates/phases/embed/_snippet.html``).

The rest of the site may not be framed (``frame-ancestors 'none'`` and
``X-Frame-Options: DENY``); these two views, and only they, relax that: any site
may frame them, since the point is to be shown on municipal websites we do not
know in advance. They show public content only, have no forms and set no
cookies, so being framed exposes nothing (no clickjacking target). Their links
open in the top window, so a reader who follows one leaves the frame.
"""

from csp.decorators import csp_replace
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from helseplattform.caching import request_moment
from helseplattform.local_time import local_day
from phases.editorial.renamed import follows_renamed_slugs
from phases.models import Organisation
from phases.timeline import timeline_at

# Who may frame the embeds: anyone (the municipalities' sites are not known in advance).
FRAME_ANCESTORS = ["*"]


def embeddable(view):
    """Let any site show the view in a frame: the only pages that allow it."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": FRAME_ANCESTORS})(view))


@require_safe
@embeddable
def timeline(request):
    return render(
        request, "phases/embed/timeline.html", timeline_at(request_moment(request)).as_context()
    )


@require_safe
@embeddable
@follows_renamed_slugs(Organisation)
def organisation(request, slug):
    at = request_moment(request)
    organisation = get_object_or_404(
        Organisation.objects.published(at=at).with_go_lives(at=at), slug=slug
    )
    go_live = organisation.go_live
    if go_live is not None:
        go_live.status = go_live.status_on(local_day(at))
    return render(
        request,
        "phases/embed/organisation.html",
        {
            "organisation": organisation,
            "go_live": go_live,
            "page_updated": organisation.last_changed(*filter(None, [go_live])),
        },
    )
