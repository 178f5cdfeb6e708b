"""What a public page shows: the content public right now, or a staff preview.

Every public view asks ``for_request`` once and passes ``at`` and ``drafts`` on to
the ``published(at=..., drafts=...)`` querysets, so "now" and "drafts included"
are decided in one place:

- a visitor sees what is published at this moment (``drafts`` off);
- the staff preview (``phases.editorial.views.preview``, behind the admin login and
  the ``phases.view_phase`` permission) attaches a ``Visibility`` to the request
  before it calls the public view: the moment the editor chose, drafts included.

A public URL can never turn the preview on: only the preview view sets the
request attribute, and it lives under ``ADMIN_PATH``, where every response is
``Cache-Control: private, no-store`` and never enters the page cache.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

# The request attribute the preview view sets; nothing else may set it.
REQUEST_ATTRIBUTE = "preview_visibility"


@dataclass(frozen=True)
class Visibility:
    """The moment a page is shown at, and whether unpublished drafts are included."""

    at: datetime.datetime
    drafts: bool = False


def for_request(request: HttpRequest, *, now: Callable[[], datetime.datetime]) -> Visibility:
    """Return the preview attached to the request, or what is public at ``now()``.

    ``now`` is passed in (the views pass their own clock) so tests control it.
    """
    preview = getattr(request, REQUEST_ATTRIBUTE, None)
    if isinstance(preview, Visibility):
        return preview
    return Visibility(at=now())


def attach_preview(request: HttpRequest, *, at: datetime.datetime) -> Visibility:
    """Mark the request as a staff preview at ``at`` with drafts (the preview view only)."""
    preview = Visibility(at=at, drafts=True)
    setattr(request, REQUEST_ATTRIBUTE, preview)
    return preview
