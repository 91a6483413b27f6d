"""Cutting a consultation day into bookable slots, per booth."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from .errors import PlanningError
from .tz import TOKYO, aware


@dataclass(frozen=True, order=True)
class SlotSpec:
    starts_at: datetime
    ends_at: datetime
    booth: int  # 1-based, as shown to staff ("ブース1")


@dataclass(frozen=True)
class SlotRow:
    """All booths' slots that share one time band, for a timetable row."""

    starts_at: datetime
    ends_at: datetime
    slots: tuple[SlotSpec, ...]

    @property
    def booths(self) -> tuple[int, ...]:
        return tuple(slot.booth for slot in self.slots)


def _validate(start, end, slot_minutes, booths, breaks):
    for t in (start, end, *(t for pair in breaks for t in pair)):
        if t.tzinfo is not None:
            raise PlanningError(
                "aware_time",
                _("時刻はタイムゾーンなしの現地時刻で指定してください。"),
            )
        if t.second or t.microsecond:
            raise PlanningError(
                "time_not_whole_minute",
                _("時刻は分単位で指定してください。"),
            )
    if end <= start:
        raise PlanningError(
            "end_not_after_start",
            _("終了時刻は開始時刻より後にしてください。"),
        )
    if slot_minutes <= 0:
        raise PlanningError(
            "slot_minutes_not_positive",
            _("1枠の長さは1分以上にしてください。"),
        )
    if booths < 1:
        raise PlanningError(
            "no_booths",
            _("ブース数は1以上にしてください。"),
        )
    for break_start, break_end in breaks:
        if break_end <= break_start:
            raise PlanningError(
                "break_end_not_after_start",
                _("休憩の終了時刻は開始時刻より後にしてください。"),
            )
        if break_start < start or break_end > end:
            raise PlanningError(
                "break_outside_day",
                _("休憩（%(break_start)s〜%(break_end)s）は開催時間内に収めてください。"),
                break_start=break_start.strftime("%H:%M"),
                break_end=break_end.strftime("%H:%M"),
            )


def _slot_bounds(day, start, end, slot_minutes, breaks, tz):
    """(start, end) instants of each slot, skipping every break.

    Stepping is done in UTC so each slot lasts ``slot_minutes`` of real time,
    even on a day whose UTC offset changes.
    """
    length = timedelta(minutes=slot_minutes)
    day_end = aware(day, end, tz).astimezone(UTC)
    pauses = [
        (aware(day, a, tz).astimezone(UTC), aware(day, b, tz).astimezone(UTC)) for a, b in breaks
    ]
    cursor = aware(day, start, tz).astimezone(UTC)
    while cursor + length <= day_end:
        slot_end = cursor + length
        # Half-open intervals: a slot ending exactly when lunch starts is fine.
        blocking = [b for a, b in pauses if a < slot_end and cursor < b]
        if blocking:
            cursor = max(blocking)
            continue
        yield cursor.astimezone(tz), slot_end.astimezone(tz)
        cursor = slot_end


def generate_slots(
    day: date,
    start: time,
    end: time,
    slot_minutes: int,
    booths: int,
    breaks: list[tuple[time, time]] = (),
    *,
    tz: ZoneInfo = TOKYO,
) -> list[SlotSpec]:
    """Slots of ``slot_minutes`` from ``start``, in every booth, ordered by time.

    A slot never overlaps a break and never runs past ``end``; one that would
    cross a break starts when the break ends. ``start``, ``end`` and breaks are
    local wall-clock times in ``tz``; every slot lasts ``slot_minutes`` of real
    time (the same as wall-clock minutes on any day without an offset change).
    """
    breaks = list(breaks)
    _validate(start, end, slot_minutes, booths, breaks)
    slots = [
        SlotSpec(starts_at=starts_at, ends_at=ends_at, booth=booth)
        for starts_at, ends_at in _slot_bounds(day, start, end, slot_minutes, breaks, tz)
        for booth in range(1, booths + 1)
    ]
    if not slots:
        raise PlanningError(
            "no_slot_fits",
            _("この開催時間と休憩では%(minutes)s分の枠が1つも作れません。"),
            minutes=slot_minutes,
        )
    return slots


def group_by_time(slots) -> list[SlotRow]:
    """Rows of slots sharing the same start and end, booths in order."""

    def band(slot):
        return slot.starts_at, slot.ends_at

    ordered = sorted(slots, key=lambda s: (s.starts_at, s.ends_at, s.booth))
    return [
        SlotRow(starts_at=starts_at, ends_at=ends_at, slots=tuple(group))
        for (starts_at, ends_at), group in groupby(ordered, key=band)
    ]
