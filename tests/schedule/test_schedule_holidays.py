from datetime import date

import pytest

from schedule.planning.errors import PlanningError
from schedule.planning.holidays import holiday_name, is_city_closed, is_national_holiday


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2027, 1, 1), "元日"),
        (date(2027, 1, 11), "成人の日"),
        (date(2027, 2, 11), "建国記念の日"),
        (date(2027, 2, 23), "天皇誕生日"),
        (date(2027, 3, 21), "春分の日"),  # a Sunday in 2027
        (date(2027, 3, 22), "振替休日"),  # so the Monday after is a substitute holiday
        (date(2026, 5, 6), "振替休日"),  # 憲法記念日 2026-05-03 fell on a Sunday
        (date(2026, 9, 22), "国民の休日"),  # sandwiched between 敬老の日 and 秋分の日
        (date(2019, 5, 1), "天皇の即位の日"),  # one-off holiday by special law
    ],
)
def test_national_holidays_and_substitute_holidays_are_recognised(day, name):
    assert is_national_holiday(day)
    assert holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 1, 12),
        date(2027, 2, 10),
        date(2027, 3, 23),
        date(2028, 3, 21),  # 春分の日 moves: it is 2028-03-20
        date(2027, 12, 29),  # city closure, but not a national holiday
    ],
)
def test_ordinary_days_are_not_national_holidays(day):
    assert not is_national_holiday(day)
    assert holiday_name(day) is None


def test_holiday_name_in_english_comes_from_the_package():
    assert holiday_name(date(2027, 3, 22), "en") == "Substitute Holiday"
    assert holiday_name(date(2027, 3, 22), "en-us") == "Substitute Holiday"


def test_holiday_name_in_an_unsupported_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        holiday_name(date(2027, 3, 22), "fr")


@pytest.mark.parametrize("year", [1900, 2100])
def test_years_the_holiday_data_does_not_cover_are_refused_not_guessed(year):
    with pytest.raises(PlanningError) as excinfo:
        is_national_holiday(date(year, 1, 1))
    assert excinfo.value.code == "holiday_year_unsupported"


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        (date(2027, 12, 28), False),
        (date(2027, 12, 29), True),
        (date(2027, 12, 31), True),
        (date(2028, 1, 1), True),
        (date(2028, 1, 3), True),
        (date(2028, 1, 4), False),
        (date(2027, 6, 1), False),
    ],
)
def test_city_is_closed_from_december_29_to_january_3(day, closed):
    assert is_city_closed(day) is closed
