from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.submit, name="submit"),
]
