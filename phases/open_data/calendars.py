"""iCalendar files of the go-lives: every organisation's, or one organisation's.

``/virksomheter/kalender.ics`` and ``/virksomheter/<slug>/kalender.ics`` (and
under ``/nn/`` and ``/en/``): "Legg til i kalenderen min" for a GP office, or a
subscription that follows the plan as it moves.

Fuzzy periods are represented honestly. A go-live planned for "høst 2025" is not
1 September 2025: it is an all-day event over the whole span the source gives
(DTSTART the first day, DTEND the day after the last, both DATE values, DTEND
exclusive as RFC 5545 says), marked TRANSPARENT so a three-month event does not
block anyone's calendar, TENTATIVE until a source reports that it happened, and
with the period as written in the SUMMARY: "Helseplattformen tas i bruk
(planlagt: høst 2025)". An open-ended period ("fra høst 2025") has no last day;
its event is its first day, and the summary says "fra".

UIDs are ``<milestone-slug>-<organisation-slug>@helseplattformen-tidslinje``, the
same in every file and language, so a calendar application replaces the event
when the plan changes; SEQUENCE is the number of changes recorded in its date
history, and LAST-MODIFIED the latest of its decision dates and publication.
Built with the icalendar library, never by concatenating strings.

The calendar of every organisation holds what a subscriber needs, not the whole
history: go-lives that have not ended ``RECENT_PAST`` ago, at most ``MAX_EVENTS`` of
them, the earliest first (``upcoming_go_lives``). One organisation's calendar is
always complete.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from helseplattform.caching import request_moment
from helseplattform.local_time import local_day, local_midnight
from phases.editorial.renamed import follows_renamed_slugs
from phases.fields import period_end_text
from phases.labels import status_label
from phases.models import DateEntry, Milestone, Organisation
from phases.periods import Precision

UID_DOMAIN = "helseplattformen-tidslinje"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often subscribed calendars should fetch the file again (X-PUBLISHED-TTL says the same).
REFRESH_INTERVAL = datetime.timedelta(hours=12)
# The all-organisations calendar: go-lives that ended at most this long ago, and the later ones.
RECENT_PAST = datetime.timedelta(days=92)
# ... at most this many (about 60 KB), the earliest first: a subscriber needs what is next.
MAX_EVENTS = 100


def event_uid(milestone: Milestone, organisation: Organisation) -> str:
    """Return the UID of an organisation's go-live: stable across requests and languages."""
    return f"{milestone.slug}-{organisation.slug}@{UID_DOMAIN}"


def last_modified(milestone: Milestone, organisation: Organisation) -> datetime.datetime:
    """Return when the event last changed, as far as the content tells: a UTC datetime."""
    moments = [milestone.publish_at, organisation.publish_at]
    for entry in milestone.date_entries.all():
        if entry.decided_on:
            moments.append(local_midnight(entry.decided_on))
    return max(moment for moment in moments if moment is not None).astimezone(datetime.UTC)


def go_live_summary(organisation: Organisation, milestone: Milestone, language: str) -> str:
    dates = milestone.dates
    if dates.actual is not None:
        return _("%(organisation)s: Helseplattformen tatt i bruk (%(period)s)") % {
            "organisation": organisation.name,
            "period": dates.actual.format(language),
        }
    return _("%(organisation)s: Helseplattformen tas i bruk (planlagt: %(period)s)") % {
        "organisation": organisation.name,
        "period": dates.planned.format(language),
    }


def go_live_description(milestone: Milestone, *, language: str, today, url: str) -> str:
    dates = milestone.dates
    period = dates.shown
    lines = [status_label(milestone.status_on(today))]
    if period.open_ended:
        lines.append(
            _("Bare starten er kjent (%(period)s). Hendelsen står på den første dagen.")
            % {"period": period.format(language)}
        )
    elif period.end is not None or period.start.precision != Precision.DAY:
        lines.append(
            _(
                "Datoen er ikke kjent mer nøyaktig enn «%(period)s», så hendelsen varer "
                "hele perioden."
            )
            % {"period": period.format(language)}
        )
    if dates.original_differs:
        lines.append(
            _("Opprinnelig planlagt: %(period)s") % {"period": dates.original.format(language)}
        )
    lines.append(_("Historikk og kilder: %(url)s") % {"url": url})
    return "\n".join(lines)


