"""Public-tier URLs of the search app that are not Wagtail pages (mounted under i18n_patterns)."""

from django.urls import path

from . import clicks, views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="results"),
    path("search/suggest/", views.suggest, name="suggest"),
    path("search/click/", clicks.click, name="click"),
]
