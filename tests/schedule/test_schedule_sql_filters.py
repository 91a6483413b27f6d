"""The schedule's filters run in SQL and agree with the Python rules the pages show.

``TouringSession.objects.bookable_at(now)`` must select exactly the sessions whose
``SessionView.has_free_seats`` is true at ``now`` (cut-off, started slots, full
slots, cancelled and finished sessions), and ``with_kind`` exactly those whose
``consultant_kinds`` holds the kind. Runs on SQLite, and on PostgreSQL when
DATABASE_URL points at it (the date arithmetic differs per backend).
"""

import html as html_lib
import re
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

import pytest

from schedule import listing
from schedule.models import Slot, TouringSession
from schedule.models.page import LIST_PAGE_SIZE
from schedule.planning.tz import TOKYO, aware
from tests.schedule.factories import TouringSessionFactory, VenueFactory

pytestmark = pytest.mark.django_db

DAY = date(2030, 6, 10)


def session(venue, day, **fields):
    return TouringSessionFactory(
        venue=venue, date=day, start_time=time(10, 0), end_time=time(16, 0), **fields
    )


@pytest.fixture
def sessions():
    """Sessions around DAY covering each way a session stops taking bookings."""
    venue = VenueFactory()
    made = []
    for offset in (-1, 0, 1, 2, 3, 30):
        for days_before, at in ((0, time(9, 0)), (1, time(17, 0)), (2, time(12, 30))):
            made.append(
                session(
                    venue,
                    DAY + timedelta(days=offset),
                    room=f"室{offset}-{days_before}",
                    cutoff_days_before=days_before,
                    cutoff_time=at,
                )
            )
    extra_day = DAY + timedelta(days=1)
    full = session(venue, extra_day, room="満席", cutoff_days_before=0, cutoff_time=time(10, 0))
    Slot.objects.filter(session=full).update(taken=F("capacity"))
    # Only the first slot of the day is free: none left once it has started.
    early = session(venue, DAY, room="朝だけ", cutoff_days_before=0, cutoff_time=time(15, 0))
    slots = list(early.slots.order_by("starts_at"))
    Slot.objects.filter(pk__in=[s.pk for s in slots[1:]]).update(taken=F("capacity"))
    cancelled = session(venue, DAY + timedelta(days=5), room="中止")
    TouringSession.objects.filter(pk=cancelled.pk).update(status=TouringSession.Status.CANCELLED)
    return [*made, full, early, cancelled]


def ours():
    """The sessions of this test's venues (the demo content may be loaded too)."""
    return TouringSession.objects.filter(venue__slug__startswith="test-")


def bookable(now):
    return set(ours().bookable_at(now).values_list("pk", flat=True))


def python_rule(now):
    views = listing.present(ours().with_slots(), now)
    return {view.session.pk for view in views if view.has_free_seats}


@pytest.mark.parametrize(
    "local",
    [
        datetime(2030, 6, 9, 23, 59),
        datetime(2030, 6, 10, 8, 0),
        datetime(2030, 6, 10, 9, 0),  # a cut-off instant: closed from here (exclusive)
        datetime(2030, 6, 10, 10, 0),  # first slots start
        datetime(2030, 6, 10, 10, 30),
        datetime(2030, 6, 10, 12, 30, 0, 500),
        datetime(2030, 6, 10, 15, 59, 59),
        datetime(2030, 6, 10, 16, 0),  # the day's sessions end
        datetime(2030, 6, 10, 17, 0),
        datetime(2030, 6, 11, 9, 30),
    ],
)
def test_bookable_at_matches_has_free_seats(sessions, local):
    now = local.replace(tzinfo=TOKYO)
    expected = python_rule(now)
    assert bookable(now) == expected
    assert expected, "the data set has open sessions at every instant checked"
    assert len(expected) < len(sessions)


def test_bookable_at_follows_seats_taken_and_released(sessions):
    now = aware(DAY, time(8, 0))
    target = next(s for s in sessions if s.date == DAY + timedelta(days=30))
    Slot.objects.filter(session=target).update(taken=F("capacity"))
    assert target.pk not in set(
        TouringSession.objects.bookable_at(now).values_list("pk", flat=True)
    )
    slot = target.slots.order_by("-starts_at").first()
    Slot.objects.filter(pk=slot.pk).update(taken=slot.capacity - 1)
    assert target.pk in set(TouringSession.objects.bookable_at(now).values_list("pk", flat=True))
    assert target.pk in python_rule(now)


def test_with_kind_matches_whole_list_items_only():
    venue = VenueFactory()
    none = session(venue, DAY, room="a", consultant_kinds=[])
    one = session(venue, DAY, room="b", consultant_kinds=["zeirishi"])
    two = session(venue, DAY, room="c", consultant_kinds=["shindanshi", "zeirishi"])
    other = session(venue, DAY, room="d", consultant_kinds=["sharoushi"])

    def pks(kind):
        return set(ours().with_kind(kind).values_list("pk", flat=True))

    assert pks("zeirishi") == {one.pk, two.pk}
    assert pks("shindanshi") == {two.pk}
    assert pks("gyoseishoshi") == set()
    assert none.pk not in pks("sharoushi") and other.pk in pks("sharoushi")
    with pytest.raises(ValueError):
        ours().with_kind('zeirishi"')


