"""Builders for intake console tests: sealed bookings, staff of each role."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

from intake import references, tier_keys
from intake.crypto.sealing import seal
from intake.models import Reservation
from intake.vault.models import SealedSubmission
from portal.accounts import roles
from tests.clock import today
from tests.schedule.helpers import make_session, make_venue
from tests.staff import make_staff_user

PERSONAL = {
    "business_name": "若葉テスト商店",
    "contact_name": "若葉 太郎",
    "contact_name_kana": "ワカバ タロウ",
    "phone": "090-1234-5678",
    "email": "taro@example.jp",
    "consultation": "家賃の支払いについて相談したい。",
}
CATEGORIES = {
    "ward": "kita",
    "industry": "retail",
    "employee_band": "1-5",
    "sales_decline_band": "20-30",
    "subsidy_status": "planning",
    "topics": ["subsidy", "loan"],
}


def session_on(day: date, slug: str = "console-hall", booths: int = 3, consultants=()):
    venue = make_venue(slug=slug)
    session = make_session(
        venue, day=day, start=time(10, 0), end=time(10, 45), booths=booths, breaks=[]
    )
    session.consultants.set(consultants)
    return session


def make_booking(slot, language="ja", public_keyring=None, categories=None, **personal):
    """A booked seat with its payload sealed as the public tier seals it."""
    data = {**PERSONAL, **personal}
    categories = {**CATEGORIES, **(categories or {})}
    reference = references.new_reference()
    submission_id = uuid.uuid4()
    payload = {
        "reference": reference,
        "slot_id": slot.pk,
        "language": language,
        **data,
        **categories,
    }
    blob = seal(payload, public_keyring or tier_keys.public_keyring())
    SealedSubmission(id=submission_id, kid=blob.kid, ciphertext=blob.ciphertext).save(
        force_insert=True, using="intake"
    )
    slot.taken += 1
    slot.save(update_fields=["taken"])
    return Reservation.objects.create(
        reference=reference,
        slot=slot,
        cancel_token_hash=references.hash_token(references.new_cancel_token()),
        idempotency_key=uuid.uuid4().hex,
        submission_id=submission_id,
        email_key="k",
        **categories,
    )


def intake_clerk(username="t-clerk"):
    return make_staff_user(username, groups=[roles.INTAKE_STAFF])


def consultant(username="t-consultant"):
    return make_staff_user(username, groups=[roles.CONSULTANTS])


def administrator(username="t-admin"):
    return make_staff_user(username, groups=[roles.ADMINISTRATORS])


def editor(username="t-editor"):
    return make_staff_user(username, groups=[roles.EDITORS])


def scheduler(username="t-scheduler"):
    return make_staff_user(username, groups=[roles.SCHEDULERS])


def days_from_today(n: int) -> date:
    return today() + timedelta(days=n)
