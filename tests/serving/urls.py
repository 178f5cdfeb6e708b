"""A small URLconf for the caching tests: one page listing the public phases, one that raises.

The real timeline view is another team's; these views read the same ``published(at=...)``
queryset at ``timezone.now()``, so the tests prove the cache, not the templates.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache

from helseplattform.urls import urlpatterns as site_urlpatterns
from phases.models import Phase


def phase_list(request):
    titles = Phase.objects.published(at=timezone.now()).values_list("title", flat=True)
    return HttpResponse("\n".join(["<!doctype html><title>Faser</title>", *titles]))


@never_cache
def preview(request):
    titles = Phase.objects.values_list("title", flat=True)
    return HttpResponse("\n".join(["<!doctype html><title>Forhåndsvisning</title>", *titles]))


def broken(request):
    raise RuntimeError("the page broke")


site_root, site_i18n = site_urlpatterns[:-1], site_urlpatterns[-1]

urlpatterns = [
    *site_root,  # the health check and the admin
    *i18n_patterns(
        path("faser/", phase_list),
        path("forhandsvisning/", preview),
        path("feil/", broken),
        *site_i18n.url_patterns,  # the site's own pages (the error pages link to them)
        prefix_default_language=False,
    ),
]
