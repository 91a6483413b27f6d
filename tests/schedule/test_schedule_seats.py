from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from schedule.planning.seats import (
    CLOSED,
    FULL,
    OPEN,
    SlotSeats,
    is_session_full,
    remaining,
    remaining_seats,
    session_seat_status,
)

TOKYO = ZoneInfo("Asia/Tokyo")
MORNING = datetime(2027, 1, 12, 10, tzinfo=TOKYO)
AFTERNOON = datetime(2027, 1, 12, 14, tzinfo=TOKYO)
BEFORE = datetime(2027, 1, 12, 9, tzinfo=TOKYO)
BETWEEN = datetime(2027, 1, 12, 12, tzinfo=TOKYO)
AFTER = datetime(2027, 1, 12, 15, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("capacity", "taken", "expected"),
    [(2, 0, 2), (2, 1, 1), (2, 2, 0), (2, 3, 0), (0, 0, 0)],
)
def test_remaining_is_never_negative(capacity, taken, expected):
    assert remaining(capacity, taken) == expected


@pytest.mark.parametrize(("capacity", "taken"), [(-1, 0), (1, -1)])
def test_negative_counts_are_refused(capacity, taken):
    with pytest.raises(ValueError):
        remaining(capacity, taken)


@pytest.mark.parametrize(
    ("slots", "now", "expected"),
    [
        ([SlotSeats(MORNING, 1, 1), SlotSeats(AFTERNOON, 1, 1)], BEFORE, FULL),
        ([SlotSeats(MORNING, 1, 1), SlotSeats(AFTERNOON, 1, 0)], BEFORE, OPEN),
        # The free morning slot has passed; the only future slot is taken.
        ([SlotSeats(MORNING, 1, 0), SlotSeats(AFTERNOON, 1, 1)], BETWEEN, FULL),
        # A free slot that was cancelled does not keep the session open.
        ([SlotSeats(MORNING, 1, 0, cancelled=True), SlotSeats(AFTERNOON, 1, 1)], BEFORE, FULL),
        # Overbooked by hand still counts as full, not as negative seats.
        ([SlotSeats(MORNING, 1, 2)], BEFORE, FULL),
        # Nothing left to book: the day is over, not full.
        ([SlotSeats(MORNING, 1, 1), SlotSeats(AFTERNOON, 1, 1)], AFTER, CLOSED),
        ([], BEFORE, CLOSED),
        # A slot starting exactly now is no longer bookable.
        ([SlotSeats(MORNING, 1, 0)], MORNING, CLOSED),
    ],
)
def test_session_seat_status(slots, now, expected):
    assert session_seat_status(slots, now) == expected
    assert is_session_full(slots, now) is (expected == FULL)


def test_session_past_its_cutoff_is_closed_even_with_seats():
    slots = [SlotSeats(MORNING, 1, 0)]
    cutoff = MORNING - timedelta(hours=17)
    assert session_seat_status(slots, cutoff - timedelta(seconds=1), cutoff) == OPEN
    assert session_seat_status(slots, cutoff, cutoff) == CLOSED


def test_remaining_seats_counts_only_future_open_slots():
    slots = [
        SlotSeats(MORNING, 2, 1),
        SlotSeats(AFTERNOON, 2, 0),
        SlotSeats(AFTERNOON, 2, 5),
        SlotSeats(AFTERNOON, 2, 0, cancelled=True),
    ]
    assert remaining_seats(slots, BEFORE) == 3
    assert remaining_seats(slots, BETWEEN) == 2


def test_slot_start_must_be_aware():
    with pytest.raises(ValueError, match="aware"):
        SlotSeats(datetime(2027, 1, 12, 10), 1, 0)