def go_live_event(
    organisation: Organisation, milestone: Milestone, *, language: str, today, url: str
) -> Event | None:
    """Return the all-day event of an organisation's go-live, or None without a date."""
    period = milestone.dates.shown
    if period is None:
        return None
    first = period.first_day()
    last = period.last_day() or first
    changes = len(milestone.date_entries.all()) - 1
    modified = last_modified(milestone, organisation)
    event = Event()
    event.add("uid", event_uid(milestone, organisation))
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", max(changes, 0))
    event.add("dtstart", first)
    event.add("dtend", last + datetime.timedelta(days=1))
    event.add("summary", go_live_summary(organisation, milestone, language))
    event.add(
        "description", go_live_description(milestone, language=language, today=today, url=url)
    )
    event.add("url", url)
    event.add("status", "CONFIRMED" if milestone.dates.actual is not None else "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    return event


def calendar_for(name: str, events, *, language: str, description: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//Helseplattformen i Midt-Norge//Tidslinje//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)  # the same, for applications before RFC 7986
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")  # the same, for applications that predate RFC 7986
    for event in events:
        if event is not None:
            calendar.add_component(event)
    return calendar


def calendar_response(calendar: Calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def entries_that_may_end_after(day: datetime.date):
    """Return the date entries whose period may last until ``day`` or later.

    By the year only, so it is a superset that the database can answer: the exact
    test is made on the go-live's shown period in ``upcoming_go_lives``. Read from
    the stored text of the period's end (``phases.fields.period_end_text``), whose
    first four characters are the end's year, or which is ".." when it is open.
    """
    year = day.year
    end = period_end_text()
    return DateEntry.objects.alias(period_end=end, period_end_year=Substr(end, 1, 4)).filter(
        Q(period_end="..")
        | Q(period_end_year__gte=f"{year:04d}")
        # A winter ends in the next year: "vinter 2025" (2025-24) lasts into February 2026.
        | Q(period_end=f"{year - 1:04d}-24")
    )


def upcoming_go_lives(*, at, today: datetime.date) -> list[tuple[Organisation, Milestone]]:
    """Return (organisation, go-live) pairs whose go-live has not ended ``RECENT_PAST`` ago.

    The earliest first, at most ``MAX_EVENTS``. Only organisations with such a
    go-live are read from the database, each with all its go-lives, so the one
    that counts (``Organisation.go_live``) is chosen as everywhere else.
    """
    since = today - RECENT_PAST
    candidates = Milestone.objects.published(at=at).filter(
        is_go_live=True,
        organisations=OuterRef("pk"),
        date_entries__in=entries_that_may_end_after(since),
    )
    organisations = (
        Organisation.objects.published(at=at).filter(Exists(candidates)).with_go_lives(at=at)
    )
    pairs = []
    for organisation in organisations:
        go_live = organisation.go_live
        period = go_live.dates.shown if go_live else None
        if period is not None and (period.last_day() or since) >= since:
            pairs.append((period.first_day(), organisation.name, organisation, go_live))
    pairs.sort(key=lambda pair: pair[:2])
    return [(organisation, go_live) for *_key, organisation, go_live in pairs[:MAX_EVENTS]]


@require_safe
def all_go_lives(request):
    """Return the go-lives that a subscriber needs: the recent past and what is ahead."""
    at = request_moment(request)
    today, language = local_day(at), get_language()
    events = (
        go_live_event(
            organisation,
            go_live,
            language=language,
            today=today,
            url=request.build_absolute_uri(organisation.get_absolute_url()),
        )
        for organisation, go_live in upcoming_go_lives(at=at, today=today)
    )
    name = _("Helseplattformen: når virksomhetene tar den i bruk")
    description = _(
        "Datoene fra de siste tre månedene og framover, høyst %(count)s. Hele historikken "
        "står på %(url)s"
    ) % {"count": MAX_EVENTS, "url": request.build_absolute_uri(reverse("phases:organisations"))}
    return calendar_response(
        calendar_for(name, events, language=language, description=description),
        filename="helseplattformen.ics",
    )


@require_safe
@follows_renamed_slugs(Organisation)
def organisation_go_live(request, slug):
    """Return one organisation's go-live ("Legg til i kalenderen min")."""
    at = request_moment(request)
    today, language = local_day(at), get_language()
    organisation = get_object_or_404(
        Organisation.objects.published(at=at).with_go_lives(at=at), slug=slug
    )
    go_live = organisation.go_live
    url = request.build_absolute_uri(reverse("phases:organisation", args=[organisation.slug]))
    events = []
    if go_live is not None:
        events.append(go_live_event(organisation, go_live, language=language, today=today, url=url))
    name = _("Helseplattformen: %(organisation)s") % {"organisation": organisation.name}
    return calendar_response(
        calendar_for(name, events, language=language),
        filename=f"helseplattformen-{organisation.slug}.ics",
    )
