"""Booking data for intake tests: bookable sessions, sealed reservations, form submissions.

``open_slot()`` is the one slot of an ``OpenSessionFactory`` session (slots are generated
with their session, so there is no slot factory). ``ReservationFactory(slot=slot)`` books a
seat as the public tier does: its payload sealed in the vault, the slot's seat taken.
``BookingFormFactory(slot=slot)`` is a valid POST of the booking form for that slot.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from intake import formtoken, references, tier_keys
from intake.crypto.sealing import seal
from intake.models import Reservation
from intake.vault.models import SealedSubmission
from schedule.planning.tz import TOKYO
from tests.schedule.factories import TouringSessionFactory, VenueFactory

# The personal data of a booking (sealed) and its categories (kept in the clear).
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


class OpenSessionFactory(TouringSessionFactory):
    """One 45-minute slot of ``booths`` seats, ``days_ahead`` days away: well before its cut-off."""

    class Params:
        days_ahead = 10

    venue = factory.SubFactory(VenueFactory, slug="booking-hall")
    date = factory.LazyAttribute(
        lambda session: (
            timezone.now().astimezone(TOKYO) + timedelta(days=session.days_ahead)
        ).date()
    )
    start_time = time(10, 0)
    end_time = factory.LazyAttribute(
        lambda session: (
            datetime.combine(session.date, session.start_time) + timedelta(minutes=45)
        ).time()
    )
    booths = 1
    breaks = factory.LazyFunction(list)


def open_slot(capacity=1, days_ahead=10, slug="booking-hall", start=time(10, 0)):
    """The single slot of an OpenSessionFactory session with ``capacity`` seats."""
    session = OpenSessionFactory(
        booths=capacity, days_ahead=days_ahead, venue__slug=slug, start_time=start
    )
    return session.slots.get()


class ConsoleSessionFactory(TouringSessionFactory):
    """A one-slot session (10:00–10:45, three booths) for the staff console's tests.

    ``consultants=[user, ...]`` assigns consultants to it.
    """

    class Meta:
        skip_postgeneration_save = True

    venue = factory.SubFactory(VenueFactory, slug="console-hall")
    start_time = time(10, 0)
    end_time = time(10, 45)
    booths = 3
    breaks = factory.LazyFunction(list)

    @factory.post_generation
    def consultants(session, create, extracted, **kwargs):
        session.consultants.set(extracted or ())


class ReservationFactory(DjangoModelFactory):
    """A booked seat of ``slot`` with its payload sealed as the public tier seals it.

    The personal fields (PERSONAL's keys) and ``language`` go into the sealed payload only;
    the categories are fields of the reservation and of the payload.
    """

    class Meta:
        model = Reservation
        skip_postgeneration_save = True

    class Params:
        language = "ja"
        business_name = PERSONAL["business_name"]
        contact_name = PERSONAL["contact_name"]
        contact_name_kana = PERSONAL["contact_name_kana"]
        phone = PERSONAL["phone"]
        email = PERSONAL["email"]
        consultation = PERSONAL["consultation"]

    slot = factory.LazyFunction(open_slot)
    reference = factory.LazyFunction(references.new_reference)
    cancel_token_hash = factory.LazyFunction(
        lambda: references.hash_token(references.new_cancel_token())
    )
    idempotency_key = factory.LazyFunction(lambda: uuid.uuid4().hex)
    submission_id = factory.LazyFunction(uuid.uuid4)
    email_key = "k"
    ward = CATEGORIES["ward"]
    industry = CATEGORIES["industry"]
    employee_band = CATEGORIES["employee_band"]
    sales_decline_band = CATEGORIES["sales_decline_band"]
    subsidy_status = CATEGORIES["subsidy_status"]
    topics = factory.LazyFunction(lambda: list(CATEGORIES["topics"]))
    # Not fields: _create seals the payload with the keyring (the public tier's by default).
    payload = factory.LazyAttribute(
        lambda booking: {
            "reference": booking.reference,
            "slot_id": booking.slot.pk,
            "language": booking.language,
            **{name: getattr(booking, name) for name in PERSONAL},
            **{name: getattr(booking, name) for name in CATEGORIES},
        }
    )
    public_keyring = None

    @classmethod
    def _create(cls, model_class, *args, payload, public_keyring, **kwargs):
        blob = seal(payload, public_keyring or tier_keys.public_keyring())
        SealedSubmission(id=kwargs["submission_id"], kid=blob.kid, ciphertext=blob.ciphertext).save(
            force_insert=True, using="intake"
        )
        slot = kwargs["slot"]
        slot.taken += 1
        slot.save(update_fields=["taken"])
        return super()._create(model_class, *args, **kwargs)


class BookingFormFactory(factory.DictFactory):
    """A valid submission of the booking form of ``slot`` (with a fresh form token).

    The personal fields and categories are PERSONAL's and CATEGORIES'; keyword arguments
    override any field.
    """

    class Params:
        slot = None

    email_confirm = PERSONAL["email"]
    consent = "on"
    website = ""
    form_token = factory.LazyAttribute(lambda data: formtoken.issue(data.slot.pk))

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        return {**PERSONAL, **CATEGORIES, "topics": list(CATEGORIES["topics"]), **kwargs}

    _create = _build
