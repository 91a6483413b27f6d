"""manage.py purge_intake: payloads past retention go, categories stay; --dry-run writes nothing."""

from datetime import datetime, time, timedelta
from io import StringIO

from django.core.management import call_command

import pytest

from intake import retention
from intake.models import Reservation
from intake.vault.models import AuditEntry, SealedConsultationRecord, SealedSubmission
from schedule.planning.tz import TOKYO
from tests.intake.factories import ConsoleSessionFactory, ReservationFactory

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys", "staff_tier"),
]


def booking_on(day, slug):
    session = ConsoleSessionFactory(date=day, venue__slug=slug)  # 10:00-10:45 Tokyo
    reservation = ReservationFactory(slot=session.slots.get())
    SealedConsultationRecord.objects.create(
        submission_id=reservation.submission_id, kid="x", ciphertext=b"sealed"
    )
    return reservation


@pytest.fixture
def edge():
    """Now is exactly 365 days after a session ended; one more minute for the other."""
    day = datetime(2026, 1, 15).date()
    ended = datetime.combine(day, time(10, 45), tzinfo=TOKYO)
    just_expired = booking_on(day - timedelta(days=1), "expired")
    at_limit = booking_on(day, "at-limit")
    return ended + timedelta(days=365), just_expired, at_limit


def test_purge_deletes_only_expired_payloads_and_keeps_categories(edge):
    now, expired, at_limit = edge
    result = retention.purge(now)
    assert (result.reservations, result.submissions, result.consultation_records) == (1, 1, 1)
    expired.refresh_from_db()
    at_limit.refresh_from_db()
    assert expired.payload_purged_at == now and expired.email_key == ""
    assert (expired.ward, expired.industry, expired.topics) == (
        "kita",
        "retail",
        ["subsidy", "loan"],
    )
    assert at_limit.payload_purged_at is None
    assert list(SealedSubmission.objects.values_list("id", flat=True)) == [at_limit.submission_id]
    assert SealedConsultationRecord.objects.get().submission_id == at_limit.submission_id
    # One minute later the session at the limit ended more than 365 days ago.
    assert retention.purge(now + timedelta(minutes=1)).reservations == 1
    assert not SealedSubmission.objects.exists()


def test_purge_is_idempotent(edge):
    now, _expired, _at_limit = edge
    retention.purge(now)
    assert retention.purge(now).reservations == 0


def test_dry_run_writes_nothing(edge, monkeypatch):
    now, _expired, _at_limit = edge
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    out = StringIO()
    call_command("purge_intake", "--dry-run", stdout=out)
    assert "Would purge 1 booking(s): 1 sealed submission(s), 1 相談票" in out.getvalue()
    assert SealedSubmission.objects.count() == 2
    assert SealedConsultationRecord.objects.count() == 2
    assert not Reservation.objects.exclude(payload_purged_at=None).exists()
    assert not AuditEntry.objects.exists()


def test_command_purges_logs_counts_only_and_audits(edge, monkeypatch, caplog, settings):
    now, expired, _at_limit = edge
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    out = StringIO()
    with caplog.at_level("INFO", logger="intake.retention"):
        call_command("purge_intake", stdout=out)
    assert "Purged 1 booking(s)" in out.getvalue()
    assert expired.reference not in caplog.text + out.getvalue()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.record_count) == ("purge", 1)


def test_retention_days_come_from_settings(edge, settings):
    now, _expired, _at_limit = edge
    settings.INTAKE_RETENTION_DAYS = 400
    assert retention.purge(now, dry_run=True).reservations == 0
