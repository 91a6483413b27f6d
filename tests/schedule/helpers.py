"""Small builders for schedule tests (no fixtures files)."""

from datetime import date, time

from wagtail.models import Locale

from schedule.models import TouringSession, Venue


def make_venue(slug="test-hall", ward="kita", room="第1会議室", **fields):
    locale = Locale.objects.get_or_create(language_code="ja")[0]
    return Venue.objects.create(
        locale=locale,
        slug=slug,
        name=fields.pop("name", f"テスト会館 {slug}"),
        ward=ward,
        address=fields.pop("address", "若葉市北区1-1"),
        access=fields.pop("access", "駅から徒歩5分"),
        room=room,
        **fields,
    )


def make_session(venue, day=date(2027, 1, 12), start=time(10, 0), end=time(16, 0), **fields):
    fields.setdefault("slot_minutes", 45)
    fields.setdefault("booths", 2)
    fields.setdefault("breaks", [["12:00", "13:00"]])
    fields.setdefault("consultant_kinds", ["gyoseishoshi"])
    session = TouringSession(venue=venue, date=day, start_time=start, end_time=end, **fields)
    session.save()
    return session
