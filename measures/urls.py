"""Public-tier URLs of the measures app that are not Wagtail pages (mounted under i18n_patterns)."""

from django.urls import path

from .views import api, feeds

app_name = "measures"

urlpatterns = [
    path("feeds/measures/", feeds.MeasureFeed(), name="feed"),
    path("feeds/deadlines.ics", feeds.deadlines_ics, name="deadlines_ics"),
    path("api/measures/", api.measure_list, name="api_list"),
    path("api/measures/<str:measure_id_value>/", api.measure_detail, name="api_detail"),
]
