"""The pagination navigation and the page's canonical links; the logic is in ``phases.pagination``."""

from django import template
from django.utils.html import format_html_join

from phases import pagination

register = template.Library()


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination_nav(context, page, label):
    """Render the navigation between the pages of a list (nothing when it has one page)."""
    request = context["request"]
    path, query = request.path, request.GET

    def url(number):
        return path + pagination.page_query(query, number)

    return {
        "page": page,
        "label": label,
        "links": pagination.page_links(path, query, page) if page.paginator.num_pages > 1 else [],
        "previous_url": url(page.previous_page_number()) if page.has_previous() else "",
        "next_url": url(page.next_page_number()) if page.has_next() else "",
    }


@register.simple_tag(takes_context=True)
def pagination_head(context, page):
    """Return the ``<link>`` elements of a page of a list: canonical, previous and next."""
    request = context["request"]
    path, query = request.path, request.GET
    links = [("canonical", path + pagination.canonical_query(query, page))]
    if page.has_previous():
        links.append(("prev", path + pagination.page_query(query, page.previous_page_number())))
    if page.has_next():
        links.append(("next", path + pagination.page_query(query, page.next_page_number())))
    return format_html_join(
        "\n  ",
        '<link rel="{}" href="{}">',
        ((rel, request.build_absolute_uri(url)) for rel, url in links),
    )
