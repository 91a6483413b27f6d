"""The demo schedule: venues in both languages and upcoming sessions relative to today."""

from datetime import timedelta
from io import StringIO

from django.utils import timezone

import pytest

from schedule.demo import loader
from schedule.models import TouringSession, Venue
from schedule.planning.holidays import is_national_holiday
from schedule.planning.tz import TOKYO

pytestmark = pytest.mark.django_db


def test_demo_has_translated_venues_and_upcoming_sessions(demo_site):
    today = timezone.now().astimezone(TOKYO).date()
    ja = Venue.objects.filter(locale__language_code="ja")
    assert ja.count() >= 8
    for venue in ja:
        english = venue.get_translation(venue.locale.__class__.objects.get(language_code="en"))
        assert english.slug == venue.slug and english.name != venue.name
    upcoming = TouringSession.objects.filter(date__gt=today)
    assert upcoming.count() >= 30
    assert not [s for s in upcoming if is_national_holiday(s.date) or s.date.weekday() > 4]
    assert upcoming.filter(status="cancelled").exclude(cancel_reason="").exists()
    assert upcoming.filter(slots__taken__gt=0).exists()


def test_loading_the_demo_again_adds_nothing(demo_site):
    before = TouringSession.objects.count()
    loader.load(StringIO())
    assert TouringSession.objects.count() == before


def test_demo_sessions_are_planned_relative_to_today(demo_site):
    today = timezone.now().astimezone(TOKYO).date()
    dates = TouringSession.objects.filter(date__gt=today).values_list("date", flat=True)
    assert max(dates) <= today + timedelta(weeks=loader.WEEKS)
    assert min(dates) <= today + timedelta(days=7)
