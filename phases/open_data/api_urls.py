"""URLs of the open-data API, version 1 (``/api/v1/``). Not language-prefixed: ``?lang=``.

They are a contract with whoever reads the data: never change what a v1 URL means.
"""

from django.urls import path

from phases.open_data import api, openapi

app_name = "api"

urlpatterns = [
    path("", api.index, name="index"),
    path("openapi.json", openapi.openapi_json, name="openapi"),
    path("phases/", api.phase_list, name="phases"),
    path("phases/<slug:slug>/", api.phase_detail, name="phase"),
    path("milestones/", api.milestone_list, name="milestones"),
    path("organisations/", api.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", api.organisation_detail, name="organisation"),
]
