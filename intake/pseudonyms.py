"""The pseudonymous email key kept on a Reservation (see intake/models.py).

HMAC-SHA256 under ``settings.INTAKE_EMAIL_PEPPER`` of the address after
``normalize_email`` and case folding. Case folding the local part is wrong by
RFC 5321 but right here: the key only counts bookings per person, and
``Taro@`` and ``taro@`` are the same person at every real mail provider.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

from .validation.email import normalize_email


def email_key(address: str) -> str:
    normalised = normalize_email(address).casefold()
    pepper = settings.INTAKE_EMAIL_PEPPER.encode("utf-8")
    return hmac.new(pepper, normalised.encode("utf-8"), hashlib.sha256).hexdigest()
