"""Dates and times as the schedule shows them, in Japanese and English.

Weekday and month names come from the tables below, never from the process
locale (strftime's %a/%B follow LC_TIME, which differs between machines).
Hours are not zero-padded ("9:00"), in both languages.
"""

from datetime import date, datetime, time

from .tz import TOKYO

WEEKDAYS = {
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# 〜 (U+301C WAVE DASH) is the Japanese range mark; English uses an en dash.
RANGE_SEPARATORS = {"ja": "〜", "en": "–"}


def language(lang: str) -> str:
    """'ja' or 'en' from a language code such as 'ja', 'en-us' or 'en_GB'."""
    primary = (lang or "").replace("_", "-").split("-")[0].lower()
    if primary not in WEEKDAYS:
        raise ValueError(f"unsupported language: {lang!r}")
    return primary


def _local_date(d: date) -> date:
    if isinstance(d, datetime):
        return (d.astimezone(TOKYO) if d.tzinfo else d).date()
    return d


def _local_time(t: time | datetime) -> time:
    if isinstance(t, datetime):
        return (t.astimezone(TOKYO) if t.tzinfo else t).time()
    return t


def format_date(d: date, lang: str) -> str:
    """'2027年1月12日(火)' or 'Tue 12 January 2027'.

    An aware datetime is shown as its date in Tokyo.
    """
    d = _local_date(d)
    lang = language(lang)
    weekday = WEEKDAYS[lang][d.weekday()]
    if lang == "ja":
        return f"{d.year}年{d.month}月{d.day}日({weekday})"
    return f"{weekday} {d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def format_time(t: time | datetime) -> str:
    t = _local_time(t)
    return f"{t.hour}:{t.minute:02d}"


def format_time_range(start: time | datetime, end: time | datetime, lang: str) -> str:
    """'10:00〜10:45' or '10:00–10:45'; aware datetimes are shown in Tokyo time."""
    separator = RANGE_SEPARATORS[language(lang)]
    return f"{format_time(start)}{separator}{format_time(end)}"


def format_month(year: int, month: int, lang: str) -> str:
    """'2027年1月' or 'January 2027'."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    if language(lang) == "ja":
        return f"{year}年{month}月"
    return f"{MONTHS_EN[month - 1]} {year}"
