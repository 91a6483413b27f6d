"""How the booking pages and the confirmation email describe a slot.

Only public facts: date, time, venue, room, address. Venues are shown in the
active language, as the schedule shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from schedule.listing import lang, localized_venues
from schedule.models import Slot, TouringSession
from schedule.planning.dates import format_date, format_time_range

NEXT_SLOTS = 5


@dataclass(frozen=True)
class SlotSummary:
    slot: Slot
    date_label: str
    time_label: str
    venue_name: str
    room: str
    address: str
    access: str

    @property
    def session(self) -> TouringSession:
        return self.slot.session

    @property
    def venue_label(self) -> str:
        """Venue and room, bracketed as the active language writes it."""
        if not self.room:
            return self.venue_name
        # Translators: full-width brackets in Japanese, " (…)" in English.
        return gettext("%(venue)s（%(room)s）") % {"venue": self.venue_name, "room": self.room}


def summarise(slot: Slot) -> SlotSummary:
    session = slot.session
    current = lang()
    venue = localized_venues([session.venue], current).get(session.venue_id, session.venue)
    return SlotSummary(
        slot=slot,
        date_label=format_date(slot.starts_at, current),
        time_label=format_time_range(slot.starts_at, slot.ends_at, current),
        venue_name=venue.name,
        room=session.room or venue.room,
        address=venue.address,
        access=venue.access,
    )


def next_free_slots(
    after: Slot | None = None, now: datetime | None = None, limit: int = NEXT_SLOTS
) -> list[SlotSummary]:
    """The next bookable slots: the same session's first, then the soonest others."""
    now = now or timezone.now()
    candidates = (
        Slot.objects.select_related("session__venue")
        .filter(
            session__status=TouringSession.Status.SCHEDULED,
            taken__lt=F("capacity"),
            starts_at__gt=now,
        )
        .order_by("starts_at", "pk")
    )
    if after is not None:
        candidates = candidates.exclude(pk=after.pk)
    found: list[Slot] = []
    # Cut-off is computed per session, so filter in Python; a bounded scan.
    for slot in candidates[: limit * 10]:
        if slot.bookability(now).bookable:
            found.append(slot)
    if after is not None:
        found.sort(key=lambda s: (s.session_id != after.session_id, s.starts_at))
    return [summarise(slot) for slot in found[:limit]]
