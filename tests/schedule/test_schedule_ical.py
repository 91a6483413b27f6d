"""iCal feeds: strict parsing, correct times, stable UIDs, cancellation, filters."""

from datetime import datetime, timedelta

from django.utils import timezone

import pytest
from icalendar import Calendar

from schedule.models import Venue
from schedule.planning.tz import TOKYO
from tests.schedule.factories import TouringSessionFactory

pytestmark = pytest.mark.django_db
REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS")


@pytest.fixture
def session(demo_site):
    venue = Venue.objects.get(slug="minato-ward-office", locale__language_code="ja")
    day = timezone.now().astimezone(TOKYO).date() + timedelta(days=365)
    return TouringSessionFactory(venue=venue, date=day, room="特設会場")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    cal.validate()
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for event in events.values():
        for prop in REQUIRED_EVENT:
            assert prop in event, prop
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tokyo"
    return events


def test_feed_parses_with_correct_times_and_stable_uids(client, session):
    uid = f"session-{session.pk}@schedule.shienguide.example"
    event = parse(client.get("/schedule/ical/"))[uid]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.combine(session.date, session.start_time, TOKYO)
    assert end == datetime.combine(session.date, session.end_time, TOKYO)
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert uid in parse(client.get("/schedule/ical/"))


def test_cancelled_session_keeps_its_uid_and_says_cancelled(client, session):
    session.cancel("台風の接近のため")
    event = parse(client.get("/schedule/ical/"))[
        f"session-{session.pk}@schedule.shienguide.example"
    ]
    assert str(event["STATUS"]) == "CANCELLED"
    assert "台風の接近のため" in str(event["DESCRIPTION"])


def test_venue_and_ward_feeds_hold_only_their_sessions(client, session):
    by_venue = parse(client.get("/schedule/ical/?venue=minato-ward-office"))
    assert f"session-{session.pk}@schedule.shienguide.example" in by_venue
    assert all(
        "港区" in str(e["LOCATION"]) or "Minato" in str(e["LOCATION"]) for e in by_venue.values()
    )
    by_ward = parse(client.get("/schedule/ical/?ward=minato"))
    assert set(by_venue) <= set(by_ward)
    other_ward = parse(client.get("/schedule/ical/?ward=kita"))
    assert f"session-{session.pk}@schedule.shienguide.example" not in other_ward
    assert client.get("/schedule/ical/?ward=atlantis").status_code == 404


def test_english_feed_is_served_under_en(client, session):
    events = parse(client.get("/en/schedule/ical/?venue=minato-ward-office"))
    event = events[f"session-{session.pk}@schedule.shienguide.example"]
    assert "Minato Ward Office" in str(event["SUMMARY"])
