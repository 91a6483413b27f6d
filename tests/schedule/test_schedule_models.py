"""Sessions, slots, seats, cut-off and cancelling at the model level."""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from schedule.models import Slot
from schedule.planning.cutoff import CANCELLED, FULL, PAST_CUTOFF, STARTED
from schedule.planning.errors import PlanningError
from schedule.planning.tz import TOKYO
from schedule.signals import session_cancelled
from tests.schedule.factories import TouringSessionFactory

pytestmark = pytest.mark.django_db


def tokyo(*args):
    return datetime(*args, tzinfo=TOKYO)


def test_slots_are_generated_per_time_with_booths_as_capacity_skipping_the_break():
    session = TouringSessionFactory()
    slots = list(session.slots.all())
    starts = [s.starts_at.astimezone(TOKYO).strftime("%H:%M") for s in slots]
    # 11:30–12:15 would cross lunch, so the next slot starts when lunch ends.
    assert starts == ["10:00", "10:45", "13:00", "13:45", "14:30", "15:15"]
    assert {s.capacity for s in slots} == {2}
    assert all(s.taken == 0 for s in slots)
    assert slots[0].starts_at == tokyo(2027, 1, 12, 10, 0)
    assert slots[-1].ends_at == tokyo(2027, 1, 12, 16, 0)
    lunch = (tokyo(2027, 1, 12, 12, 0), tokyo(2027, 1, 12, 13, 0))
    assert not [s for s in slots if s.starts_at < lunch[1] and lunch[0] < s.ends_at]


def test_editing_times_regenerates_slots_when_no_seat_is_taken():
    session = TouringSessionFactory(booths=1)
    session.end_time = time(12, 0)
    session.booths = 3
    session.breaks = []
    session.save()
    slots = list(session.slots.all())
    assert [s.capacity for s in slots] == [3, 3]
    assert slots[-1].ends_at == tokyo(2027, 1, 12, 11, 30)


def test_saving_unchanged_times_keeps_the_slot_rows():
    session = TouringSessionFactory()
    before = list(session.slots.values_list("pk", flat=True))
    session.public_note = "持ち物: 決算書"
    session.save()
    assert list(session.slots.values_list("pk", flat=True)) == before


def test_editing_times_is_refused_once_a_seat_is_taken():
    session = TouringSessionFactory()
    Slot.objects.filter(pk=session.slots.first().pk).update(taken=1)
    session.start_time = time(9, 0)
    with pytest.raises(ValidationError) as invalid:
        session.full_clean()
    assert [e.code for e in invalid.value.error_dict["__all__"]] == ["seats_taken"]
    with pytest.raises(PlanningError) as raised:
        session.save()
    assert raised.value.code == "seats_taken"
    assert session.slots.filter(taken=1).count() == 1


def test_times_that_fit_no_slot_are_a_validation_error():
    session = TouringSessionFactory()
    session.slot_minutes = 600
    with pytest.raises(ValidationError):
        session.full_clean()


def test_booking_closes_at_the_cutoff_the_day_before_by_default():
    session = TouringSessionFactory()
    slot = session.slots.first()
    assert session.cutoff_at == tokyo(2027, 1, 11, 17, 0)
    assert slot.bookability(tokyo(2027, 1, 11, 16, 59)) == (True, None)
    assert slot.bookability(tokyo(2027, 1, 11, 17, 0)) == (False, PAST_CUTOFF)
    assert slot.bookability(tokyo(2027, 1, 12, 10, 0)) == (False, STARTED)


def test_a_same_day_cutoff_follows_the_session_rule():
    session = TouringSessionFactory(cutoff_days_before=0, cutoff_time=time(9, 0))
    slot = session.slots.first()
    assert slot.bookability(tokyo(2027, 1, 12, 8, 59)).bookable
    assert slot.bookability(tokyo(2027, 1, 12, 9, 0)) == (False, PAST_CUTOFF)


def test_a_full_slot_and_a_cancelled_session_cannot_be_booked():
    session = TouringSessionFactory()
    early = tokyo(2027, 1, 1, 9, 0)
    slot = session.slots.first()
    Slot.objects.filter(pk=slot.pk).update(taken=2)
    slot.refresh_from_db()
    assert slot.remaining == 0
    assert slot.bookability(early) == (False, FULL)
    session.cancel("講師の急病のため", None)
    other = session.slots.last()
    assert other.bookability(early) == (False, CANCELLED)


def test_remaining_is_never_negative():
    slot = Slot(capacity=2, taken=5)
    assert slot.remaining == 0


def test_the_database_refuses_more_taken_seats_than_capacity():
    session = TouringSessionFactory()
    slot = session.slots.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(taken=3)


def test_session_is_full_when_every_future_slot_is_taken():
    session = TouringSessionFactory()
    early = tokyo(2027, 1, 1, 9, 0)
    session.slots.update(taken=2)
    assert session.seat_status(early) == "full"
    assert session.remaining_seats(early) == 0


def test_cancel_needs_a_reason_keeps_slots_and_sends_the_signal():
    session = TouringSessionFactory()
    Slot.objects.filter(pk=session.slots.first().pk).update(taken=1)
    received = []

    def receiver(sender, session, **kwargs):
        received.append(session.pk)

    session_cancelled.connect(receiver)
    try:
        with pytest.raises(PlanningError):
            session.cancel("  ")
        session.cancel("会場の停電のため")
    finally:
        session_cancelled.disconnect(receiver)
    session.refresh_from_db()
    assert received == [session.pk]
    assert session.is_cancelled and session.cancel_reason == "会場の停電のため"
    assert session.cancelled_at is not None
    assert session.slots.filter(taken=1).count() == 1


def test_session_dates_fall_on_the_tokyo_day():
    session = TouringSessionFactory(date=date(2027, 3, 1), start_time=time(8, 0))
    assert session.starts_at.utcoffset().total_seconds() == 9 * 3600
    assert session.slots.first().starts_at.astimezone(TOKYO).date() == date(2027, 3, 1)
