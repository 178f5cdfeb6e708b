"""Template tags of the editorial admin; each wraps a function from ``phases.editorial.coverage``."""

from django import template
from django.utils import timezone

from phases.editorial import coverage

register = template.Library()


@register.simple_tag
def nynorsk_coverage():
    """Return how many published texts exist in Nynorsk (``Coverage``)."""
    return coverage.published_coverage(at=timezone.now(), language="nn")
