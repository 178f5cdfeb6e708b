"""URL map: the public pages in three languages, the admin, and the probes.

Bokmål has no prefix (``/``), Nynorsk is ``/nn/`` and English ``/en/``. The public
URLs are a contract with the outside world (links, bookmarks, embeds): do not rename them.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from helseplattform import views

# Django's own 400 view renders with the request, whose Host may be the one refused.
handler400 = "helseplattform.views.bad_request"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include("phases.open_data.api_urls")),
    path("api/analyse/v1/", include("feedback.api_urls")),
    # /sitemap.xml and its sections /sitemap-<section>.xml (a prefix, not "": see caching.is_i18n_path)
    path("sitemap", include("phases.open_data.sitemap_urls")),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt",
            content_type="text/plain; charset=utf-8",
            extra_context={"admin_path": settings.ADMIN_PATH},
        ),
        name="robots",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("phases.urls")),
    path("tilbakemelding/", include("feedback.urls")),
    path("tilgjengelighet/", views.accessibility_statement, name="accessibility"),
    prefix_default_language=False,
)
