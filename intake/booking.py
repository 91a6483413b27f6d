"""Taking a seat and storing a booking: the public tier's write path.

``book()`` is the whole of docs/design.md's booking data flow, steps 2-3:

1. a resubmitted form (same idempotency key) returns the booking it made, also when
   the two submits race for the last seat;
2. the slot must be bookable (``Slot.bookability``: not cancelled, not
   started, before its cut-off, seats left) and the address must hold fewer
   than ``INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL`` future bookings;
3. everything personal is sealed to the current intake public key;
4. in one transaction on the default database: the seat is taken with a
   conditional UPDATE (``taken < capacity``, so concurrent requests for the
   last seat cannot both win), the Reservation is created, and the sealed
   payload is inserted into the intake database. If that insert fails the
   transaction rolls back, which releases the seat and removes the
   reservation: nothing is half-written and the caller gets StorageFailed.

The one window left: the intake insert has committed but the default
database's COMMIT then fails. That leaves a sealed payload without a
reservation, which ``manage.py reconcile_intake`` reports (the public role
cannot delete it).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from schedule.models import Slot
from schedule.planning import cutoff

from . import references
from .crypto.keys import PublicKeyring
from .crypto.sealing import seal
from .models import Reservation
from .pseudonyms import email_key
from .vault.models import SealedSubmission

logger = logging.getLogger(__name__)

# Keys of the sealed payload (the console reads these). Categories are sealed
# too, so the decrypted record is complete on its own.
PERSONAL_FIELDS = (
    "business_name",
    "contact_name",
    "contact_name_kana",
    "phone",
    "email",
    "consultation",
)
CATEGORY_FIELDS = (
    "ward",
    "industry",
    "employee_band",
    "sales_decline_band",
    "subsidy_status",
    "topics",
)


class BookingError(Exception):
    code = "booking_error"


class SlotUnavailable(BookingError):
    """The slot cannot be booked; ``reason`` is a schedule.planning.cutoff code."""

    code = "slot_unavailable"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class EmailLimitReached(BookingError):
    code = "email_limit"


class StorageFailed(BookingError):
    """The sealed payload could not be stored; nothing was kept."""

    code = "storage_failed"


@dataclass(frozen=True)
class BookingRequest:
    slot_id: int
    idempotency_key: str
    personal: dict
    categories: dict
    language: str = "ja"

    def __repr__(self) -> str:
        # Never print personal data, not even in a traceback.
        return f"BookingRequest(slot_id={self.slot_id!r}, idempotency_key=<hidden>)"


@dataclass
class BookingResult:
    reservation: Reservation
    created: bool
    cancel_token: str | None = field(default=None, repr=False)


def sealed_payload(request: BookingRequest, reference: str, now: datetime) -> dict:
    return {
        "reference": reference,
        "slot_id": request.slot_id,
        "submitted_at": now.isoformat(),
        "language": request.language,
        **{name: request.personal[name] for name in PERSONAL_FIELDS},
        **{name: request.categories[name] for name in CATEGORY_FIELDS},
    }


def future_bookings_for(key: str, now: datetime) -> int:
    return Reservation.objects.booked().future(now).filter(email_key=key).count()


def take_seat(slot_id: int) -> bool:
    """Take one seat if one is left. The row-level condition is the guard."""
    updated = Slot.objects.filter(pk=slot_id, taken__lt=F("capacity")).update(taken=F("taken") + 1)
    return updated == 1


def release_seat(slot_id: int) -> bool:
    updated = Slot.objects.filter(pk=slot_id, taken__gt=0).update(taken=F("taken") - 1)
    return updated == 1


def store_sealed_submission(submission_id: uuid.UUID, blob) -> SealedSubmission:
    """INSERT only: no RETURNING, no prior SELECT (the public role has neither)."""
    submission = SealedSubmission(id=submission_id, kid=blob.kid, ciphertext=blob.ciphertext)
    submission.save(force_insert=True, using="intake")
    return submission


def _existing(idempotency_key: str) -> Reservation | None:
    return (
        Reservation.objects.select_related("slot__session__venue")
        .filter(idempotency_key=idempotency_key)
        .first()
    )


def book(
    slot: Slot, request: BookingRequest, keyring: PublicKeyring, now: datetime | None = None
) -> BookingResult:
    try:
        return _book(slot, request, keyring, now)
    except (SlotUnavailable, EmailLimitReached):
        # The same form, submitted twice at once for the last seat (a double click): the
        # other submit took the seat, and then counts against the address.  Its booking is
        # this form's booking, not a refusal.  The seat UPDATE waited for the other
        # transaction to end, so its reservation is committed by now.
        existing = _existing(request.idempotency_key)
        if existing is None:
            raise
        return BookingResult(existing, created=False)


def _book(
    slot: Slot, request: BookingRequest, keyring: PublicKeyring, now: datetime | None
) -> BookingResult:
    existing = _existing(request.idempotency_key)
    if existing is not None:
        return BookingResult(existing, created=False)
    now = now or timezone.now()
    bookability = slot.bookability(now)
    if not bookability.bookable:
        raise SlotUnavailable(bookability.reason)
    key = email_key(request.personal["email"])
    if future_bookings_for(key, now) >= settings.INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL:
        raise EmailLimitReached()

    reference = references.new_reference()
    token = references.new_cancel_token()
    submission_id = uuid.uuid4()
    blob = seal(sealed_payload(request, reference, now), keyring)
    try:
        with transaction.atomic(using="default"):
            if not take_seat(slot.pk):
                raise SlotUnavailable(cutoff.FULL)
            reservation = Reservation.objects.create(
                reference=reference,
                slot=slot,
                cancel_token_hash=references.hash_token(token),
                idempotency_key=request.idempotency_key,
                submission_id=submission_id,
                email_key=key,
                created_at=now,
                **request.categories,
            )
            try:
                store_sealed_submission(submission_id, blob)
            except DatabaseError as exc:
                # Class name only: the exception text could quote the row.
                logger.error("Sealed submission insert failed (%s)", type(exc).__name__)
                raise StorageFailed() from None
    except IntegrityError:
        # A concurrent submit of the same form won the race for the key.
        existing = _existing(request.idempotency_key)
        if existing is None:
            raise
        return BookingResult(existing, created=False)
    logger.info("Booking %s created for slot %s", reservation.reference, slot.pk)
    return BookingResult(reservation, created=True, cancel_token=token)
