"""The date-dependent modules at the edges of the day, the month and the fiscal year.

The server runs in UTC; the city lives in Tokyo (UTC+9). From 00:00 to 08:59 JST the UTC date
is still yesterday, so a rule that takes "today" from UTC is wrong for nine hours a day. Each
test here moves the clock (time-machine) to every instant of `tests.clock.EDGES` and checks
a rule against the Tokyo date written out by hand below, not computed by the code under test.
"""

from datetime import date, datetime, time, timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from intake import access, retention
from intake.notifications import reminders_due
from intake.reporting import fiscal_year_of
from intake.vault.models import AuditEntry
from measures.rules.status import MeasureStatus, compute_status, local_today
from portal.pagecache.middleware import seconds_to_midnight
from schedule import listing
from schedule.planning.cutoff import PAST_CUTOFF, CutoffRule, cutoff_at, is_bookable
from schedule.planning.tz import TOKYO
from tests.clock import EDGES
from tests.intake.factories import ConsoleSessionFactory, ReservationFactory

# edge -> (the Tokyo date, its fiscal year (April-March), seconds to the next Tokyo midnight)
EXPECTED = {
    "23:59 JST": (date(2026, 12, 3), 2026, 60),
    "00:01 JST": (date(2026, 12, 4), 2026, 86340),
    "last day of a month, 23:59 JST": (date(2027, 1, 31), 2026, 60),
    "first day of a month, 00:01 JST": (date(2027, 2, 1), 2026, 86340),
    "end of the fiscal year (March 31), 23:59 JST": (date(2027, 3, 31), 2026, 60),
    "start of the fiscal year (April 1), 00:01 JST": (date(2027, 4, 1), 2027, 86340),
}
DAY = timedelta(days=1)


def test_every_edge_has_its_expectations():
    assert set(EXPECTED) == set(EDGES)


@pytest.fixture(params=list(EDGES))
def edge(request):
    """The clock stands still at the edge; yields the expected Tokyo date and fiscal year."""
    with time_machine.travel(EDGES[request.param], tick=False):
        yield EXPECTED[request.param]


def test_today_is_the_tokyo_date_whatever_the_utc_date(edge):
    tokyo_today, _fiscal_year, _seconds = edge
    now = timezone.now()
    assert local_today() == local_today(now) == tokyo_today
    assert listing.today(now) == tokyo_today
    assert timezone.localdate() == tokyo_today


def test_measure_status_turns_at_tokyo_midnight(edge):
    today, _fiscal_year, _seconds = edge
    days = 7
    assert compute_status(None, today, local_today(), days) == MeasureStatus.CLOSING_SOON
    assert compute_status(None, today - DAY, local_today(), days) == MeasureStatus.CLOSED
    assert compute_status(today, None, local_today(), days) == MeasureStatus.ROLLING
    assert compute_status(today + DAY, None, local_today(), days) == MeasureStatus.UPCOMING
    assert compute_status(None, today + 2 * DAY, local_today(), 1) == MeasureStatus.OPEN


def test_booking_cut_off_counts_days_in_tokyo(edge):
    today, _fiscal_year, _seconds = edge
    rule = CutoffRule(days_before=1, at=time(0, 0))  # closes at the start of the day before
    now = timezone.now()

    def bookable(day):
        starts = datetime.combine(day, time(10, 0), tzinfo=TOKYO)
        return is_bookable(starts, cutoff_at(day, rule), now, False, 1)

    assert bookable(today + DAY) == (False, PAST_CUTOFF)
    assert bookable(today + 2 * DAY) == (True, None)


def test_consultant_window_opens_on_the_tokyo_day_before(edge):
    today, _fiscal_year, _seconds = edge
    now = timezone.now()

    def open_now(session_day):
        opens, closes = access.consultant_window(session_day)
        return opens <= now < closes

    assert open_now(today + DAY)
    assert not open_now(today + 2 * DAY)
    assert open_now(today - 7 * DAY)
    assert not open_now(today - 8 * DAY)
    assert access.window_dates(now) == (today - 7 * DAY, today + DAY)


def test_statistics_fiscal_year_turns_on_april_first_in_tokyo(edge):
    today, fiscal_year, _seconds = edge
    assert fiscal_year_of(local_today()) == fiscal_year
    assert fiscal_year_of(today) == fiscal_year


def test_page_cache_expires_at_tokyo_midnight(edge):
    _today, _fiscal_year, seconds = edge
    assert seconds_to_midnight() == seconds


@pytest.mark.django_db(databases=["default", "intake"])
@pytest.mark.usefixtures("intake_keys", "staff_tier")
def test_reminders_go_to_tomorrows_tokyo_sessions(edge):
    today, _fiscal_year, _seconds = edge
    bookings = {
        day: ReservationFactory(
            slot=ConsoleSessionFactory(date=day, venue__slug=f"edge-{offset}").slots.get()
        )
        for offset, day in enumerate((today, today + DAY, today + 2 * DAY))
    }
    due = set(reminders_due(timezone.now()))
    assert due == {bookings[today + DAY]}


@pytest.mark.django_db(databases=["default", "intake"])
@pytest.mark.usefixtures("intake_keys", "staff_tier")
def test_retention_counts_from_the_session_end_and_audits_the_tokyo_date(edge, settings):
    today, _fiscal_year, _seconds = edge
    settings.INTAKE_RETENTION_DAYS = 30
    # Sessions end at 10:45 Tokyo; the one 31 days ago has ended more than 30 days ago.
    expired = ReservationFactory(
        slot=ConsoleSessionFactory(date=today - 31 * DAY, venue__slug="edge-old").slots.get()
    )
    kept = ReservationFactory(
        slot=ConsoleSessionFactory(date=today - 29 * DAY, venue__slug="edge-recent").slots.get()
    )
    assert retention.expired(timezone.now()) == [expired]
    call_command("purge_intake", stdout=StringIO())
    expired.refresh_from_db()
    kept.refresh_from_db()
    assert expired.payload_purged_at is not None and kept.payload_purged_at is None
    assert AuditEntry.objects.get(action="purge").object_ref == today.isoformat()
