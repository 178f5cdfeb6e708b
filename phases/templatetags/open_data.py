"""Template tags for open data in pages: absolute addresses, the embed snippet, JSON-LD."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from phases.open_data import structured_data

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


@register.simple_tag(takes_context=True)
def go_live_json_ld(context, organisation, go_live):
    """Return the go-live as schema.org Event JSON-LD (nothing without a go-live)."""
    if go_live is None:
        return ""
    event = structured_data.go_live_event(
        name=go_live.title,
        organisation=organisation,
        go_live=go_live,
        url=context["request"].build_absolute_uri(organisation.get_absolute_url()),
        language=get_language() or settings.LANGUAGE_CODE,
    )
    return structured_data.as_script(event)
