"""Demo venues (Japanese, with English translations) and upcoming sessions.

Sessions are planned relative to today, so a demo never shows only past days:
each load fills the next WEEKS weeks, skipping holidays, with one session per
venue and weekday it serves, leaving days that already have that venue's
session alone. Running it again the same day changes nothing.
"""

import copy
import json
from datetime import time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from core.translation import translate
from schedule.models import ConsultantKind, TouringSession, Venue
from schedule.planning.series import plan_series
from schedule.planning.tz import TOKYO

VENUES = Path(__file__).with_name("venues.json")
WEEKS = 8
VENUE_FIELDS = ("name", "address", "access", "room", "opening_notes")
KINDS = [
    [ConsultantKind.GYOSEISHOSHI],
    [ConsultantKind.SHINDANSHI, ConsultantKind.ZEIRISHI],
    [ConsultantKind.SHAROUSHI],
    [ConsultantKind.SHINDANSHI],
    [ConsultantKind.ZEIRISHI, ConsultantKind.GYOSEISHOSHI],
]


def _venues(ja, en) -> list[Venue]:
    venues = []
    for item in json.loads(VENUES.read_text(encoding="utf-8")):
        venue = Venue.objects.filter(locale=ja, slug=item["slug"]).first()
        if venue is None:
            venue = Venue.objects.create(
                locale=ja,
                slug=item["slug"],
                ward=item["ward"],
                step_free=item["step_free"],
                parking=item["parking"],
                hearing_loop=item["hearing_loop"],
                map_url=item.get("map_url", ""),
                **{name: item.get(name, "") for name in VENUE_FIELDS},
            )
        if not Venue.objects.filter(translation_key=venue.translation_key, locale=en).exists():
            english = copy.copy(venue)
            for name in VENUE_FIELDS:
                setattr(english, name, item.get(f"{name}_en", ""))
            translate(venue, english, en)
        venues.append(venue)
    return venues


def _session(venue, day, index) -> TouringSession:
    afternoon = index % 3 == 2
    return TouringSession(
        venue=venue,
        date=day,
        start_time=time(13, 0) if afternoon else time(10, 0),
        end_time=time(16, 30) if afternoon else time(16, 0),
        slot_minutes=60 if afternoon else 45,
        booths=1 + index % 2,
        breaks=[] if afternoon else [["12:00", "13:00"]],
        consultant_kinds=[str(k) for k in KINDS[index % len(KINDS)]],
    )


def _sessions(venues) -> int:
    today = timezone.now().astimezone(TOKYO).date()
    first, last = today + timedelta(days=1), today + timedelta(weeks=WEEKS)
    taken = set(
        TouringSession.objects.filter(date__range=(first, last)).values_list("venue_id", "date")
    )
    created = []
    for index, venue in enumerate(venues):
        # Each venue serves one or two weekdays (Mon=0), spread over the week.
        weekdays = {index % 5} if index % 2 else {index % 5, (index + 2) % 5}
        for day in plan_series(first, last, weekdays).dates:
            if (venue.pk, day) not in taken:
                session = _session(venue, day, index + day.day)
                session.save()
                created.append(session)
    if created:
        _seed_seats(created)
    return len(created)


def _seed_seats(created):
    """Make "full", "few left" and "cancelled" visible in a fresh demo."""
    created.sort(key=lambda s: (s.date, s.start_time))
    full, few = created[1], created[3]
    full.slots.update(taken=full.booths)
    first_slot = few.slots.order_by("starts_at").first()
    first_slot.taken = first_slot.capacity
    first_slot.save(update_fields=["taken"])
    if not TouringSession.objects.filter(
        status=TouringSession.Status.CANCELLED, date__gte=created[0].date
    ).exists():
        created[5].cancel("会場の設備点検のため中止します。")


@transaction.atomic
def load(stdout):
    ja = Locale.objects.get_or_create(language_code="ja")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    venues = _venues(ja, en)
    created = _sessions(venues)
    stdout.write(
        f"巡回相談: 会場{len(venues)}件、相談会を{created}件作成しました。"
        if created
        else "巡回相談のデモは読み込み済みです。"
    )
