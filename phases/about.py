"""The pages about the site itself: who publishes it and what it stores about visitors.

«Om nettstedet» (publisher and contact) and «Personvernerklæring» (privacy statement).
The privacy statement takes its figures from the code that enforces them (the feedback
retention setting, the alerts' confirmation deadline), so the page cannot drift from
what the site does. The publisher and contact address are settings the operator
fills in (the sources do not name them); left empty, the pages say so.
May import settings, the feedback app's models and ``phases.alerts.models``.
"""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.views.decorators.http import require_safe

from phases.alerts.models import CONFIRM_DAYS

# «Sist oppdatert» of these pages: their text is in the templates, so move this day
# whenever about.html, privacy.html or _contact.html says something new.
TEXT_UPDATED = datetime.date(2026, 12, 1)


def publisher_context() -> dict:
    """Return the publisher's name and contact address as the operator set them (may be empty)."""
    return {
        "publisher_name": settings.PUBLISHER_NAME,
        "contact_email": settings.CONTACT_EMAIL,
        "page_updated": TEXT_UPDATED,
    }


@require_safe
def about(request: HttpRequest):
    """Show who publishes the site, where its content comes from and how to reach the publisher."""
    return render(request, "phases/about.html", publisher_context())


@require_safe
def privacy(request: HttpRequest):
    """Show the privacy statement: what the feedback box and the alerts store, and for how long."""
    return render(
        request,
        "phases/privacy.html",
        publisher_context()
        | {
            "feedback_retention_days": settings.FEEDBACK_RETENTION_DAYS,
            "alert_confirm_days": CONFIRM_DAYS,
        },
    )
