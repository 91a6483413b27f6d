"""Cancelling reservations: by the owner's link token, by staff, or with the session.

Every path goes through a conditional UPDATE on ``status = booked``, so a
reservation is cancelled (and its seat released) at most once, whatever the
number of clicks or concurrent requests.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from . import references
from .booking import release_seat
from .models import Reservation


def reservation_for_token(token: str) -> Reservation | None:
    """The reservation a cancellation token belongs to, or None.

    The token is looked up by its hash; a malformed token simply finds nothing.
    """
    if not token or len(token) > 100:
        return None
    return (
        Reservation.objects.select_related("slot__session__venue")
        .filter(cancel_token_hash=references.hash_token(token))
        .first()
    )


def token_expired(reservation: Reservation, now: datetime | None = None) -> bool:
    """A link stops working once the slot has started."""
    return (now or timezone.now()) >= reservation.slot.starts_at


def cancel(
    reservation: Reservation, by: str, now: datetime | None = None, release: bool = True
) -> bool:
    """Cancel if still booked; True if this call did it. Releases the seat."""
    now = now or timezone.now()
    with transaction.atomic(using="default"):
        updated = Reservation.objects.filter(
            pk=reservation.pk, status=Reservation.Status.BOOKED
        ).update(status=Reservation.Status.CANCELLED, cancelled_by=by, cancelled_at=now)
        if updated and release:
            release_seat(reservation.slot_id)
    if updated:
        reservation.status = Reservation.Status.CANCELLED
        reservation.cancelled_by = by
        reservation.cancelled_at = now
    return bool(updated)
