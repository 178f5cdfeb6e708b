"""The sitemap (``/sitemap.xml``): every public page in nb, nn and en, with alternates.

``i18n = True`` lists each page once per language (Django reverses the URL with
the language active, so Nynorsk gets ``/nn/…``); ``alternates`` and ``x_default``
add the ``xhtml:link rel="alternate" hreflang`` lines that tell search engines
the three are translations of each other. Only what ``published(at=…)`` returns:
one query per section, whatever the amount of content.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from phases.models import Organisation, Phase


class TranslatedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(TranslatedSitemap):
    """The pages that always exist: the timeline, the organisations, the change log."""

    changefreq = "daily"

    def items(self):
        return [
            "phases:timeline",
            "phases:organisations",
            "phases:changes",
            "phases:about",
            "phases:privacy",
            "accessibility",
        ]

    def location(self, item):
        return reverse(item)


class PhaseSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Phase.objects.published(at=timezone.now()).only("slug")


class OrganisationSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Organisation.objects.published(at=timezone.now()).only("slug")


SITEMAPS = {"pages": PageSitemap, "phases": PhaseSitemap, "organisations": OrganisationSitemap}
