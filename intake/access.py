"""Who may open which session's bookings in the intake console.

The one rule (docs/design.md, data flow step 5), used by every console view:

- 相談受付担当 and 管理者 (``intake.view_all_bookings``) open every session;
- 相談員 (``intake.view_assigned_bookings``) open only the sessions they are
  assigned to (``TouringSession.consultants``), and only inside the window
  from 00:00 the day before the session date until 24:00 of the seventh day
  after it, Asia/Tokyo: ``[00:00 date-1, 00:00 date+8)``;
- everyone else (editors, approvers, schedulers) opens nothing.

The 2FA check is not here: VerifiedStaffRequiredMiddleware refuses every
staff URL to an unverified user before a view runs.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet

from schedule.models import TouringSession
from schedule.planning.tz import TOKYO, aware, instant

VIEW_ALL = "intake.view_all_bookings"
VIEW_ASSIGNED = "intake.view_assigned_bookings"
EXPORT = "intake.export_bookings"
RECORD_CONSULTATION = "intake.record_consultation"
CANCEL_BOOKING = "intake.cancel_booking"
VIEW_STATS = "intake.view_intake_stats"

CONSOLE_PERMISSIONS = (VIEW_ALL, VIEW_ASSIGNED, VIEW_STATS)

DAYS_BEFORE = 1
DAYS_AFTER = 7


def consultant_window(session_date: date) -> tuple[datetime, datetime]:
    """The half-open interval in which an assigned consultant may open the session."""
    opens = aware(session_date - timedelta(days=DAYS_BEFORE), time(0, 0), TOKYO)
    closes = aware(session_date + timedelta(days=DAYS_AFTER + 1), time(0, 0), TOKYO)
    return opens, closes


def sees_all(user) -> bool:
    return user.is_active and user.has_perm(VIEW_ALL)


def may_use_console(user) -> bool:
    return user.is_active and any(user.has_perm(p) for p in CONSOLE_PERMISSIONS)


def is_assigned(user, session: TouringSession) -> bool:
    return session.consultants.filter(pk=user.pk).exists()


def can_open_session(user, session: TouringSession, now: datetime) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm(VIEW_ALL):
        return True
    if not user.has_perm(VIEW_ASSIGNED):
        return False
    opens, closes = consultant_window(session.date)
    if not instant(opens) <= instant(now) < instant(closes):
        return False
    return is_assigned(user, session)


def window_dates(now: datetime) -> tuple[date, date]:
    """Session dates whose consultant window contains ``now`` (inclusive bounds)."""
    today = now.astimezone(TOKYO).date()
    return today - timedelta(days=DAYS_AFTER), today + timedelta(days=DAYS_BEFORE)


def openable_sessions(user, now: datetime) -> QuerySet[TouringSession]:
    """The sessions ``user`` may open at ``now``, as one query (same rule as above)."""
    sessions = TouringSession.objects.select_related("venue")
    if sees_all(user):
        return sessions.all()
    if not (user.is_active and user.has_perm(VIEW_ASSIGNED)):
        return sessions.none()
    first, last = window_dates(now)
    return sessions.filter(Q(consultants=user), date__gte=first, date__lte=last)
