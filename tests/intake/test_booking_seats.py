"""Seat taking as a conditional UPDATE, on whatever database the suite runs."""

import pytest

from intake.booking import release_seat, take_seat
from tests.intake.factories import open_slot

pytestmark = pytest.mark.django_db


def test_conditional_update_refuses_when_the_slot_is_full():
    slot = open_slot(capacity=2)
    assert take_seat(slot.pk)
    assert take_seat(slot.pk)
    assert not take_seat(slot.pk)
    slot.refresh_from_db()
    assert slot.taken == 2


def test_release_never_goes_below_zero():
    slot = open_slot(capacity=1)
    assert not release_seat(slot.pk)
    assert take_seat(slot.pk)
    assert release_seat(slot.pk)
    assert not release_seat(slot.pk)
    slot.refresh_from_db()
    assert slot.taken == 0


@pytest.mark.django_db(databases=["default", "intake"])
@pytest.mark.usefixtures("booking_env")
def test_a_double_submit_that_loses_the_last_seat_to_itself_gets_its_own_booking(monkeypatch):
    """The interleaving of a double click, step by step: both submits look for the form's
    booking before either has made it; the first takes the last seat; the second finds the
    slot full and must answer with the first one's booking, not "full"."""
    import uuid

    from intake import booking, tier_keys
    from schedule.models import Slot
    from tests.intake.factories import BookingFormFactory

    slot = open_slot(capacity=1)
    data = BookingFormFactory(slot=slot)
    form = booking.BookingRequest(
        slot_id=slot.pk,
        idempotency_key=str(uuid.uuid4()),
        personal={k: data[k] for k in booking.PERSONAL_FIELDS},
        categories={k: data[k] for k in booking.CATEGORY_FIELDS},
    )
    public = tier_keys.public_keyring()
    first = booking.book(Slot.objects.get(pk=slot.pk), form, public)

    real_existing = booking._existing
    looked = []

    def not_yet_on_the_first_look(key):
        looked.append(key)
        return None if len(looked) == 1 else real_existing(key)

    monkeypatch.setattr(booking, "_existing", not_yet_on_the_first_look)
    second = booking.book(Slot.objects.get(pk=slot.pk), form, public)
    assert second.reservation.pk == first.reservation.pk
    assert second.created is False
    assert len(looked) == 2


@pytest.mark.django_db(databases=["default", "intake"])
@pytest.mark.usefixtures("booking_env")
def test_another_form_for_a_full_slot_is_still_refused():
    import uuid

    from intake import booking, tier_keys
    from schedule.models import Slot
    from tests.intake.factories import BookingFormFactory

    slot = open_slot(capacity=1)
    public = tier_keys.public_keyring()
    for n, outcome in enumerate(["booked", "full"]):
        data = BookingFormFactory(slot=slot, email=f"owner{n}@example.jp")
        form = booking.BookingRequest(
            slot_id=slot.pk,
            idempotency_key=str(uuid.uuid4()),
            personal={k: data[k] for k in booking.PERSONAL_FIELDS},
            categories={k: data[k] for k in booking.CATEGORY_FIELDS},
        )
        if outcome == "booked":
            booking.book(Slot.objects.get(pk=slot.pk), form, public)
        else:
            with pytest.raises(booking.SlotUnavailable):
                booking.book(Slot.objects.get(pk=slot.pk), form, public)
