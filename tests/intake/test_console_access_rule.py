"""intake.access.can_open_session: roles, assignment and the consultant's window, at the edges."""

from datetime import UTC, date, datetime, timedelta

import pytest

from intake import access
from schedule.planning.tz import TOKYO
from tests.accounts.factories import (
    AdministratorFactory,
    ConsultantFactory,
    EditorFactory,
    IntakeClerkFactory,
    SchedulerFactory,
)
from tests.intake.factories import ConsoleSessionFactory

pytestmark = pytest.mark.django_db

SESSION_DAY = date(2027, 3, 10)


def tokyo(*args):
    return datetime(*args, tzinfo=TOKYO)


# (moment, may an assigned consultant open the session?)
WINDOW_EDGES = [
    (tokyo(2027, 3, 8, 23, 59, 59), False),  # two days before, last second
    (tokyo(2027, 3, 9, 0, 0, 0), True),  # 00:00 the day before: opens
    (tokyo(2027, 3, 10, 10, 0), True),  # during the session
    (tokyo(2027, 3, 17, 23, 59, 59), True),  # the 7th day after, last second
    (tokyo(2027, 3, 18, 0, 0, 0), False),  # 8th day after: closed
]


@pytest.mark.parametrize(("now", "allowed"), WINDOW_EDGES)
def test_assigned_consultant_only_inside_the_window(now, allowed):
    user = ConsultantFactory()
    session = ConsoleSessionFactory(date=SESSION_DAY, consultants=[user])
    assert access.can_open_session(user, session, now) is allowed


def test_window_edges_hold_when_now_is_given_in_utc():
    user = ConsultantFactory()
    session = ConsoleSessionFactory(date=SESSION_DAY, consultants=[user])
    assert access.can_open_session(user, session, datetime(2027, 3, 8, 15, 0, tzinfo=UTC))
    assert not access.can_open_session(user, session, datetime(2027, 3, 8, 14, 59, 59, tzinfo=UTC))
    assert not access.can_open_session(user, session, datetime(2027, 3, 17, 15, 0, tzinfo=UTC))


@pytest.mark.parametrize("now", [moment for moment, _ in WINDOW_EDGES])
def test_consultant_never_opens_a_session_they_are_not_assigned_to(now):
    user, other = ConsultantFactory(), ConsultantFactory(username="other-consultant")
    session = ConsoleSessionFactory(date=SESSION_DAY, consultants=[other])
    assert not access.can_open_session(user, session, now)


@pytest.mark.parametrize("make_user", [IntakeClerkFactory, AdministratorFactory])
@pytest.mark.parametrize("offset_days", [-400, -8, 0, 8, 400])
def test_intake_staff_and_administrators_open_every_session(make_user, offset_days):
    session = ConsoleSessionFactory(date=SESSION_DAY)
    now = tokyo(2027, 3, 10, 12, 0) + timedelta(days=offset_days)
    assert access.can_open_session(make_user(), session, now)


@pytest.mark.parametrize("make_user", [EditorFactory, SchedulerFactory])
def test_editors_and_schedulers_open_nothing_even_if_assigned(make_user):
    user = make_user()
    session = ConsoleSessionFactory(date=SESSION_DAY, consultants=[user])
    assert not access.can_open_session(user, session, tokyo(2027, 3, 10, 12, 0))
    assert not access.may_use_console(user)


def test_inactive_user_opens_nothing():
    user = IntakeClerkFactory()
    user.is_active = False
    user.save()
    assert not access.can_open_session(
        user, ConsoleSessionFactory(date=SESSION_DAY), tokyo(2027, 3, 10, 12)
    )


@pytest.mark.parametrize(("now", "allowed"), WINDOW_EDGES)
def test_openable_sessions_agrees_with_can_open_session(now, allowed):
    user = ConsultantFactory()
    session = ConsoleSessionFactory(date=SESSION_DAY, consultants=[user])
    assert (session in access.openable_sessions(user, now)) is allowed
