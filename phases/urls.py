from django.urls import path

from phases import views

app_name = "phases"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("virksomheter/", views.organisations, name="organisations"),
    path("endringer/", views.changes, name="changes"),
]
