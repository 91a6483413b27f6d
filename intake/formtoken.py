"""The booking form's signed hidden field: idempotency key, slot and issue time.

One value, signed with ``django.core.signing`` (HMAC under SECRET_KEY), does
three jobs:
- ``k``: the idempotency key. A resubmitted POST carries the same key, and
  ``intake.booking.book`` returns the booking it already made;
- ``s``: the slot the form was served for, so a token cannot be moved to
  another slot;
- ``t``: when the form was served, for the minimum fill time (bots post
  instantly) and for expiry.

Anything altered fails the signature: a tampered hidden field.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from . import references

SALT = "intake.booking.form"


class TamperedToken(Exception):
    pass


class ExpiredToken(Exception):
    pass


@dataclass(frozen=True)
class FormToken:
    idempotency_key: str
    slot_id: int
    issued_at: float

    def age(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.issued_at

    def too_fast(self, now: float | None = None) -> bool:
        return self.age(now) < settings.INTAKE_MIN_FILL_SECONDS


def issue(slot_id: int, idempotency_key: str | None = None) -> str:
    key = idempotency_key or references.new_idempotency_key()
    return signing.dumps({"k": key, "s": slot_id, "t": time.time()}, salt=SALT, compress=False)


def read(value: str, slot_id: int) -> FormToken:
    """Verify and decode; raise TamperedToken or ExpiredToken."""
    try:
        data = signing.loads(value or "", salt=SALT, max_age=settings.INTAKE_FORM_MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        raise ExpiredToken() from None
    except signing.BadSignature:
        raise TamperedToken() from None
    try:
        token = FormToken(str(data["k"]), int(data["s"]), float(data["t"]))
    except (KeyError, TypeError, ValueError):
        raise TamperedToken() from None
    if token.slot_id != slot_id or len(token.idempotency_key) > 64:
        raise TamperedToken()
    return token
