"""Template tags of the editorial admin; each wraps a function from ``phases.editorial``."""

from django import template
from django.utils import timezone

from phases.editorial import coverage, history

register = template.Library()


@register.simple_tag
def nynorsk_coverage():
    """Return how many published texts exist in Nynorsk (``Coverage``)."""
    return coverage.published_coverage(at=timezone.now(), language="nn")


@register.filter
def editor_name(user):
    """Return a colleague's name as editors know it (``phases.editorial.history.editor_name``)."""
    return history.editor_name(user)
