"""The sitemap's URLs, outside the language prefixes: each lists every language's address
itself (with ``hreflang`` alternates).

``/sitemap.xml`` (what robots.txt names) is a sitemap index: it points to one sitemap per
section, ``/sitemap-<section>.xml``, split into pages of ``Sitemap.limit`` addresses
(``?p=2``), so no response grows with the content.
"""

from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from phases.open_data.api import public_http_cache
from phases.open_data.sitemaps import SITEMAPS

urlpatterns = [
    path(
        ".xml",  # included under "sitemap"
        public_http_cache(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "-<section>.xml",
        public_http_cache(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
