"""Pages of a list that can grow: which page a request asks for, and the links between pages.

The public lists (the organisations, the change log) are split into pages with
Django's ``Paginator``; the page is a query parameter (``?side=2``, the same word in
every language, like the rest of the site's addresses), so filters and the search
stay in the query string beside it and everything works without JavaScript.

Addresses are kept few on purpose, so search engines do not see near-duplicates:
the first page has no ``side`` parameter (``?side=1`` is not linked and names
the first page as canonical), a page that does not exist is a 404 rather than
some other page's content under a new address, and a filtered list names the
unfiltered first page as canonical.

``page_window`` is the pure part: which page numbers the navigation shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, QueryDict
from django.utils.translation import gettext as _

PAGE_PARAMETER = "side"


def page_window(current: int, last: int, *, around: int = 2) -> list[int | None]:
    """Return the page numbers to link: the first, the last and ``around`` either side of
    ``current``, in order, with ``None`` where numbers are left out.

    >>> page_window(6, 40)
    [1, None, 4, 5, 6, 7, 8, None, 40]
    >>> page_window(2, 4)
    [1, 2, 3, 4]

    A gap of a single number is shown as that number: a "…" would hide nothing.
    """
    if last < 1 or not 1 <= current <= last:
        raise ValueError(f"page {current} is not among pages 1 to {last}")
    shown = {1, last, *range(max(1, current - around), min(last, current + around) + 1)}
    window: list[int | None] = []
    previous = 0
    for number in sorted(shown):
        if number - previous == 2:
            window.append(previous + 1)
        elif number - previous > 2:
            window.append(None)
        window.append(number)
        previous = number
    return window


def requested_number(query: QueryDict, parameter: str = PAGE_PARAMETER) -> int | None:
    """Return the page number asked for (1 without one), or None when it is not a number ≥ 1."""
    raw = query.get(parameter, "1")
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > 6 or raw != str(int(raw)):
        return None
    number = int(raw)
    return number if number >= 1 else None


def page_of(request: HttpRequest, object_list, *, per_page: int) -> Page:
    """Return the page of ``object_list`` the request asks for; 404 for one that does not exist.

    An ordered queryset is sliced in the database (one COUNT and one page of rows);
    a list is sliced in Python.
    """
    number = requested_number(request.GET)
    if number is None:
        raise Http404(_("Siden finnes ikke."))
    try:
        return Paginator(object_list, per_page).page(number)
    except InvalidPage as error:
        raise Http404(_("Siden finnes ikke.")) from error


def page_query(query: QueryDict, number: int, parameter: str = PAGE_PARAMETER) -> str:
    """Return the query string of page ``number`` with every other parameter kept, "" for none."""
    copy = query.copy()
    if number == 1:
        copy.pop(parameter, None)
    else:
        copy[parameter] = str(number)
    encoded = copy.urlencode()
    return f"?{encoded}" if encoded else ""


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: numbers left out ("…")
    url: str = ""
    is_current: bool = False


def page_links(path: str, query: QueryDict, page: Page) -> list[PageLink]:
    """Return the links of the navigation of ``page`` on ``path``, filters and search kept."""
    return [
        PageLink(number, path + page_query(query, number), number == page.number)
        if number is not None
        else PageLink(None)
        for number in page_window(page.number, page.paginator.num_pages)
    ]


def canonical_query(query: QueryDict, page: Page) -> str:
    """Return the query string of the canonical address: ``?side=N`` of an unfiltered list.

    A filtered or searched list is a view of the list, not a page of its own: its
    canonical address is the list's first page.
    """
    if any(name != PAGE_PARAMETER for name in query):
        return ""
    return page_query(QueryDict(), page.number)
