"""iCalendar feeds of touring sessions (RFC 5545, through the icalendar package).

UIDs are ``session-<id>@<ICAL_UID_DOMAIN>`` and never change for a session, so
calendar apps update an event in place, including when it is cancelled.
Times carry TZID=Asia/Tokyo with the matching VTIMEZONE, which is always
present, so even an empty feed is a valid calendar.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from icalendar import Calendar, Event, Timezone

from schedule.planning.tz import TOKYO

UID_DOMAIN = "schedule.shienguide.example"
PRODID = "-//Wakaba City SME Support Center//Touring schedule//JA"


def uid_for(session) -> str:
    return f"session-{session.pk}@{getattr(settings, 'ICAL_UID_DOMAIN', UID_DOMAIN)}"


def build_calendar(views, base_url: str, title: str) -> Calendar:
    """``views`` are listing.SessionView; ``base_url`` the schedule page's absolute URL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "Asia/Tokyo")
    cal.add_component(Timezone.from_tzid("Asia/Tokyo"))
    stamp = timezone.now()
    for view in views:
        cal.add_component(_event(view, base_url, stamp))
    return cal


def _event(view, base_url, stamp) -> Event:
    session, venue = view.session, view.venue
    event = Event()
    event.add("uid", uid_for(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at.astimezone(TOKYO))
    event.add("dtend", session.ends_at.astimezone(TOKYO))
    event.add("last-modified", session.updated_at)
    event.add("summary", _("巡回相談（%(venue)s）") % {"venue": venue.name})
    event.add("location", f"{venue.name} {session.room or venue.room}, {venue.address}")
    event.add("url", f"{base_url}sessions/{session.pk}/")
    lines = [", ".join(view.kinds)]
    if session.is_cancelled:
        event.add("status", "CANCELLED")
        lines.append(_("中止になりました: %(reason)s") % {"reason": session.cancel_reason})
    else:
        event.add("status", "CONFIRMED")
    if view.note:
        lines.append(view.note)
    event.add("description", "\n".join(line for line in lines if line))
    return event
