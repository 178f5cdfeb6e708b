"""The analysts' feedback API (``/api/analyse/v1/``), outside the language prefixes."""

from django.urls import path

from feedback import api

app_name = "feedback_api"

urlpatterns = [
    path("feedback/", api.feedback_list, name="feedback"),
]
