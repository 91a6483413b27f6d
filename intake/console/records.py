"""Opening sealed bookings and 相談票 in memory for the console.

Nothing decrypted here is logged, cached or written anywhere: the dicts live
as long as the request that renders them. Callers write the audit entry.
Blobs are opened with the private key their ``kid`` names, so payloads sealed
before a key rotation still open while the old private key is on the staff tier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from intake import tier_keys
from intake.choices import (
    EMPLOYEE_BAND_CHOICES,
    INDUSTRY_CHOICES,
    SALES_DECLINE_CHOICES,
    SUBSIDY_STATUS_CHOICES,
    TOPIC_CHOICES,
    WARD_CHOICES,
)
from intake.consultation import CONSULTATION_KIND_CHOICES, TROUBLE_CHOICES
from intake.crypto.sealing import SealingError, open_sealed
from intake.models import Reservation
from intake.vault.models import SealedConsultationRecord, SealedSubmission

logger = logging.getLogger(__name__)

OK = "ok"
PURGED = "purged"
MISSING = "missing"
UNREADABLE = "unreadable"

LABELS = {
    "ward": dict(WARD_CHOICES),
    "industry": dict(INDUSTRY_CHOICES),
    "employee_band": dict(EMPLOYEE_BAND_CHOICES),
    "sales_decline_band": dict(SALES_DECLINE_CHOICES),
    "subsidy_status": dict(SUBSIDY_STATUS_CHOICES),
}
TOPIC_LABELS = dict(TOPIC_CHOICES)
KIND_LABELS = dict(CONSULTATION_KIND_CHOICES)
TROUBLE_LABELS = dict(TROUBLE_CHOICES)


def label(field_name: str, code: str) -> str:
    return str(LABELS[field_name].get(code, code))


def topic_labels(codes) -> list[str]:
    return [str(TOPIC_LABELS.get(code, code)) for code in codes or ()]


@dataclass
class OpenedBooking:
    reservation: Reservation
    state: str = MISSING
    personal: dict = field(default_factory=dict, repr=False)
    consultation: dict | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"OpenedBooking({self.reservation.reference}, {self.state})"

    @property
    def is_open(self) -> bool:
        return self.state == OK

    @property
    def categories(self) -> dict:
        r = self.reservation
        return {
            "ward": label("ward", r.ward),
            "industry": label("industry", r.industry),
            "employee_band": label("employee_band", r.employee_band),
            "sales_decline_band": label("sales_decline_band", r.sales_decline_band),
            "subsidy_status": label("subsidy_status", r.subsidy_status),
            "topics": topic_labels(r.topics),
        }

    @property
    def consultation_labels(self) -> dict | None:
        if self.consultation is None:
            return None
        return {
            "kind": str(KIND_LABELS.get(self.consultation.get("kind"), "")),
            "troubles": [
                str(TROUBLE_LABELS.get(c, c)) for c in self.consultation.get("troubles", [])
            ],
        }


def _open(row, reference: str) -> dict | None:
    try:
        return open_sealed(row.blob(), tier_keys.private_keyring())
    except SealingError as exc:
        # Reference and error class only: never the payload or key material.
        logger.error("Sealed record of %s did not open (%s)", reference, type(exc).__name__)
        return None


def open_bookings(reservations) -> list[OpenedBooking]:
    """Decrypt each reservation's submission and 相談票 (two intake queries in all)."""
    reservations = list(reservations)
    ids = [r.submission_id for r in reservations if r.payload_purged_at is None]
    submissions = SealedSubmission.objects.using("intake").in_bulk(ids)
    records: dict = {}
    for record in (
        SealedConsultationRecord.objects.using("intake")
        .filter(submission_id__in=ids)
        .order_by("updated_at")
    ):
        records[record.submission_id] = record  # the newest wins
    opened = []
    for reservation in reservations:
        booking = OpenedBooking(reservation)
        if reservation.payload_purged_at is not None:
            booking.state = PURGED
        elif (row := submissions.get(reservation.submission_id)) is not None:
            payload = _open(row, reservation.reference)
            booking.state = OK if payload is not None else UNREADABLE
            booking.personal = payload or {}
            if payload is not None and (record := records.get(reservation.submission_id)):
                booking.consultation = _open(record, reservation.reference)
        opened.append(booking)
    return opened


def open_booking(reservation: Reservation) -> OpenedBooking:
    return open_bookings([reservation])[0]
