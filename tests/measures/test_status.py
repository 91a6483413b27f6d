from datetime import UTC, date, datetime, timedelta

import pytest

from measures.rules.status import MeasureStatus, compute_status, days_left, local_today

START = date(2025, 4, 1)
END = date(2025, 4, 30)
N = 7


@pytest.mark.parametrize(
    ("start", "end", "today", "closing_soon_days", "expected"),
    [
        # both dates set
        (START, END, START - timedelta(days=1), N, MeasureStatus.UPCOMING),
        (START, END, START, N, MeasureStatus.OPEN),
        (START, END, END - timedelta(days=N + 1), N, MeasureStatus.OPEN),
        (START, END, END - timedelta(days=N), N, MeasureStatus.CLOSING_SOON),
        (START, END, END - timedelta(days=1), N, MeasureStatus.CLOSING_SOON),
        (START, END, END, N, MeasureStatus.CLOSING_SOON),
        (START, END, END + timedelta(days=1), N, MeasureStatus.CLOSED),
        # closing_soon_days == 0 switches the closing-soon state off
        (START, END, END, 0, MeasureStatus.OPEN),
        (START, END, END + timedelta(days=1), 0, MeasureStatus.CLOSED),
        # no dates at all
        (None, None, START, N, MeasureStatus.ROLLING),
        # only an end date
        (None, END, date(2000, 1, 1), N, MeasureStatus.OPEN),
        (None, END, END - timedelta(days=N), N, MeasureStatus.CLOSING_SOON),
        (None, END, END, N, MeasureStatus.CLOSING_SOON),
        (None, END, END + timedelta(days=1), N, MeasureStatus.CLOSED),
        # only a start date
        (START, None, START - timedelta(days=1), N, MeasureStatus.UPCOMING),
        (START, None, START, N, MeasureStatus.ROLLING),
        (START, None, date(2040, 1, 1), N, MeasureStatus.ROLLING),
        # a one-day period
        (END, END, END, N, MeasureStatus.CLOSING_SOON),
        (END, END, END, 0, MeasureStatus.OPEN),
    ],
)
def test_compute_status_at_each_edge(start, end, today, closing_soon_days, expected):
    assert compute_status(start, end, today, closing_soon_days) == expected


def test_an_ended_period_is_closed_even_if_its_start_is_after_its_end():
    inconsistent_start = date(2025, 5, 10)
    assert compute_status(inconsistent_start, END, date(2025, 5, 5), N) == MeasureStatus.CLOSED


def test_negative_closing_soon_days_is_refused():
    with pytest.raises(ValueError):
        compute_status(START, END, START, -1)


def test_a_datetime_is_refused_in_place_of_a_date():
    with pytest.raises(TypeError):
        compute_status(START, END, datetime(2025, 4, 10, 12, 0), N)


def test_status_values_are_the_stored_codes():
    assert [s.value for s in MeasureStatus] == [
        "upcoming",
        "open",
        "closing_soon",
        "closed",
        "rolling",
    ]


@pytest.mark.parametrize(
    ("end", "today", "expected"),
    [
        (END, END, 0),
        (END, END - timedelta(days=1), 1),
        (END, END + timedelta(days=2), -2),
        (date(2025, 3, 1), date(2025, 2, 1), 28),
        (None, END, None),
    ],
)
def test_days_left_counts_whole_days_to_the_end(end, today, expected):
    assert days_left(end, today) == expected


def test_local_today_is_the_tokyo_date_even_when_utc_is_still_yesterday():
    late_utc_evening = datetime(2025, 4, 30, 20, 0, tzinfo=UTC)
    assert local_today(late_utc_evening) == date(2025, 5, 1)


def test_local_today_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        local_today(datetime(2025, 4, 30, 20, 0))
