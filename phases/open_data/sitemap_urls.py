"""The sitemap's URL, included at ``/sitemap.xml`` outside the language prefixes: it
lists every language's address itself (with ``hreflang`` alternates).
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from phases.open_data.api import public_http_cache
from phases.open_data.sitemaps import SITEMAPS

urlpatterns = [
    path("", public_http_cache(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
