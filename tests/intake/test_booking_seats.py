"""Seat taking as a conditional UPDATE, on whatever database the suite runs."""

import pytest

from intake.booking import release_seat, take_seat
from tests.intake.booking_helpers import open_slot

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
