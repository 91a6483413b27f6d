"""Emails to people who booked, sent on the staff tier (the only tier that can
read an address): the session-cancelled notice and the day-before reminder.

Each message holds the reference, the date, time and place, and what to do
next. Never the consultation text, the phone number, the business or the
name: emails sit in shared inboxes and get forwarded. Addresses are opened
from the sealed payloads in memory; one audit entry per run records the
references and the count. Logs carry counts and references only.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from schedule.models import TouringSession
from schedule.planning.tz import TOKYO

from . import audit, tier_keys
from .console.records import open_bookings
from .models import Reservation
from .presentation import summarise

logger = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")


def _language(payload: dict) -> str:
    lang = payload.get("language") or "ja"
    return lang if lang in LANGUAGES else "ja"


def public_url(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _message(template: str, reservation, address: str, language: str, **extra) -> EmailMessage:
    with translation.override(language):
        context = {
            "reference": reservation.reference,
            "summary": summarise(reservation.slot),
            "schedule_url": public_url("/en/schedule/" if language == "en" else "/schedule/"),
            **extra,
        }
        subject = render_to_string(f"intake/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"intake/email/{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[address])


def _send(message: EmailMessage, reference: str, what: str) -> bool:
    try:
        message.send()
    except Exception as exc:  # one failure must not stop the others
        logger.error("%s email for %s not sent (%s)", what, reference, type(exc).__name__)
        return False
    return True


def _addressable(reservations):
    """(reservation, address, language) for every booking whose payload opens."""
    for booking in open_bookings(reservations):
        address = booking.personal.get("email") if booking.is_open else None
        if address:
            yield booking.reservation, address, _language(booking.personal)
        else:
            logger.warning("No address for %s (%s)", booking.reservation.reference, booking.state)


def notify_session_cancelled(reservations) -> int:
    """Tell each booking of a cancelled session; returns the number of emails sent.

    Called by intake.receivers after the cancellation commits. Only the staff
    tier holds the private key; on the public tier nothing is sent.
    """
    reservations = list(reservations)
    if not reservations:
        return 0
    if tier_keys.tier() != "staff":
        logger.error(
            "Session cancelled on the %s tier: %d booking(s) not notified",
            tier_keys.tier(),
            len(reservations),
        )
        return 0
    session = reservations[0].slot.session
    sent = []
    for reservation, address, language in _addressable(reservations):
        reason = session.cancel_reason
        message = _message("session_cancelled", reservation, address, language, reason=reason)
        if _send(message, reservation.reference, "Session-cancelled"):
            sent.append(reservation.reference)
    audit.record(
        audit.Action.NOTIFY_SESSION_CANCELLED,
        user=session.cancelled_by,
        actor=audit.SYSTEM_ACTOR,
        object_type="session",
        object_ref=session.pk,
        references=sent,
    )
    logger.info("Session %s cancelled: %d of %d notified", session.pk, len(sent), len(reservations))
    return len(sent)


def reminders_due(now: datetime):
    """Booked reservations of tomorrow's (Tokyo) scheduled sessions not yet reminded."""
    tomorrow = now.astimezone(TOKYO).date() + timedelta(days=1)
    return (
        Reservation.objects.booked()
        .filter(
            slot__session__date=tomorrow,
            slot__session__status=TouringSession.Status.SCHEDULED,
            reminder_sent_at__isnull=True,
            payload_purged_at__isnull=True,
        )
        .select_related("slot__session__venue")
    )


def _claim(reservation, now) -> bool:
    """Mark as sent before sending: a concurrent or repeated run skips it."""
    return bool(
        Reservation.objects.filter(pk=reservation.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
    )


def send_reminders(now: datetime | None = None) -> tuple[int, int]:
    """Send tomorrow's reminders once; returns (sent, failed)."""
    now = now or timezone.now()
    sent, failed = [], 0
    for reservation, address, language in _addressable(list(reminders_due(now))):
        if not _claim(reservation, now):
            continue
        if _send(
            _message("reminder", reservation, address, language), reservation.reference, "Reminder"
        ):
            sent.append(reservation.reference)
        else:
            failed += 1
            # Unclaim so the next run retries this one.
            Reservation.objects.filter(pk=reservation.pk).update(reminder_sent_at=None)
    if sent or failed:
        audit.record(
            audit.Action.SEND_REMINDERS,
            actor=audit.SYSTEM_ACTOR,
            object_type="day",
            object_ref=(now.astimezone(TOKYO).date() + timedelta(days=1)).isoformat(),
            references=sent,
            detail={"failed": failed},
        )
    logger.info("Reminders: %d sent, %d failed", len(sent), failed)
    return len(sent), failed
