"""Planning a recurring series of session days ("every Tue and Thu until March")."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from .errors import PlanningError
from .holidays import is_city_closed, is_national_holiday

MAX_SERIES_DATES = 400

# Python's convention, as date.weekday(): Monday is 0, Sunday is 6.
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)

# Reason codes for a skipped day. When several apply, the first in this order
# is reported: a holiday's name tells staff more than "closed".
NATIONAL_HOLIDAY = "national_holiday"
CITY_CLOSURE = "city_closure"
CLOSED_DATE = "closed_date"

SKIP_REASON_LABELS = {
    NATIONAL_HOLIDAY: _("祝日・休日"),
    CITY_CLOSURE: _("年末年始の閉庁日"),
    CLOSED_DATE: _("休止日"),
}


class SkippedDate(NamedTuple):
    day: date
    reason: str


@dataclass(frozen=True)
class SeriesPlan:
    dates: list[date] = field(default_factory=list)
    skipped: list[SkippedDate] = field(default_factory=list)


def skip_reason(
    d: date,
    *,
    skip_holidays: bool = True,
    closed_dates: frozenset[date] = frozenset(),
    skip_city_closure: bool = True,
) -> str | None:
    """Why no session may be held on ``d``, or None if it may."""
    if skip_holidays and is_national_holiday(d):
        return NATIONAL_HOLIDAY
    if skip_city_closure and is_city_closed(d):
        return CITY_CLOSURE
    if d in closed_dates:
        return CLOSED_DATE
    return None


def _validate(first, last, weekdays):
    if last < first:
        raise PlanningError(
            "last_before_first",
            _("終了日は開始日以降にしてください。"),
        )
    if not weekdays:
        raise PlanningError("no_weekdays", _("曜日を1つ以上選んでください。"))
    if any(not isinstance(w, int) or not 0 <= w <= 6 for w in weekdays):
        raise PlanningError("invalid_weekday", _("曜日の指定が正しくありません。"))


def plan_series(
    first: date,
    last: date,
    weekdays: set[int],
    skip_holidays: bool = True,
    closed_dates: Iterable[date] = (),
    skip_city_closure: bool = True,
    *,
    max_dates: int = MAX_SERIES_DATES,
) -> SeriesPlan:
    """Session days on ``weekdays`` (Mon=0) from ``first`` to ``last`` inclusive.

    Days that fall on a chosen weekday but may not be held are listed in
    ``skipped`` with a reason code. More than ``max_dates`` session days is
    refused, so a mistyped year cannot create thousands of sessions.
    """
    weekdays = frozenset(weekdays)
    _validate(first, last, weekdays)
    closed = frozenset(closed_dates)
    plan = SeriesPlan()
    d = first
    while d <= last:
        if d.weekday() in weekdays:
            reason = skip_reason(
                d,
                skip_holidays=skip_holidays,
                closed_dates=closed,
                skip_city_closure=skip_city_closure,
            )
            if reason:
                plan.skipped.append(SkippedDate(d, reason))
            else:
                plan.dates.append(d)
                if len(plan.dates) > max_dates:
                    raise PlanningError(
                        "series_too_long",
                        _("一度に作成できる開催日は%(max)s日までです。期間を分けてください。"),
                        max=max_dates,
                    )
        d += timedelta(days=1)
    return plan
