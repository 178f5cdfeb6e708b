from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("vi-gjorde/", views.improvements, name="improvements"),
]
