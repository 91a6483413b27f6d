"""The retention purge: sealed payloads and 相談票 go, categories stay.

A booking's personal data (its SealedSubmission and any
SealedConsultationRecord) is deleted once its session ended more than
``settings.INTAKE_RETENTION_DAYS`` days ago (365 by default). The
Reservation stays with its non-identifying categories for the statistics;
``payload_purged_at`` is set and the pseudonymous ``email_key`` cleared.
Cancelled bookings follow the same rule. Nothing personal is read: rows are
deleted by id, and the result is counts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from schedule.planning.tz import TOKYO

from .models import Reservation
from .vault.models import SealedConsultationRecord, SealedSubmission

BATCH = 500


@dataclass
class PurgeResult:
    reservations: int = 0
    submissions: int = 0
    consultation_records: int = 0


def retention_days() -> int:
    return int(getattr(settings, "INTAKE_RETENTION_DAYS", 365))


def expired(now: datetime, days: int | None = None):
    """Reservations whose session ended more than ``days`` ago and still hold a payload."""
    days = retention_days() if days is None else days
    limit = now - timedelta(days=days)
    # Sessions end on their date; any session dated after the limit's date cannot qualify.
    candidates = (
        Reservation.objects.filter(
            payload_purged_at__isnull=True,
            slot__session__date__lte=limit.astimezone(TOKYO).date(),
        )
        .select_related("slot__session")
        .order_by("pk")
    )
    return [r for r in candidates if r.slot.session.ends_at < limit]


def purge(now: datetime, dry_run: bool = False, days: int | None = None) -> PurgeResult:
    reservations = expired(now, days)
    ids = [r.submission_id for r in reservations]
    result = PurgeResult(reservations=len(reservations))
    submissions = SealedSubmission.objects.using("intake")
    records = SealedConsultationRecord.objects.using("intake")
    if dry_run:
        result.submissions = submissions.filter(id__in=ids).count()
        result.consultation_records = records.filter(submission_id__in=ids).count()
        return result
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        pks = [r.pk for r in reservations[start : start + BATCH]]
        # Intake rows first: if the default DB update then fails, the next run
        # finds the same reservations and deletes nothing twice.
        with transaction.atomic(using="intake"):
            result.consultation_records += records.filter(submission_id__in=batch).delete()[0]
            result.submissions += submissions.filter(id__in=batch).delete()[0]
        Reservation.objects.filter(pk__in=pks, payload_purged_at__isnull=True).update(
            payload_purged_at=now, email_key=""
        )
    return result
