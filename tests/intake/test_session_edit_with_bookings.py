"""Editing a session's times when a slot holds a booking record, even a cancelled one."""

from datetime import time

from django.core.exceptions import ValidationError

import pytest

from intake.cancellation import cancel
from intake.models import Reservation
from schedule.planning.errors import PlanningError
from tests.clock import today
from tests.intake.factories import ConsoleSessionFactory, ReservationFactory

pytestmark = [pytest.mark.django_db(databases=["default", "intake"])]


def test_a_slot_whose_booking_was_cancelled_keeps_its_time(intake_keys):
    session = ConsoleSessionFactory(date=today())
    booking = ReservationFactory(slot=session.slots.first())
    cancel(booking, by=Reservation.CancelledBy.OWNER)
    session.refresh_from_db()
    assert session.slots.first().taken == 0
    session.start_time = time(9, 0)
    with pytest.raises(ValidationError) as invalid:
        session.full_clean()
    assert [e.code for e in invalid.value.error_dict["__all__"]] == ["seats_taken"]
    with pytest.raises(PlanningError) as refused:  # not a ProtectedError (a 500)
        session.save()
    assert refused.value.code == "seats_taken"