def test_page_with_total_counts_beyond_the_page():
    venue = VenueFactory()
    for i in range(7):
        session(venue, DAY + timedelta(days=i), room=f"r{i}")
    rows, total = ours().order_by("date").page_with_total(0, 3)
    assert [r.date for r in rows] == [DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)]
    assert total == 7
    rows, total = ours().order_by("date").page_with_total(6, 3)
    assert [r.date for r in rows] == [DAY + timedelta(days=6)]
    assert total == 7
    assert ours().filter(room="none").page_with_total(0, 3) == ([], 0)


def cards(html):
    return re.findall(r'id="session-(\d+)" class="session__title"', html)


@pytest.mark.parametrize("query", ["", "?free=1", "?kind=zeirishi", "?free=1&kind=zeirishi"])
def test_list_pages_show_what_filtering_every_session_would(demo_site, client, query):
    """The list (a page of LIST_PAGE_SIZE cut in SQL) shows what filtering every session would."""
    venue = VenueFactory()
    today = timezone.now().astimezone(TOKYO).date()
    made = []
    for i in range(3 * LIST_PAGE_SIZE + 12):
        kinds = ["zeirishi"] if i % 3 else ["gyoseishoshi"]
        made.append(
            TouringSessionFactory(
                venue=venue,
                date=today + timedelta(days=400 + i // 2),
                start_time=time(10 + i % 2 * 3, 0),
                end_time=time(12 + i % 2 * 3, 15),
                breaks=[],
                room=f"会場{i}",
                consultant_kinds=kinds,
            )
        )
    for full in made[::4]:
        Slot.objects.filter(session=full).update(taken=F("capacity"))

    filters = listing.Filters.from_query(
        dict(pair.split("=") for pair in query.lstrip("?").split("&") if pair)
    )
    now = timezone.now()
    everything = listing.present(
        TouringSession.objects.with_slots().from_day(listing.today(now)), now
    )
    if filters.kind:
        everything = [v for v in everything if filters.kind in v.session.consultant_kinds]
    if filters.free:
        everything = [v for v in everything if v.has_free_seats]
    expected = [str(v.session.pk) for v in everything]
    assert len(expected) > 2 * LIST_PAGE_SIZE

    html = client.get(f"/schedule/{query}").content.decode()
    assert cards(html) == expected[:LIST_PAGE_SIZE]
    assert f"{len(expected)}件の相談会" in html
    pages = -(-len(expected) // LIST_PAGE_SIZE)
    for number in range(2, pages + 1):
        # Follow the "next" link: it keeps the filters.
        next_link = html_lib.unescape(re.search(r'href="([^"]+)" rel="next"', html).group(1))
        html = client.get(f"/schedule/{next_link}").content.decode()
        start = (number - 1) * LIST_PAGE_SIZE
        assert cards(html) == expected[start : start + LIST_PAGE_SIZE], number
        assert f'<span aria-current="page">{number}</span>' in html
    assert 'rel="next"' not in html
    beyond = f"{query}&page={pages + 1}" if query else f"?page={pages + 1}"
    assert client.get(f"/schedule/{beyond}").status_code == 404
    for odd in ("0", "-3", "abc"):
        page_query = f"{query}&page={odd}" if query else f"?page={odd}"
        html = client.get(f"/schedule/{page_query}").content.decode()
        assert cards(html) == expected[:LIST_PAGE_SIZE], odd


def test_near_you_shows_the_first_open_sessions_per_ward(demo_site, client):
    """One windowed query per page gives what filtering every session in Python gave."""
    today = timezone.now().astimezone(TOKYO).date()
    for ward in ("kita", next_ward("kita")):
        venue = VenueFactory(slug=f"near-{ward}", ward=ward)
        made = [
            TouringSessionFactory(
                venue=venue, date=today + timedelta(days=2 + i), room=f"近{i}", breaks=[]
            )
            for i in range(5)
        ]
        # The first one is full: the ward shows the next open ones instead.
        Slot.objects.filter(session=made[0]).update(taken=F("capacity"))
    now = timezone.now()
    views = listing.present(TouringSession.objects.with_slots().from_day(listing.today(now)), now)
    html = client.get("/schedule/near/?ward=kita").content.decode()
    sections = re.findall(r'<section aria-labelledby="near-(\w+)">(.*?)</section>', html, re.S)
    assert sections
    for ward, body in sections:
        expected = [
            str(v.session.pk) for v in views if v.venue.ward == ward and v.state == listing.OPEN
        ][:3]
        assert cards(body) == expected, ward
    assert any(cards(body) for _, body in sections)


def next_ward(ward):
    from schedule.wards import wards_by_distance

    return wards_by_distance(ward)[1]
