"""Booking form URLs on the public tier (mounted at /book/)."""

from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("<int:slot_id>/", views.book, name="book"),
    path("done/<str:reference>/", views.done, name="done"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
]
