"""Template tags of guidance: glossary links in rich text, and links to the role pages.

Each wraps a pure function (``phases.guidance.term_links``, ``phases.guidance.roles``).
"""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from helseplattform.caching import request_moment
from phases import richtext
from phases.editorial import visibility
from phases.guidance import roles
from phases.guidance.models import GlossaryTerm
from phases.guidance.term_links import Term, link_first_uses

register = template.Library()

ROLE_LABELS = {
    roles.CITIZEN: _("Innbygger og pasient"),
    roles.RELATIVE: _("Pårørende"),
    roles.GP_AND_SPECIALIST: _("Fastlege og avtalespesialist"),
    roles.MUNICIPAL_STAFF: _("Ansatt i kommunen"),
    roles.HOSPITAL_STAFF: _("Ansatt på sykehus"),
}

_TERMS = "guidance_glossary_terms"
_LINKED = "guidance_glossary_linked"


def _terms(context) -> list[Term]:
    """Return the published glossary terms, read once per page (one query)."""
    if _TERMS not in context.render_context:
        request = context.get("request")
        if request is None:
            context.render_context[_TERMS] = []
        else:
            seen = visibility.for_request(request, now=lambda: request_moment(request))
            context.render_context[_TERMS] = [
                Term(slug=term.slug, forms=term.forms)
                for term in GlossaryTerm.objects.published(at=seen.at, drafts=seen.drafts)
            ]
    return context.render_context[_TERMS]


@register.simple_tag(takes_context=True)
def richtext_with_terms(context, html):
    """Render editorial rich text (sanitised) with each term's first use on the page linked."""
    glossary = reverse("phases:glossary")
    linked = link_first_uses(
        richtext.sanitise(html),
        _terms(context),
        href=lambda slug: f"{glossary}#{slug}",
        already_linked=context.render_context.get(_LINKED, frozenset()),
    )
    context.render_context[_LINKED] = linked.slugs
    return mark_safe(linked.html)  # noqa: S308 - sanitised by nh3, links built from slugs


@register.inclusion_tag("phases/guidance/_role_links.html")
def role_links(subject):
    """Link the role pages that concern an organisation or a go-live's organisations.

    Always the citizen's and the relative's page. A milestone shown without its
    organisations (on an organisation's own page, which links its roles once) gets none.
    """
    if hasattr(subject, "kind"):
        organisations = [subject]
    elif hasattr(subject, "public_organisations"):
        organisations = subject.public_organisations
    else:
        return {"role_links": []}
    slugs = roles.role_slugs_for(organisation.kind for organisation in organisations)
    return {
        "role_links": [
            (reverse("phases:role", kwargs={"slug": slug}), ROLE_LABELS[slug]) for slug in slugs
        ]
    }
