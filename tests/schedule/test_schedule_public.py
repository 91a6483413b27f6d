"""The public schedule: listing, calendar, near-you, venue and session pages, JSON-LD."""

import json
import re
from datetime import time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from schedule.models import Slot, TouringSession, Venue
from schedule.models.page import LIST_PAGE_SIZE
from tests.clock import today
from tests.schedule.factories import TouringSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def venue(demo_site):
    return Venue.objects.get(slug="kita-ward-office", locale__language_code="ja")


@pytest.fixture
def far_session(venue):
    """A session a year ahead (so it is open), in its own room to avoid the demo's."""
    return TouringSessionFactory(venue=venue, date=today() + timedelta(days=370), room="特設会場A")


def jsonld_blocks(html):
    pattern = r'<script type="application/ld\+json"[^>]*>(.*?)</script>'
    return [json.loads(block) for block in re.findall(pattern, html, re.S)]


def test_listing_shows_remaining_seats_per_slot_and_booking_links(client, far_session):
    slots = list(far_session.slots.all())
    Slot.objects.filter(pk=slots[0].pk).update(taken=2)
    Slot.objects.filter(pk=slots[1].pk).update(taken=1)
    html = client.get(f"/schedule/sessions/{far_session.pk}/").content.decode()
    assert f'href="/book/{slots[1].pk}/"' in html
    assert f'href="/book/{slots[0].pk}/"' not in html
    assert "満席です" in html
    rows = re.findall(r"<tr>\s*<th scope=\"row\">([^<]+)</th>\s*<td>(\d+)</td>", html)
    assert rows[:2] == [("10:00〜10:45", "0"), ("10:45〜11:30", "1")]


def test_past_cutoff_slots_offer_no_booking_link(client, venue):
    tomorrow = today() + timedelta(days=1)
    session = TouringSessionFactory(
        venue=venue, date=tomorrow, room="特設会場B", cutoff_days_before=2
    )
    html = client.get(f"/schedule/sessions/{session.pk}/").content.decode()
    assert "/book/" not in html
    assert "受付を終了しました" in html


def test_public_pages_show_counts_and_nothing_about_people(client, far_session, venue):
    consultant = get_user_model().objects.create_user(
        "secret-consultant", email="hidden.person@example.jp", last_name="秘匿", first_name="花子"
    )
    far_session.consultants.add(consultant)
    far_session.slots.update(taken=1)
    paths = [
        "/schedule/",
        "/schedule/calendar/",
        f"/schedule/sessions/{far_session.pk}/",
        f"/schedule/venues/{venue.slug}/",
        "/schedule/near/?ward=kita",
        "/schedule/ical/",
        "/en/schedule/",
    ]
    for path in paths:
        body = client.get(path).content.decode()
        for trace in ("秘匿", "花子", "hidden.person", "secret-consultant"):
            assert trace not in body, (path, trace)


def test_cancelled_session_is_labelled_with_reason_and_what_to_do(client, far_session):
    far_session.cancel("講師の急病のため")
    html = client.get(f"/schedule/?month={far_session.date:%Y-%m}").content.decode()
    card = html[html.index(f'id="session-{far_session.pk}"') :]
    card = card[: card.index("</article>")]
    assert "中止" in card and "講師の急病のため" in card
    assert "ほかの日程を選ぶか、センターにお問い合わせください" in card
    assert "/book/" not in card


def test_past_sessions_are_listed_and_labelled_as_over(client, venue):
    session = TouringSessionFactory(venue=venue, date=today() - timedelta(days=3), room="特設会場C")
    html = client.get("/schedule/?past=1").content.decode()
    assert f'id="session-{session.pk}"' in html
    assert "この相談会は終了しました。" in html
    venue_html = client.get(f"/schedule/venues/{venue.slug}/").content.decode()
    assert "最近終了した相談会" in venue_html and f'id="session-{session.pk}"' in venue_html


def test_english_pages_write_dates_the_english_way(client, far_session):
    html = client.get(f"/en/schedule/sessions/{far_session.pk}/").content.decode()
    day = far_session.date
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[day.weekday()]
    assert f"{weekday} {day.day} {day:%B} {day.year}" in html
    assert "10:00–10:45" in html
    assert "Wakaba City Kita Ward Office" in html
    assert f'href="/en/book/{far_session.slots.first().pk}/"' in html
    ja = client.get(f"/schedule/sessions/{far_session.pk}/").content.decode()
    assert f"{day.year}年{day.month}月{day.day}日(" in ja


def test_each_session_carries_event_json_ld_with_its_status(client, far_session):
    far_session.cancel("会場工事のため")
    html = client.get(f"/schedule/venues/{far_session.venue.slug}/").content.decode()
    events = {e["url"].rstrip("/").rsplit("/", 1)[-1]: e for e in jsonld_blocks(html)}
    event = events[str(far_session.pk)]
    assert event["@type"] == "Event"
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["startDate"].endswith("+09:00")
    # The venue's other sessions come from the demo, which cancels one session of its own
    # (whose venue depends on the weekday): each event states its own session's status.
    others = TouringSession.objects.in_bulk([int(k) for k in events if k != str(far_session.pk)])
    assert others
    for pk, session in others.items():
        expected = "EventCancelled" if session.is_cancelled else "EventScheduled"
        assert events[str(pk)]["eventStatus"] == f"https://schema.org/{expected}"


