"""Receivers of other apps' signals."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from schedule.signals import session_cancelled

from . import notifications
from .models import Reservation


@receiver(session_cancelled, dispatch_uid="intake.cancel_session_reservations")
def cancel_session_reservations(sender, session, **kwargs):
    """Mark every booking of a cancelled session cancelled, then notify them.

    Runs inside TouringSession.cancel's transaction. Seats are released too, so
    ``Slot.taken`` keeps counting booked reservations.
    """
    now = timezone.now()
    booked = Reservation.objects.booked().for_session(session)
    ids = list(booked.values_list("pk", flat=True))
    if not ids:
        return
    Reservation.objects.filter(pk__in=ids).update(
        status=Reservation.Status.CANCELLED,
        cancelled_by=Reservation.CancelledBy.SESSION_CANCELLED,
        cancelled_at=now,
    )
    session.slots.update(taken=0)

    def notify():
        reservations = list(
            Reservation.objects.filter(pk__in=ids).select_related("slot__session__venue")
        )
        notifications.notify_session_cancelled(reservations)

    transaction.on_commit(notify, using="default")
