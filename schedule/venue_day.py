"""A venue's day as both printable day sheets list it: its sessions and their headings.

This module holds no view. There are two sheet views, each in its own module, on purpose,
because they show different things to different people:

- the seat sheet (日別シート, ``schedule.admin_views.day_sheet``, Wagtail admin): seat counts
  per slot, no personal data; for staff who may see the schedule;
- the roster (当日名簿, ``intake.console.views.day_sheet``, intake console): who booked each
  slot, decrypted and audited; for staff who may open that session's bookings.

Both list the same sessions (``sessions_on``) under the same heading (``heading``); each
adds its own rows.
"""

from datetime import date

from schedule.models import TouringSession, Venue
from schedule.planning.dates import format_time_range
from schedule.scheduling import display_name


def sessions_on(venue: Venue, day: date):
    """The venue's sessions on ``day`` (cancelled ones too), with venue and consultants."""
    return (
        TouringSession.objects.select_related("venue")
        .prefetch_related("consultants")
        .filter(venue=venue, date=day)
    )


def heading(session: TouringSession, lang: str) -> dict:
    """A session's heading on either sheet: its time, room and consultants."""
    return {
        "session": session,
        "time": format_time_range(session.start_time, session.end_time, lang),
        "room": session.room_name,
        "consultants": [display_name(u) for u in session.consultants.all()],
    }
