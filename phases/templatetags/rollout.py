"""Template tags for the timeline pages. Each wraps a pure function; no logic lives here."""

import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language

from phases import richtext
from phases.directory import listing
from phases.fallback import shown_language
from phases.labels import status_label
from phases.periods import Point

register = template.Library()


@register.filter
def period_text(period):
    """Format a period (or point) in the current language; a dash when there is none."""
    if period is None:
        return "–"
    return period.format(get_language() or settings.LANGUAGE_CODE)


@register.filter
def period_time(period, capitalised=False):
    """Format a period (or point) as ``<time datetime>`` at its real precision.

    Without an HTML date string that claims no more than the period knows (a
    winter, a range across a new year), the text is given without ``<time>``.
    ``capitalised`` starts it with a capital, as ``capfirst`` would the text.
    """
    text = period_text(period)
    if capitalised:
        text = capfirst(text)
    value = period.machine_readable() if period is not None else None
    if value is None:
        return conditional_escape(text)
    return format_html('<time datetime="{}">{}</time>', value, text)


@register.filter
def day_time(moment):
    """Format a date or moment as its day in Norway, ``<time datetime>`` like ``period_time``."""
    if isinstance(moment, datetime.datetime):
        moment = timezone.localdate(moment)
    return period_time(Point(year=moment.year, month=moment.month, day=moment.day))


@register.filter
def richtext_html(html):
    """Render editorial rich text, sanitised every time it is shown."""
    return mark_safe(richtext.sanitise(html))  # noqa: S308 - sanitised by nh3 just above


@register.filter
def web_url(url):
    return richtext.web_url(url)


@register.simple_tag
def status_text(status, subject="go_live"):
    return status_label(status, subject)


@register.simple_tag
def lang_attr(obj, field):
    """Output ` lang="nb"` when a translated field is shown in its fallback language."""
    requested = get_language() or settings.LANGUAGE_CODE
    values = {code: getattr(obj, f"{field}_{code}", None) for code, _name in settings.LANGUAGES}
    shown = shown_language(values, requested, settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    if shown == requested:
        return ""
    return format_html(' lang="{}"', shown)


@register.filter
def directory_detail(row):
    """The words under a directory row's name (its kind, a hospital's trust)."""
    return listing.detail(row)
