"""Days the center does not hold sessions: national holidays and the city closure.

National holidays come from the maintained ``holidays`` package, which follows
the 国民の祝日に関する法律: 振替休日 (substitute holidays) and 国民の休日
(a day sandwiched between two holidays) are included, as are one-off days such
as 2019-05-01 天皇の即位の日.
"""

from datetime import date
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

import holidays as holidays_lib

from .errors import PlanningError

# The package's own language codes for the names it returns.
_PACKAGE_LANGUAGES = {"ja": "ja", "en": "en_US"}

# 年末年始: the city's offices close from 12/29 to 1/3 inclusive.
CITY_CLOSURE_FIRST = (12, 29)
CITY_CLOSURE_LAST = (1, 3)


@lru_cache(maxsize=64)
def _national_holidays(year: int, language: str) -> dict[date, str]:
    if not holidays_lib.Japan.start_year <= year <= holidays_lib.Japan.end_year:
        # The package returns "no holiday" outside its range; a silent False
        # would schedule sessions on holidays, so refuse instead.
        raise PlanningError(
            "holiday_year_unsupported",
            _("%(year)s年の祝日は判定できません。"),
            year=year,
        )
    calendar = holidays_lib.country_holidays("JP", years=year, language=language)
    return dict(calendar.items())


def _package_language(lang: str) -> str:
    primary = lang.replace("_", "-").split("-")[0].lower()
    try:
        return _PACKAGE_LANGUAGES[primary]
    except KeyError:
        raise ValueError(f"unsupported language: {lang!r}") from None


def is_national_holiday(d: date) -> bool:
    """True on 国民の祝日 and on the statutory 休日 (振替休日, 国民の休日)."""
    return d in _national_holidays(d.year, "ja")


def holiday_name(d: date, lang: str = "ja") -> str | None:
    """The holiday's official name (e.g. '振替休日'), or None on other days."""
    return _national_holidays(d.year, _package_language(lang)).get(d)


def is_city_closed(d: date) -> bool:
    """True during 年末年始 (12/29–1/3), whatever the weekday."""
    month_day = (d.month, d.day)
    return month_day >= CITY_CLOSURE_FIRST or month_day <= CITY_CLOSURE_LAST
