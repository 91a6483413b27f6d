"""The booking confirmation email.

Contains the reference, the date, time and place, what to bring, and the
cancellation link. Never the consultation text, the phone number, the
business or the person's name: the email can sit in shared inboxes and be
forwarded. It is built in memory and handed to Django's mailer; nothing
about it is logged except that sending failed.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .presentation import summarise

logger = logging.getLogger(__name__)


def cancel_url(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("intake:cancel", kwargs={"token": token})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def confirmation_message(reservation, to_address: str, cancel_token: str, language: str):
    with translation.override(language):
        context = {
            "reference": reservation.reference,
            "summary": summarise(reservation.slot),
            "cancel_url": cancel_url(cancel_token, language),
        }
        subject = render_to_string("intake/email/confirmation_subject.txt", context).strip()
        body = render_to_string("intake/email/confirmation.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to_address])


def send_confirmation(reservation, to_address: str, cancel_token: str, language: str) -> bool:
    message = confirmation_message(reservation, to_address, cancel_token, language)
    try:
        message.send()
    except Exception as exc:  # the booking stands; the centre can resend
        logger.error(
            "Confirmation email for %s not sent (%s)", reservation.reference, type(exc).__name__
        )
        return False
    return True
