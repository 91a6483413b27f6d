from datetime import UTC, date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from schedule.planning.errors import PlanningError
from schedule.planning.slots import SlotSpec, generate_slots, group_by_time

TOKYO = ZoneInfo("Asia/Tokyo")
DAY = date(2027, 1, 12)
LUNCH = (time(12), time(13))
HOUR = timedelta(hours=1)


def bands(slots):
    return sorted({(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in slots})


def test_45_minute_slots_around_lunch_in_two_booths():
    slots = generate_slots(DAY, time(10), time(16), 45, 2, [LUNCH])
    assert bands(slots) == [
        ("10:00", "10:45"),
        ("10:45", "11:30"),
        ("13:00", "13:45"),
        ("13:45", "14:30"),
        ("14:30", "15:15"),
        ("15:15", "16:00"),
    ]
    assert len(slots) == 12
    assert {s.booth for s in slots} == {1, 2}


def test_slot_that_would_cross_lunch_starts_after_it():
    slots = generate_slots(DAY, time(10), time(16), 45, 1, [LUNCH])
    starts = [s.starts_at.time() for s in slots]
    # 11:30–12:15 would cross lunch, so the next slot starts at 13:00.
    assert time(11, 30) not in starts
    assert time(13) in starts


@pytest.mark.parametrize(
    ("start", "end", "slot_minutes", "breaks", "expected"),
    [
        # A slot ending exactly when lunch begins is kept (half-open intervals).
        (time(11), time(14), 60, [LUNCH], [("11:00", "12:00"), ("13:00", "14:00")]),
        # The last slot may end exactly at the day's end, never after it.
        (time(10), time(11, 30), 45, [], [("10:00", "10:45"), ("10:45", "11:30")]),
        (time(10), time(11, 29), 45, [], [("10:00", "10:45")]),
        # Two breaks, one right after the other, are both skipped.
        (
            time(10),
            time(15),
            60,
            [(time(11), time(12)), (time(12), time(13))],
            [("10:00", "11:00"), ("13:00", "14:00"), ("14:00", "15:00")],
        ),
        # A break at the very start of the day pushes the first slot.
        (time(9), time(11), 60, [(time(9), time(9, 30))], [("9:30", "10:30")]),
    ],
)
def test_slots_never_overlap_a_break_nor_run_past_the_end(
    start, end, slot_minutes, breaks, expected
):
    slots = generate_slots(DAY, start, end, slot_minutes, 1, breaks)
    got = [(f"{s.starts_at.hour}:{s.starts_at:%M}", s.ends_at.strftime("%H:%M")) for s in slots]
    assert got == [(a, b) for a, b in expected]


def test_no_generated_slot_overlaps_any_break():
    breaks = [(time(11, 50), time(12, 40)), (time(14, 55), time(15, 5))]
    slots = generate_slots(DAY, time(9), time(17), 25, 3, breaks)
    for slot in slots:
        for break_start, break_end in breaks:
            b_start = slot.starts_at.replace(hour=break_start.hour, minute=break_start.minute)
            b_end = slot.starts_at.replace(hour=break_end.hour, minute=break_end.minute)
            assert slot.ends_at <= b_start or slot.starts_at >= b_end
        assert slot.ends_at - slot.starts_at == timedelta(minutes=25)
        assert slot.ends_at.time() <= time(17)


def test_slots_are_aware_datetimes_in_tokyo():
    slot = generate_slots(DAY, time(10), time(11), 60, 1)[0]
    assert slot.starts_at.tzinfo == TOKYO
    assert slot.starts_at.utcoffset() == timedelta(hours=9)
    assert slot.starts_at.date() == DAY


def test_wall_times_follow_the_zone_rules_not_a_fixed_offset():
    # On the day New York springs forward (02:00 -> 03:00), 01:00 and 04:00
    # local have different UTC offsets; a hard-coded offset would get one wrong,
    # and wall-clock stepping would make a 02:00 slot of zero length.
    new_york = ZoneInfo("America/New_York")
    slots = generate_slots(date(2027, 3, 14), time(1), time(4), 60, 1, tz=new_york)
    assert [(s.starts_at.hour, s.ends_at.hour) for s in slots] == [(1, 3), (3, 4)]
    assert slots[0].starts_at.utcoffset() == timedelta(hours=-5)
    assert slots[-1].ends_at.utcoffset() == timedelta(hours=-4)
    # Subtracting two datetimes that share a tzinfo ignores the offset change,
    # so measure the real length in UTC.
    assert all(s.ends_at.astimezone(UTC) - s.starts_at.astimezone(UTC) == HOUR for s in slots)


def test_booths_are_numbered_from_one_within_each_time_band():
    slots = generate_slots(DAY, time(10), time(11), 30, 3)
    assert [s.booth for s in slots] == [1, 2, 3, 1, 2, 3]


@pytest.mark.parametrize(
    ("start", "end", "slot_minutes", "booths", "breaks", "code"),
    [
        (time(16), time(10), 45, 1, [], "end_not_after_start"),
        (time(10), time(10), 45, 1, [], "end_not_after_start"),
        (time(10), time(16), 0, 1, [], "slot_minutes_not_positive"),
        (time(10), time(16), -15, 1, [], "slot_minutes_not_positive"),
        (time(10), time(16), 45, 0, [], "no_booths"),
        (time(10), time(16), 45, 1, [(time(9), time(10, 30))], "break_outside_day"),
        (time(10), time(16), 45, 1, [(time(15, 30), time(16, 30))], "break_outside_day"),
        (time(10), time(16), 45, 1, [(time(13), time(12))], "break_end_not_after_start"),
        (time(10), time(16), 45, 1, [(time(12), time(12))], "break_end_not_after_start"),
        (time(10), time(10, 30), 45, 1, [], "no_slot_fits"),
        (time(10), time(16), 45, 1, [(time(10), time(16))], "no_slot_fits"),
        (time(10, 0, 30), time(16), 45, 1, [], "time_not_whole_minute"),
        (time(10, tzinfo=TOKYO), time(16), 45, 1, [], "aware_time"),
    ],
)
def test_invalid_day_settings_are_refused_with_a_code(
    start, end, slot_minutes, booths, breaks, code
):
    with pytest.raises(PlanningError) as excinfo:
        generate_slots(DAY, start, end, slot_minutes, booths, breaks)
    assert excinfo.value.code == code
    assert isinstance(excinfo.value, ValueError)


def test_break_covering_the_whole_day_edges_is_allowed():
    slots = generate_slots(DAY, time(10), time(12), 60, 1, [(time(10), time(11))])
    assert bands(slots) == [("11:00", "12:00")]


def test_group_by_time_makes_one_row_per_band_with_booths_in_order():
    slots = generate_slots(DAY, time(10), time(11, 30), 45, 2)
    rows = group_by_time(reversed(slots))
    assert [(r.starts_at.time(), r.ends_at.time()) for r in rows] == [
        (time(10), time(10, 45)),
        (time(10, 45), time(11, 30)),
    ]
    assert [r.booths for r in rows] == [(1, 2), (1, 2)]
    assert all(isinstance(s, SlotSpec) for r in rows for s in r.slots)


def test_group_by_time_of_nothing_is_empty():
    assert group_by_time([]) == []
