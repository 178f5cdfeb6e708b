"""Public URLs of the timeline. They are a contract (links, bookmarks): keep them.

The same slugs in every language: /fase/forberedelsesfase/ and /en/fase/forberedelsesfase/.
"""

from django.urls import path

from phases import views

app_name = "phases"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("fase/<slug:slug>/", views.phase_detail, name="phase"),
    path("virksomheter/", views.organisation_list, name="organisations"),
    path("virksomheter/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("endringer/", views.changes, name="changes"),
]
