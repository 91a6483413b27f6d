"""When booking for a slot closes, and whether a slot can be booked now."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from .errors import PlanningError
from .tz import TOKYO, aware, instant, require_aware

# Reason codes, checked in this order: the first that applies is reported.
CANCELLED = "cancelled"
STARTED = "started"
PAST_CUTOFF = "past_cutoff"
FULL = "full"

CLOSED_REASON_LABELS = {
    CANCELLED: _("中止になりました"),
    STARTED: _("開始時刻を過ぎました"),
    PAST_CUTOFF: _("受付を終了しました"),
    FULL: _("満席です"),
}


@dataclass(frozen=True)
class CutoffRule:
    """Booking closes at ``at`` (local wall time), ``days_before`` the session day."""

    days_before: int = 1
    at: time = time(17, 0)

    def __post_init__(self):
        if self.days_before < 0:
            raise PlanningError(
                "cutoff_days_negative",
                _("受付締切は開催日当日以前にしてください。"),
            )
        if self.at.tzinfo is not None:
            raise PlanningError(
                "aware_time",
                _("時刻はタイムゾーンなしの現地時刻で指定してください。"),
            )


class Bookability(NamedTuple):
    bookable: bool
    reason: str | None


def cutoff_at(session_day: date, rule: CutoffRule, *, tz: ZoneInfo = TOKYO) -> datetime:
    """The instant booking closes, e.g. 17:00 on the day before ``session_day``."""
    return aware(session_day - timedelta(days=rule.days_before), rule.at, tz)


def is_bookable(
    slot_starts_at: datetime,
    cutoff: datetime,
    now: datetime,
    cancelled: bool,
    remaining_seats: int,
) -> Bookability:
    """(True, None) if the slot can be booked at ``now``, else (False, reason).

    Both limits are exclusive: at exactly the cut-off instant booking is
    closed, and a slot that has started cannot be booked even if the cut-off
    was set later than its start.
    """
    for value, name in ((slot_starts_at, "slot_starts_at"), (cutoff, "cutoff"), (now, "now")):
        require_aware(value, name)
    if cancelled:
        return Bookability(False, CANCELLED)
    now = instant(now)
    if now >= instant(slot_starts_at):
        return Bookability(False, STARTED)
    if now >= instant(cutoff):
        return Bookability(False, PAST_CUTOFF)
    if remaining_seats <= 0:
        return Bookability(False, FULL)
    return Bookability(True, None)
