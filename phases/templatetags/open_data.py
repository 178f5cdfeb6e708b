"""Template tags for the open-data links: absolute addresses and the embed snippet."""

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

register = template.Library()


def iframe_snippet(*, url: str, title: str) -> str:
    """Return the HTML a municipality pastes into its page to show the embed.

    Plain text (not marked safe): the page shows it as code, escaped once.
    """
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" '
        'width="100%" height="220" loading="lazy"></iframe>'
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, viewname, *args):
    """Return the absolute address of a page in the active language."""
    return context["request"].build_absolute_uri(reverse(viewname, args=args))


@register.simple_tag(takes_context=True)
def embed_snippet(context, organisation):
    """Return the iframe code for an organisation's embed, to show in a code block."""
    url = absolute_url(context, "phases:embed_organisation", organisation.slug)
    title = _("Når %(organisation)s tar i bruk Helseplattformen") % {
        "organisation": organisation.name
    }
    return iframe_snippet(url=url, title=title)
