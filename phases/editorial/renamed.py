"""Old addresses keep working: a renamed phase or organisation answers its old slug with a 301.

Editors may change the slug of published content, and the old address is already
in links, bookmarks, embeds and subscribed calendars. The content history
(django-simple-history) keeps every slug an object has had, so no table of
redirects is needed. ``follows_renamed_slugs`` wraps a public view that takes a
``slug``: when the view raises ``Http404``, it looks in the history for an
object that once had that slug and is public now, and answers with a permanent
redirect to the same page (same language, same query string) under its current slug.

- The normal path costs nothing: the history is read only after a 404.
- A slug that belongs to an object now is that object's: the view finds it first.
- When several objects have had the slug, the one that had it last wins.
- An object that is not public now (a draft, unpublished, deleted) stays a 404.
- The staff preview never redirects: it shows what the address shows, a 404.
"""

from __future__ import annotations

from functools import wraps

from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone

from phases.editorial import visibility


def find_renamed(model, slug: str, *, at):
    """Return the object public at ``at`` that had ``slug`` most recently, or None."""
    held = model.history.filter(id=OuterRef("pk"), slug=slug)
    last_held = held.order_by("-history_date").values("history_date")[:1]
    return (
        model._default_manager.published(at=at)
        .filter(Exists(held))
        .exclude(slug=slug)
        .annotate(last_held=Subquery(last_held))
        .order_by("-last_held")
        .first()
    )


def follows_renamed_slugs(model):
    """Decorate a view taking ``slug``: answer an old slug of ``model`` with a 301 to the new one."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                seen = visibility.for_request(request, now=timezone.now)
                # A staff preview (drafts shown) stays on the address the editor asked for.
                if seen.drafts or "slug" not in kwargs:
                    raise
                current = find_renamed(model, kwargs["slug"], at=seen.at)
                if current is None:
                    raise
            match = request.resolver_match
            url = reverse(match.view_name, kwargs={**kwargs, "slug": current.slug})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

        return wrapper

    return decorator
