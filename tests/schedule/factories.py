"""Venues and touring sessions for tests (no fixture files).

A session's slots are generated when it is saved, so ``TouringSessionFactory(...).slots``
holds them as the scheduling admin would have made them.
"""

from datetime import date, time

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from schedule.models import TouringSession, Venue


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    locale = factory.LazyFunction(lambda: Locale.objects.get_or_create(language_code="ja")[0])
    slug = "test-hall"
    name = factory.LazyAttribute(lambda venue: f"テスト会館 {venue.slug}")
    ward = "kita"
    address = "若葉市北区1-1"
    access = "駅から徒歩5分"
    room = "第1会議室"


class TouringSessionFactory(DjangoModelFactory):
    """A day of consultations at a venue: 10:00–16:00, two booths, a lunch break."""

    class Meta:
        model = TouringSession
        skip_postgeneration_save = True

    venue = factory.SubFactory(VenueFactory)
    date = date(2027, 1, 12)
    start_time = time(10, 0)
    end_time = time(16, 0)
    slot_minutes = 45
    booths = 2
    breaks = factory.LazyFunction(lambda: [["12:00", "13:00"]])
    consultant_kinds = factory.LazyFunction(lambda: ["gyoseishoshi"])
