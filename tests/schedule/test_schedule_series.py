from datetime import date, timedelta

import pytest

from schedule.planning.errors import PlanningError
from schedule.planning.series import (
    CITY_CLOSURE,
    CLOSED_DATE,
    MAX_SERIES_DATES,
    NATIONAL_HOLIDAY,
    THURSDAY,
    TUESDAY,
    SkippedDate,
    plan_series,
)

TUE_THU = {TUESDAY, THURSDAY}
WINTER_FIRST = date(2027, 1, 12)
WINTER_LAST = date(2027, 3, 31)


def winter_series(**kwargs):
    return plan_series(WINTER_FIRST, WINTER_LAST, TUE_THU, **kwargs)


def test_series_holds_only_the_chosen_weekdays_within_the_range():
    plan = winter_series()
    assert plan.dates[0] == date(2027, 1, 12)
    assert plan.dates[-1] == date(2027, 3, 30)
    assert {d.weekday() for d in plan.dates} == TUE_THU
    assert all(WINTER_FIRST <= d <= WINTER_LAST for d in plan.dates)
    assert plan.dates == sorted(plan.dates)


def test_series_skips_kenkoku_kinen_no_hi_2027():
    plan = winter_series()
    assert date(2027, 2, 11) not in plan.dates
    assert SkippedDate(date(2027, 2, 11), NATIONAL_HOLIDAY) in plan.skipped


def test_series_skips_tennou_tanjoubi_2027():
    plan = winter_series()
    assert date(2027, 2, 23) not in plan.dates
    assert (date(2027, 2, 23), NATIONAL_HOLIDAY) in plan.skipped


def test_shunbun_no_hi_2027_is_a_sunday_so_it_does_not_touch_a_tue_thu_series():
    # 2027-03-21 is a Sunday; its substitute holiday is Monday 2027-03-22.
    plan = winter_series()
    assert {d for d, _ in plan.skipped} == {date(2027, 2, 11), date(2027, 2, 23)}
    assert len(plan.dates) + len(plan.skipped) == 23


def test_series_on_mondays_skips_the_substitute_holiday_for_shunbun_no_hi():
    plan = plan_series(date(2027, 3, 1), date(2027, 3, 31), {0})
    assert plan.skipped == [SkippedDate(date(2027, 3, 22), NATIONAL_HOLIDAY)]
    assert plan.dates == [date(2027, 3, 1), date(2027, 3, 8), date(2027, 3, 15), date(2027, 3, 29)]


def test_holidays_are_kept_when_not_asked_to_skip_them():
    plan = winter_series(skip_holidays=False)
    assert date(2027, 2, 11) in plan.dates
    assert plan.skipped == []


def test_extra_closed_dates_are_skipped_with_their_own_reason():
    plan = winter_series(closed_dates={date(2027, 1, 14), date(2027, 1, 15)})
    assert SkippedDate(date(2027, 1, 14), CLOSED_DATE) in plan.skipped
    assert date(2027, 1, 14) not in plan.dates
    # A closed Friday is not in a Tue/Thu series at all, so it is not "skipped".
    assert date(2027, 1, 15) not in {d for d, _ in plan.skipped}


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        # 2027-12-30 is a Thursday in the 年末年始 closure.
        ({}, CITY_CLOSURE),
        ({"closed_dates": {date(2027, 12, 30)}}, CITY_CLOSURE),
        ({"skip_city_closure": False, "closed_dates": {date(2027, 12, 30)}}, CLOSED_DATE),
        ({"skip_city_closure": False}, None),
    ],
)
def test_year_end_closure_is_skipped_unless_turned_off(kwargs, reason):
    plan = plan_series(date(2027, 12, 28), date(2027, 12, 30), {THURSDAY}, **kwargs)
    if reason is None:
        assert plan.dates == [date(2027, 12, 30)]
    else:
        assert plan.skipped == [SkippedDate(date(2027, 12, 30), reason)]


def test_new_years_day_is_reported_as_a_holiday_rather_than_the_closure():
    plan = plan_series(date(2027, 1, 1), date(2027, 1, 1), {4})
    assert plan.skipped == [SkippedDate(date(2027, 1, 1), NATIONAL_HOLIDAY)]


def test_single_day_series_on_a_matching_weekday():
    assert plan_series(WINTER_FIRST, WINTER_FIRST, {TUESDAY}).dates == [WINTER_FIRST]


def test_series_with_no_matching_weekday_in_range_is_empty_not_an_error():
    plan = plan_series(WINTER_FIRST, WINTER_FIRST, {THURSDAY})
    assert plan.dates == []
    assert plan.skipped == []


@pytest.mark.parametrize(
    ("first", "last", "weekdays", "code"),
    [
        (WINTER_LAST, WINTER_FIRST, TUE_THU, "last_before_first"),
        (WINTER_FIRST, WINTER_LAST, set(), "no_weekdays"),
        (WINTER_FIRST, WINTER_LAST, {7}, "invalid_weekday"),
        (WINTER_FIRST, WINTER_LAST, {-1}, "invalid_weekday"),
    ],
)
def test_invalid_series_requests_are_refused_with_a_code(first, last, weekdays, code):
    with pytest.raises(PlanningError) as excinfo:
        plan_series(first, last, weekdays)
    assert excinfo.value.code == code


def test_series_of_exactly_the_limit_is_allowed():
    first = date(2030, 1, 7)  # a Monday; holidays off so every Monday counts
    last = first + timedelta(weeks=MAX_SERIES_DATES - 1)
    plan = plan_series(first, last, {0}, skip_holidays=False, skip_city_closure=False)
    assert len(plan.dates) == MAX_SERIES_DATES


def test_series_longer_than_the_limit_is_refused_with_a_clear_error():
    first = date(2030, 1, 7)
    last = first + timedelta(weeks=MAX_SERIES_DATES)
    with pytest.raises(PlanningError) as excinfo:
        plan_series(first, last, {0}, skip_holidays=False, skip_city_closure=False)
    assert excinfo.value.code == "series_too_long"
    assert excinfo.value.params == {"max": MAX_SERIES_DATES}


def test_limit_counts_session_days_not_skipped_ones():
    plan = plan_series(date(2027, 1, 1), date(2027, 1, 31), set(range(7)), max_dates=27)
    assert len(plan.dates) == 27  # 31 days less 1/1–1/3 and 1/11
    with pytest.raises(PlanningError):
        plan_series(date(2027, 1, 1), date(2027, 1, 31), set(range(7)), max_dates=26)
