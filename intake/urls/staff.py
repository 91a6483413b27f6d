"""Intake console URLs on the staff tier (mounted at /intake/).

Every pattern here is covered by tests/intake/test_console_urls_refuse.py,
which enumerates this module: add a pattern and that test asks for it.
No URL carries personal data: sessions by id, bookings by reference code.
"""

from django.urls import path

from intake.console import exports, stats, views

app_name = "intake_console"

urlpatterns = [
    path("", views.session_list, name="sessions"),
    path("sessions/<int:pk>/", views.session_bookings, name="session"),
    path("sessions/<int:pk>/export.csv", exports.export_session, name="session_export"),
    path(
        "day-sheet/<int:venue_id>/<int:year>/<int:month>/<int:day>/",
        views.day_sheet,
        name="day_sheet",
    ),
    path("bookings/<str:reference>/", views.booking_detail, name="booking"),
    path(
        "bookings/<str:reference>/consultation/",
        views.consultation_record,
        name="consultation",
    ),
    path("bookings/<str:reference>/cancel/", views.cancel_booking, name="cancel"),
    path("stats/", stats.stats, name="stats"),
    path("stats/export.csv", stats.stats_export, name="stats_export"),
]
