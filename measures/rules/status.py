"""Where a measure stands in its application period, computed from dates alone."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

LOCAL_TZ = ZoneInfo("Asia/Tokyo")


class MeasureStatus(models.TextChoices):
    UPCOMING = "upcoming", _("募集前")
    OPEN = "open", _("募集中")
    CLOSING_SOON = "closing_soon", _("締切間近")
    CLOSED = "closed", _("募集終了")
    ROLLING = "rolling", _("随時募集")


def local_today(now: datetime | None = None) -> date:
    """Today's date in the city's timezone (the server may run in UTC)."""
    if now is None:
        return datetime.now(LOCAL_TZ).date()
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(LOCAL_TZ).date()


def days_left(end: date | None, today: date) -> int | None:
    """Whole days from today until the end date; 0 on the last day, negative once past.

    None when there is no end date (rolling or unknown).
    """
    if end is None:
        return None
    return (_as_date(end) - _as_date(today)).days


def compute_status(
    start: date | None,
    end: date | None,
    today: date,
    closing_soon_days: int,
) -> MeasureStatus:
    """Status of an application period on a given day.

    Both ends of the period are inclusive:
    - no start and no end: ROLLING (always accepting, or unknown);
    - end set and today > end: CLOSED (checked first, so a period whose dates are
      inconsistent, start after end, is never shown as upcoming once it has ended);
    - start set and today < start: UPCOMING;
    - end set and 0 <= end - today <= closing_soon_days: CLOSING_SOON,
      so the end day itself is closing soon; closing_soon_days == 0 turns this state off;
    - end set otherwise: OPEN;
    - start set, no end, today >= start: ROLLING.
    """
    if closing_soon_days < 0:
        raise ValueError("closing_soon_days must not be negative")
    today = _as_date(today)
    if end is not None and today > _as_date(end):
        return MeasureStatus.CLOSED
    if start is not None and today < _as_date(start):
        return MeasureStatus.UPCOMING
    if end is None:
        return MeasureStatus.ROLLING
    if closing_soon_days > 0 and days_left(end, today) <= closing_soon_days:
        return MeasureStatus.CLOSING_SOON
    return MeasureStatus.OPEN


def _as_date(value: date) -> date:
    # datetime is a subclass of date; comparing the two raises TypeError deep inside,
    # so refuse it here with a clear message instead.
    if isinstance(value, datetime):
        raise TypeError("expected a date, got a datetime; use local_today() or .date()")
    return value
