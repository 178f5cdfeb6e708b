"""The sitemap (``/sitemap.xml``): every public page in nb, nn and en, with alternates.

``/sitemap.xml`` is an index of the sections below, each served in pages of
``limit`` addresses (``phases.open_data.sitemap_urls``).

``i18n = True`` lists each page once per language (Django reverses the URL with
the language active, so Nynorsk gets ``/nn/…``); ``alternates`` and ``x_default``
add the ``xhtml:link rel="alternate" hreflang`` lines that tell search engines
the three are translations of each other. Only what ``published(at=…)`` returns:
one query per section, whatever the amount of content.
"""

from collections.abc import Sequence
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from phases.models import Organisation, Phase, RolePage

# Addresses per sitemap page (each with its alternates): about 150 KB of XML.
ADDRESSES_PER_PAGE = 300


class EveryLanguage(Sequence):
    """The (item, language) pairs of a sitemap, read from the database a page at a time.

    Django's sitemap builds every pair in memory before it takes one page of them;
    this counts the items in the database and fetches only the slice a page needs,
    so neither the index nor a page grows with the content.
    """

    def __init__(self, items, languages: list[str]):
        self.items = items
        self.languages = languages

    def __len__(self) -> int:
        return self.length

    @cached_property
    def length(self) -> int:
        count = self.items.count() if hasattr(self.items, "query") else len(self.items)
        return count * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        per_item = len(self.languages)
        first, last = start // per_item, -(-stop // per_item)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        offset = first * per_item
        return pairs[start - offset : stop - offset]


class TranslatedSitemap(Sitemap):
    limit = ADDRESSES_PER_PAGE
    i18n = True
    alternates = True
    x_default = True

    @property
    def paginator(self):
        return Paginator(EveryLanguage(self.items(), self._languages()), self.limit)


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
            "phases:roles",
            "phases:glossary",
        ]

    def location(self, item):
        return reverse(item)


class PhaseSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Phase.objects.published(at=timezone.now()).only("slug").order_by("pk")


class OrganisationSitemap(TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Organisation.objects.published(at=timezone.now()).only("slug").order_by("pk")


class RolePageSitemap(TranslatedSitemap):
    """The role pages («Hva betyr det for meg?»)."""

    changefreq = "monthly"

    def items(self):
        return RolePage.objects.published(at=timezone.now()).only("slug").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "phases": PhaseSitemap,
    "organisations": OrganisationSitemap,
    "roles": RolePageSitemap,
}
