"""schema.org ``Event`` JSON-LD for a go-live, so search engines read its date honestly.

``eventStatus`` follows the date history: EventScheduled while the first plan
holds (or once it happened as planned), EventRescheduled after a revision
moved it, EventPostponed while no planned date holds. Each earlier plan that
was replaced is a ``previousStartDate``. Dates are at their real precision
(``Period.machine_readable``: "2024-11-09", "2025-04", "2025").
"""

import json

from django.utils.safestring import mark_safe

from phases.periods import Period, Point
from phases.status import Kind

SCHEMA = "https://schema.org/"
# The characters that could end a <script> element or start markup inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _point_string(point: Point) -> str:
    value = point.machine_readable()
    if value is None:  # a winter: it starts in its first month
        first = point.first_day()
        value = f"{first.year:04d}-{first.month:02d}"
    return value


def _start(period: Period) -> str:
    return _point_string(period.start)


def go_live_event(*, name: str, organisation, go_live, url: str, language: str) -> dict | None:
    """Return the go-live as a schema.org Event, or None when no date was ever given."""
    entries = [entry.as_status_entry() for entry in go_live.date_entries.all()]
    plans = [entry.period for entry in entries if entry.kind in (Kind.ORIGINAL, Kind.REVISION)]
    dates = go_live.dates
    when = dates.shown or (plans[-1] if plans else None)
    if when is None:
        return None
    if dates.shown is None:
        status = "EventPostponed"
    elif dates.changed:
        status = "EventRescheduled"
    else:
        status = "EventScheduled"
    previous = []
    for plan in plans:
        start = _start(plan)
        if plan != when and start not in previous and start != _start(when):
            previous.append(start)
    event = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": name,
        "url": url,
        "inLanguage": language,
        "startDate": _start(when),
        "eventStatus": SCHEMA + status,
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": organisation.name,
            "address": {
                "@type": "PostalAddress",
                "addressRegion": organisation.get_county_display(),
                "addressCountry": "NO",
            },
        },
        "organizer": {"@type": "Organization", "name": organisation.name},
    }
    if when.end is not None:
        event["endDate"] = _point_string(when.end)
    if organisation.website:
        event["organizer"]["url"] = organisation.website
    if previous:
        event["previousStartDate"] = previous
    return event


def as_script(data: dict | None) -> str:
    """Return the data as a ``<script type="application/ld+json">`` element (empty for None)."""
    if data is None:
        return ""
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped
