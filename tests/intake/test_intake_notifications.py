"""Reminders and session-cancelled notices: sent once, on the staff tier, nothing typed."""

from datetime import datetime, time, timedelta
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from intake import notifications
from intake.models import Reservation
from intake.vault.models import AuditEntry
from schedule.planning.tz import TOKYO
from tests.intake.factories import PERSONAL, ConsoleSessionFactory, ReservationFactory
from tests.schedule.factories import TouringSessionFactory, VenueFactory
from tests.tiers import use_tier

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys"),
]

NOT_IN_EMAILS = [v for k, v in PERSONAL.items() if k != "email"]
NOW = datetime(2027, 3, 9, 18, 0, tzinfo=TOKYO)


def assert_nothing_typed(message):
    text = message.subject + message.body
    for value in NOT_IN_EMAILS:
        assert value not in text
    assert message.attachments == []


@pytest.fixture
def tomorrow_bookings(staff_tier):
    session = ConsoleSessionFactory(date=NOW.date() + timedelta(days=1), booths=3)
    slot = session.slots.get()
    return [
        ReservationFactory(slot=slot),
        ReservationFactory(slot=slot, language="en", email="en@example.jp"),
    ]


def test_reminders_go_once_to_tomorrows_bookings_with_nothing_typed(tomorrow_bookings):
    later = ConsoleSessionFactory(date=NOW.date() + timedelta(days=2), venue__slug="later")
    ReservationFactory(slot=later.slots.get(), email="later@example.jp")
    assert notifications.send_reminders(NOW) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["en@example.jp", "taro@example.jp"]
    for message in mail.outbox:
        assert_nothing_typed(message)
    ja = next(m for m in mail.outbox if m.to == ["taro@example.jp"])
    assert tomorrow_bookings[0].reference in ja.subject
    assert "明日" in ja.subject
    en = next(m for m in mail.outbox if m.to == ["en@example.jp"])
    assert "tomorrow" in en.subject.lower()
    assert notifications.send_reminders(NOW) == (0, 0)
    assert len(mail.outbox) == 2
    assert not Reservation.objects.filter(
        slot__session=tomorrow_bookings[0].slot.session, reminder_sent_at=None
    ).exists()
    entry = AuditEntry.objects.get()
    assert entry.action == "send_reminders" and entry.record_count == 2
    assert "taro@" not in str(entry.detail)


def test_a_failed_reminder_is_retried_next_run(tomorrow_bookings):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")):
        assert notifications.send_reminders(NOW) == (0, 2)
    assert notifications.send_reminders(NOW) == (2, 0)


def test_cancelled_bookings_and_sessions_get_no_reminder(tomorrow_bookings):
    from intake.cancellation import cancel

    cancel(tomorrow_bookings[0], by="owner")
    tomorrow_bookings[1].slot.session.cancel("台風のため", None)
    mail.outbox.clear()
    assert notifications.send_reminders(NOW) == (0, 0)


def test_send_reminders_command_refuses_the_public_tier():
    with use_tier("public"), pytest.raises(CommandError):
        call_command("send_reminders", stdout=StringIO())


def test_send_reminders_command_on_the_staff_tier(tomorrow_bookings, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminders sent: 2, failed: 0" in out.getvalue()


@pytest.mark.django_db(databases=["default", "intake"], transaction=True)
def test_cancelling_a_session_emails_every_booking_with_reason_and_nothing_typed(staff_tier):
    day = timezone.now().astimezone(TOKYO).date() + timedelta(days=5)
    venue = VenueFactory(slug="cancel-hall")
    session = TouringSessionFactory(
        venue=venue, date=day, start_time=time(10, 0), end_time=time(10, 45), booths=2, breaks=[]
    )
    slot = session.slots.get()
    first, second = (
        ReservationFactory(slot=slot),
        ReservationFactory(slot=slot, email="second@example.jp"),
    )
    mail.outbox.clear()
    session.cancel("会場の設備点検のため", None)
    assert sorted(m.to[0] for m in mail.outbox) == ["second@example.jp", "taro@example.jp"]
    for message in mail.outbox:
        assert_nothing_typed(message)
        assert "会場の設備点検のため" in message.body
        assert "/schedule/" in message.body
    assert first.reference in mail.outbox[0].body + mail.outbox[1].body
    entry = AuditEntry.objects.get()
    assert entry.action == "notify_session_cancelled"
    assert sorted(entry.detail["references"]) == sorted([first.reference, second.reference])


def test_session_cancelled_on_the_public_tier_sends_nothing(tomorrow_bookings):
    with use_tier("public"):
        assert notifications.notify_session_cancelled(tomorrow_bookings) == 0
    assert mail.outbox == []