def test_filters_narrow_by_ward_kind_and_free_seats(client, far_session):
    far_session.consultant_kinds = ["sharoushi"]
    far_session.save()
    assert f'id="session-{far_session.pk}"' in client.get("/schedule/?ward=kita").content.decode()
    assert (
        f'id="session-{far_session.pk}"' not in client.get("/schedule/?ward=nishi").content.decode()
    )
    by_kind = client.get("/schedule/?kind=sharoushi").content.decode()
    assert f'id="session-{far_session.pk}"' in by_kind
    assert (
        f'id="session-{far_session.pk}"'
        not in client.get("/schedule/?kind=zeirishi").content.decode()
    )
    far_session.slots.update(taken=2)
    free = client.get("/schedule/?free=1&kind=sharoushi").content.decode()
    assert f'id="session-{far_session.pk}"' not in free


def test_month_calendar_is_a_table_with_the_months_sessions(client, far_session):
    month = f"{far_session.date:%Y-%m}"
    html = client.get(f"/schedule/calendar/?month={month}").content.decode()
    assert "<table" in html and "<caption>" in html and '<th scope="col">日</th>' in html
    assert f"/schedule/sessions/{far_session.pk}/" in html
    assert html.count("<h1") == 1


def test_near_you_lists_the_chosen_ward_first_then_neighbours(client, demo_site):
    html = client.get("/schedule/near/?ward=minami").content.decode()
    headings = re.findall(r'<h2 id="near-(\w+)"', html)
    assert headings == ["minami", "minato", "chuo", "higashi", "nishi", "kita"]


def test_venue_page_shows_how_to_get_there_in_both_languages(client, venue):
    ja = client.get("/schedule/venues/kita-ward-office/").content.decode()
    en = client.get("/en/schedule/venues/kita-ward-office/").content.decode()
    assert "市バス「北区役所前」下車すぐ" in ja
    assert "Kita-kuyakusho-mae stop" in en
    assert client.get("/schedule/venues/no-such-venue/").status_code == 404


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


@pytest.mark.parametrize("path", ["/schedule/?kind=zeirishi", "/en/schedule/?free=1"])
def test_listing_query_count_does_not_grow_with_500_sessions(
    client, venue, path, django_assert_max_num_queries
):
    client.get(path)  # warm per-process caches (content types, locales)
    baseline = queries_for(client, path)
    start = today() + timedelta(days=400)
    sessions = TouringSession.objects.bulk_create(
        TouringSession(
            venue=venue,
            room=f"部屋{i}",
            date=start + timedelta(days=i % 60),
            start_time=time(10, 0),
            end_time=time(11, 0),
            slot_minutes=30,
            booths=1,
            consultant_kinds=["zeirishi"],
        )
        for i in range(500)
    )
    Slot.objects.bulk_create(
        Slot(
            session=s,
            starts_at=s.starts_at + timedelta(minutes=30 * k),
            ends_at=s.starts_at + timedelta(minutes=30 * (k + 1)),
            capacity=1,
        )
        for s in sessions
        for k in range(2)
    )
    with django_assert_max_num_queries(baseline):
        response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count('class="session ') == LIST_PAGE_SIZE


def test_month_calendar_scrolls_inside_a_labelled_region_and_keeps_times_whole(client, far_session):
    month = f"{far_session.date:%Y-%m}"
    html = client.get(f"/schedule/calendar/?month={month}").content.decode()
    region = re.search(
        r'<div class="table-scroll[^"]*"([^>]*)>\s*<table class="month-calendar"', html
    )
    assert region, "the calendar table is wrapped in a scroll region"
    attributes = region.group(1)
    assert 'role="region"' in attributes and 'tabindex="0"' in attributes
    assert re.search(r'aria-label="[^"]+"', attributes)
    assert '<span class="month-calendar__time">' in html

    css = (settings.BASE_DIR / "schedule/static/schedule/schedule.css").read_text()
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    rules = {selector.strip(): body for selector, body in rules.items()}
    assert "min-width" in rules[".month-calendar"]
    assert "white-space: nowrap" in rules[".month-calendar__time, .month-calendar .badge"]
    assert "break-all" not in css


def test_english_session_cards_bracket_the_ward_in_ascii(client, far_session):
    month = f"{far_session.date:%Y-%m}"
    html = client.get(f"/en/schedule/?month={month}").content.decode()
    cards = re.findall(r'<p class="session__where">.*?</p>', html, flags=re.S)
    assert cards
    for card in cards:
        assert "（" not in card and "）" not in card
        assert re.search(r"</a> \([^)]+\) ", card)
