"""Seat arithmetic: remaining seats per slot and whether a session is full."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .tz import instant, require_aware

OPEN = "open"
FULL = "full"
CLOSED = "closed"


@dataclass(frozen=True)
class SlotSeats:
    starts_at: datetime
    capacity: int
    taken: int
    cancelled: bool = False

    def __post_init__(self):
        require_aware(self.starts_at, "starts_at")


def remaining(capacity: int, taken: int) -> int:
    """Seats left; never negative, even if a slot was overbooked by hand."""
    if capacity < 0 or taken < 0:
        raise ValueError("capacity and taken must not be negative")
    return max(0, capacity - taken)


def _still_bookable(slots: Iterable[SlotSeats], now: datetime) -> list[SlotSeats]:
    now = instant(now)
    return [s for s in slots if not s.cancelled and now < instant(s.starts_at)]


def session_seat_status(
    slots: Iterable[SlotSeats], now: datetime, cutoff: datetime | None = None
) -> str:
    """OPEN, FULL or CLOSED for a session at ``now``.

    FULL means every future, not cancelled slot has 0 seats left. A session
    with no such slot left, or past its cut-off (exclusive, as in
    ``cutoff.is_bookable``), is CLOSED rather than full, so the schedule does
    not show "満席" for a day that is simply over.
    """
    require_aware(now, "now")
    future = _still_bookable(slots, now)
    if not future or (cutoff is not None and instant(now) >= instant(cutoff)):
        return CLOSED
    if all(remaining(s.capacity, s.taken) == 0 for s in future):
        return FULL
    return OPEN


def is_session_full(slots: Iterable[SlotSeats], now: datetime) -> bool:
    return session_seat_status(slots, now) == FULL


def remaining_seats(slots: Iterable[SlotSeats], now: datetime) -> int:
    """残席数 for the schedule: seats left in future, not cancelled slots."""
    require_aware(now, "now")
    return sum(remaining(s.capacity, s.taken) for s in _still_bookable(slots, now))
