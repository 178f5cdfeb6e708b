"""A small URLconf for the caching tests: one page listing the public phases, one that raises, one that varies.

The real timeline view is another team's; these views read the same ``published(at=...)``
queryset at ``timezone.now()``, so the tests prove the cache, not the templates.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import LocalePrefixPattern, path
from django.utils import timezone

from helseplattform.urls import urlpatterns as site_urlpatterns
from phases.models import Phase


def phase_list(request):
    titles = Phase.objects.published(at=timezone.now()).values_list("title", flat=True)
    return HttpResponse("\n".join(["<!doctype html><title>Faser</title>", *titles]))


def varies(request):
    response = HttpResponse("<!doctype html><title>Varierer</title>")
    response["Vary"] = "X-Variant"
    return response


def broken(request):
    raise RuntimeError("the page broke")


# The site's 400 page, which renders without the request (its Host may be the refused one).
handler400 = "helseplattform.views.bad_request"

site_root = [p for p in site_urlpatterns if not isinstance(p.pattern, LocalePrefixPattern)]
site_i18n = [p for p in site_urlpatterns if isinstance(p.pattern, LocalePrefixPattern)]

urlpatterns = [
    *site_root,  # the health check and the admin
    *i18n_patterns(
        path("faser/", phase_list),
        path("feil/", broken),
        path("varierer/", varies),
        *(p for resolver in site_i18n for p in resolver.url_patterns),  # the site's own pages
        prefix_default_language=False,
    ),
]
