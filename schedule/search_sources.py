"""Venues and upcoming touring sessions as site-search results."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.i18n import localized_path
from schedule.models import TouringSession, Venue
from schedule.planning.dates import format_date
from search import registry


def _venue_url(venue, request):
    return localized_path(f"/schedule/venues/{venue.slug}/")


def _upcoming_sessions():
    today = timezone.localdate()
    return TouringSession.objects.filter(date__gte=today).select_related("venue")


def _session_title(session):
    return f"{format_date(session.date, get_language())} {session.venue.localized.name}"


def _session_url(session, request):
    return localized_path(f"/schedule/sessions/{session.pk}/")


def register():
    registry.register(Venue, key="venue", label=_("会場"), url=_venue_url, order=30)
    registry.register(
        TouringSession,
        key="session",
        label=_("巡回相談"),
        queryset=_upcoming_sessions,
        url=_session_url,
        title=_session_title,
        order=20,
    )
