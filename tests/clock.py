"""The suite's clock: every test runs at a fixed instant, so no test depends on the day or the
time of day it happens to run.

`tests/conftest.py` moves the clock (time-machine) to `suite_instant()` before collection, so
that module-level dates and session fixtures such as the demo content are of the same day, and
back to it at the start of every test, with the clock ticking from there. The instant is
`DEFAULT_INSTANT` unless `pytest --clock=ISO-8601` (or `PORTAL_TEST_CLOCK`) names another,
e.g. one of `EDGES`:

    pytest tests/schedule --clock=2027-03-31T23:59+09:00

Tests that start other processes (the browser tests' live servers) run on the real clock:
a child process cannot share a fake clock.
"""

import os
from datetime import date, datetime, timedelta

from django.utils import timezone

from schedule.planning.tz import TOKYO

# A Thursday at 10:00 in Tokyo: far from both ends of the day, in the middle of a month.
DEFAULT_INSTANT = datetime(2026, 12, 3, 10, 0, tzinfo=TOKYO)

# The instants at which the date-dependent modules are proven (tests/test_clock_edges.py).
EDGES = {
    "23:59 JST": datetime(2026, 12, 3, 23, 59, tzinfo=TOKYO),
    "00:01 JST": datetime(2026, 12, 4, 0, 1, tzinfo=TOKYO),
    "last day of a month, 23:59 JST": datetime(2027, 1, 31, 23, 59, tzinfo=TOKYO),
    "first day of a month, 00:01 JST": datetime(2027, 2, 1, 0, 1, tzinfo=TOKYO),
    "end of the fiscal year (March 31), 23:59 JST": datetime(2027, 3, 31, 23, 59, tzinfo=TOKYO),
    "start of the fiscal year (April 1), 00:01 JST": datetime(2027, 4, 1, 0, 1, tzinfo=TOKYO),
}

ENV = "PORTAL_TEST_CLOCK"


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant; without an offset it is read as Tokyo time."""
    instant = datetime.fromisoformat(text)
    return instant if instant.tzinfo else instant.replace(tzinfo=TOKYO)


def suite_instant(option: str | None = None) -> datetime:
    text = option or os.environ.get(ENV)
    return parse_instant(text) if text else DEFAULT_INSTANT


def today() -> date:
    """Today in Tokyo, by the (travelled) clock."""
    return timezone.now().astimezone(TOKYO).date()


def days_from_today(n: int) -> date:
    """The Tokyo date ``n`` days from the suite's today."""
    return today() + timedelta(days=n)
