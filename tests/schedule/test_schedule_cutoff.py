from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from schedule.planning.cutoff import (
    CANCELLED,
    FULL,
    PAST_CUTOFF,
    STARTED,
    CutoffRule,
    cutoff_at,
    is_bookable,
)
from schedule.planning.errors import PlanningError

TOKYO = ZoneInfo("Asia/Tokyo")
SESSION_DAY = date(2027, 1, 12)
SLOT = datetime(2027, 1, 12, 10, tzinfo=TOKYO)
DAY_BEFORE_17 = CutoffRule(days_before=1, at=time(17))
CUTOFF = cutoff_at(SESSION_DAY, DAY_BEFORE_17)
SECOND = timedelta(seconds=1)


def test_cutoff_is_17_00_tokyo_on_the_day_before():
    assert datetime(2027, 1, 11, 17, tzinfo=TOKYO) == CUTOFF
    assert CUTOFF.tzinfo == TOKYO
    assert CUTOFF.astimezone(UTC) == datetime(2027, 1, 11, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (CutoffRule(days_before=0, at=time(9)), datetime(2027, 1, 12, 9, tzinfo=TOKYO)),
        (CutoffRule(days_before=3, at=time(12)), datetime(2027, 1, 9, 12, tzinfo=TOKYO)),
        # Across a month and a year boundary.
        (CutoffRule(days_before=12, at=time(17)), datetime(2026, 12, 31, 17, tzinfo=TOKYO)),
    ],
)
def test_cutoff_rules(rule, expected):
    assert cutoff_at(SESSION_DAY, rule) == expected


def test_cutoff_uses_the_zone_rules_on_a_dst_change():
    new_york = ZoneInfo("America/New_York")
    # 17:00 on 2027-03-14 in New York is already daylight time (UTC-4).
    before = cutoff_at(date(2027, 3, 14), CutoffRule(1, time(17)), tz=new_york)
    after = cutoff_at(date(2027, 3, 15), CutoffRule(1, time(17)), tz=new_york)
    assert before.utcoffset() == timedelta(hours=-5)
    assert after.utcoffset() == timedelta(hours=-4)


def test_negative_days_before_is_refused():
    with pytest.raises(PlanningError) as excinfo:
        CutoffRule(days_before=-1, at=time(17))
    assert excinfo.value.code == "cutoff_days_negative"


@pytest.mark.parametrize(
    ("now", "cancelled", "remaining", "expected"),
    [
        (CUTOFF - SECOND, False, 1, (True, None)),
        # Exactly at the cut-off instant booking is closed.
        (CUTOFF, False, 1, (False, PAST_CUTOFF)),
        (CUTOFF + SECOND, False, 1, (False, PAST_CUTOFF)),
        (CUTOFF - SECOND, False, 0, (False, FULL)),
        (CUTOFF - SECOND, False, -2, (False, FULL)),
        (CUTOFF - SECOND, True, 1, (False, CANCELLED)),
        # Cancelled wins over every other reason.
        (SLOT + SECOND, True, 0, (False, CANCELLED)),
        (SLOT, False, 1, (False, STARTED)),
        (SLOT - SECOND, False, 1, (False, PAST_CUTOFF)),
        # Past the cut-off is reported before full.
        (CUTOFF, False, 0, (False, PAST_CUTOFF)),
    ],
)
def test_bookability_boundaries(now, cancelled, remaining, expected):
    assert is_bookable(SLOT, CUTOFF, now, cancelled, remaining) == expected


def test_a_started_slot_is_closed_even_if_the_cutoff_is_later():
    late_cutoff = SLOT + timedelta(hours=1)
    assert is_bookable(SLOT, late_cutoff, SLOT, False, 1) == (False, STARTED)
    assert is_bookable(SLOT, late_cutoff, SLOT - SECOND, False, 1) == (True, None)


def test_now_given_in_utc_is_compared_as_the_same_instant():
    now = (CUTOFF - SECOND).astimezone(UTC)
    assert is_bookable(SLOT, CUTOFF, now, False, 1).bookable
    assert not is_bookable(SLOT, CUTOFF, CUTOFF.astimezone(UTC), False, 1).bookable


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="now"):
        is_bookable(SLOT, CUTOFF, datetime(2027, 1, 10, 12), False, 1)
