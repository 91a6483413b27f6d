import locale
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from schedule.planning.dates import format_date, format_month, format_time_range

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2027, 1, 12), "ja", "2027年1月12日(火)"),
        (date(2027, 1, 12), "en", "Tue 12 January 2027"),
        (date(2027, 2, 11), "ja", "2027年2月11日(木)"),
        (date(2027, 3, 21), "ja", "2027年3月21日(日)"),
        (date(2027, 3, 22), "en", "Mon 22 March 2027"),
        (date(2027, 12, 4), "en", "Sat 4 December 2027"),
        (date(2027, 1, 12), "en-us", "Tue 12 January 2027"),
        (date(2027, 1, 12), "ja-JP", "2027年1月12日(火)"),
    ],
)
def test_format_date(day, lang, expected):
    assert format_date(day, lang) == expected


def test_aware_datetime_is_shown_as_its_tokyo_date():
    # 2027-01-11 20:00 UTC is already 1/12 05:00 in Tokyo.
    moment = datetime(2027, 1, 11, 20, tzinfo=ZoneInfo("UTC"))
    assert format_date(moment, "ja") == "2027年1月12日(火)"


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (time(10), time(10, 45), "ja", "10:00〜10:45"),
        (time(10), time(10, 45), "en", "10:00–10:45"),
        (time(9, 5), time(9, 50), "ja", "9:05〜9:50"),
        (
            datetime(2027, 1, 12, 1, tzinfo=ZoneInfo("UTC")),
            datetime(2027, 1, 12, 2, tzinfo=ZoneInfo("UTC")),
            "ja",
            "10:00〜11:00",
        ),
        (
            datetime(2027, 1, 12, 13, 30, tzinfo=TOKYO),
            datetime(2027, 1, 12, 14, 15, tzinfo=TOKYO),
            "en",
            "13:30–14:15",
        ),
    ],
)
def test_format_time_range(start, end, lang, expected):
    assert format_time_range(start, end, lang) == expected


@pytest.mark.parametrize(
    ("year", "month", "lang", "expected"),
    [
        (2027, 1, "ja", "2027年1月"),
        (2027, 1, "en", "January 2027"),
        (2027, 12, "ja", "2027年12月"),
        (2027, 12, "en", "December 2027"),
    ],
)
def test_format_month(year, month, lang, expected):
    assert format_month(year, month, lang) == expected


@pytest.mark.parametrize("month", [0, 13])
def test_month_out_of_range_is_refused(month):
    with pytest.raises(ValueError, match="month"):
        format_month(2027, month, "ja")


@pytest.mark.parametrize("lang", ["fr", "", "zh-hans"])
def test_unsupported_language_is_refused(lang):
    with pytest.raises(ValueError, match="unsupported language"):
        format_date(date(2027, 1, 12), lang)


def test_names_do_not_depend_on_the_process_locale():
    previous = locale.setlocale(locale.LC_TIME)
    for name in ("ja_JP.UTF-8", "de_DE.UTF-8", "C"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            assert format_date(date(2027, 1, 12), "en") == "Tue 12 January 2027"
            assert format_month(2027, 1, "en") == "January 2027"
        finally:
            locale.setlocale(locale.LC_TIME, previous)
