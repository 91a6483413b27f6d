from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")


def aware(day: date, at: time, tz: ZoneInfo = TOKYO) -> datetime:
    """Wall-clock date and time in ``tz`` as an aware datetime.

    The offset comes from the zone's rules, never a constant. A wall time that
    does not exist (inside a DST gap) is moved forward the way a clock is; an
    ambiguous one takes the first occurrence (fold=0).
    """
    if at.tzinfo is not None:
        raise ValueError("expected a naive wall-clock time")
    local = datetime.combine(day, at).replace(tzinfo=tz)
    return local.astimezone(UTC).astimezone(tz)


def require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime")


def instant(value: datetime) -> datetime:
    """``value`` in UTC, for comparing and subtracting.

    Python compares and subtracts two datetimes that share a tzinfo by wall
    time alone, which is wrong across an offset change; in UTC it is exact.
    """
    return value.astimezone(UTC)
