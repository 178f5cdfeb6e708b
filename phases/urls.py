"""Public URLs of the timeline. They are a contract (links, bookmarks): keep them.

The same slugs in every language: /fase/forberedelsesfase/ and /en/fase/forberedelsesfase/.
"""

from django.urls import path

from phases import about, views
from phases.alerts import views as alerts
from phases.guidance import views as guidance
from phases.open_data import calendars, embed
from phases.open_data.feeds import ChangesFeed, OrganisationChangesFeed, PhaseChangesFeed

app_name = "phases"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("fase/<slug:slug>/", views.phase_detail, name="phase"),
    path("fase/<slug:slug>/feed/", PhaseChangesFeed(), name="phase_feed"),
    path("virksomheter/", views.organisation_list, name="organisations"),
    path("virksomheter/kalender.ics", calendars.all_go_lives, name="calendar"),
    path("virksomheter/forslag/", views.organisation_suggestions, name="organisation_suggestions"),
    path("virksomheter/kart/", views.organisation_map, name="organisation_map"),
    path("virksomheter/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("virksomheter/<slug:slug>/feed/", OrganisationChangesFeed(), name="organisation_feed"),
    path(
        "virksomheter/<slug:slug>/kalender.ics",
        calendars.organisation_go_live,
        name="organisation_calendar",
    ),
    path("endringer/", views.changes, name="changes"),
    path("endringer/feed/", ChangesFeed(), name="changes_feed"),
    path("varsler/", alerts.subscribe, name="alerts_subscribe"),
    path("varsler/bekreft/", alerts.confirm, name="alerts_confirm"),
    path("varsler/avmeld/", alerts.unsubscribe, name="alerts_unsubscribe"),
    path("om/", about.about, name="about"),
    path("personvern/", about.privacy, name="privacy"),
    path("hva-betyr-det-for-meg/", guidance.role_index, name="roles"),
    path("hva-betyr-det-for-meg/<slug:slug>/", guidance.role_detail, name="role"),
    path("ordliste/", guidance.glossary, name="glossary"),
    path("innebygd/", embed.timeline, name="embed_timeline"),
    path("innebygd/virksomhet/<slug:slug>/", embed.organisation, name="embed_organisation"),
]
