"""Staff tools on the staff tier: series, conflicts, cancelling, the day sheet, permissions."""

import re
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest

from schedule.models import TouringSession
from tests.accounts.login import login_verified
from tests.portal.test_security_headers import assert_strict_common_headers
from tests.schedule.factories import TouringSessionFactory, VenueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_tier")]

SERIES = {
    "weekdays": ["1", "3"],  # Tuesday and Thursday
    "first": "2027-02-01",
    "last": "2027-02-28",
    "start_time": "10:00",
    "end_time": "16:00",
    "slot_minutes": "45",
    "booths": "2",
    "breaks": "12:00-13:00",
    "consultant_kinds": ["gyoseishoshi"],
    "closed_dates": "2027-02-16",
    "cutoff_days_before": "1",
    "cutoff_time": "17:00",
}
# Tue/Thu in February 2027 minus 2/11 (建国記念の日), 2/23 (天皇誕生日) and 2/16 (closed).
SERIES_DATES = [date(2027, 2, d) for d in (2, 4, 9, 18, 25)]


@pytest.fixture
def scheduler(client):
    user = get_user_model().objects.create_user(
        "sched", password="x", is_staff=True, first_name="担当", last_name="予定"
    )
    codenames = ["add_touringsession", "change_touringsession", "view_touringsession"]
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="schedule", codename__in=codenames),
        Permission.objects.get(codename="cancel_touringsession"),
    )
    login_verified(client, user)
    return user


@pytest.fixture
def venue():
    return VenueFactory(slug="series-hall")


def test_series_preview_lists_dates_and_skipped_holidays_without_saving(client, scheduler, venue):
    response = client.post("/admin/schedule/series/", {**SERIES, "venue": venue.pk, "preview": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2027年2月2日(火)" in html and "2027年2月25日(木)" in html
    assert "建国記念の日" in html and "天皇誕生日" in html
    assert "2027年2月16日(火): 休止日" in html
    assert 'name="confirm"' in html
    assert not TouringSession.objects.filter(venue=venue).exists()


def test_series_confirm_creates_every_session_with_slots(client, scheduler, venue):
    response = client.post("/admin/schedule/series/", {**SERIES, "venue": venue.pk, "confirm": "1"})
    assert response.status_code == 302
    sessions = TouringSession.objects.filter(venue=venue).order_by("date")
    assert [s.date for s in sessions] == SERIES_DATES
    assert all(s.slots.count() == 6 for s in sessions)


def test_series_is_created_in_one_transaction(client, scheduler, venue, monkeypatch):
    calls = []
    original = TouringSession.sync_slots

    def failing(self):
        calls.append(self.date)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        original(self)

    monkeypatch.setattr(TouringSession, "sync_slots", failing)
    with pytest.raises(RuntimeError):
        client.post("/admin/schedule/series/", {**SERIES, "venue": venue.pk, "confirm": "1"})
    assert not TouringSession.objects.filter(venue=venue).exists()


def test_series_that_overlaps_a_saved_session_is_blocked(client, scheduler, venue):
    TouringSessionFactory(venue=venue, date=date(2027, 2, 9))
    response = client.post("/admin/schedule/series/", {**SERIES, "venue": venue.pk, "confirm": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "同じ会場・部屋で 2027年2月9日(火)" in html
    assert 'name="confirm"' not in html
    assert TouringSession.objects.filter(venue=venue).count() == 1


def session_form(venue, **overrides):
    data = {
        "venue": venue.pk,
        "room": "",
        "date": "2027-02-09",
        "start_time": "13:00",
        "end_time": "15:00",
        "slot_minutes": "30",
        "booths": "1",
        "breaks": "",
        "consultant_kinds": ["zeirishi"],
        "cutoff_days_before": "1",
        "cutoff_time": "17:00",
        "public_note": "",
        "public_note_en": "",
    }
    data.update(overrides)
    return data


ADD = "/admin/snippets/schedule/touringsession/add/"


def test_a_session_in_the_same_room_at_an_overlapping_time_is_refused(client, scheduler, venue):
    TouringSessionFactory(venue=venue, date=date(2027, 2, 9))  # 10:00–16:00 in the venue's room
    response = client.post(ADD, session_form(venue, room="第１会議室"))
    assert response.status_code == 200
    assert "同じ会場・部屋で 2027年2月9日(火) 10:00〜16:00" in response.content.decode()
    assert TouringSession.objects.filter(venue=venue).count() == 1


def test_another_room_of_the_same_venue_is_allowed(client, scheduler, venue):
    TouringSessionFactory(venue=venue, date=date(2027, 2, 9))
    response = client.post(ADD, session_form(venue, room="第2会議室"))
    assert response.status_code == 302
    assert TouringSession.objects.filter(venue=venue).count() == 2


def test_a_consultant_with_an_overlapping_session_elsewhere_is_refused(client, scheduler, venue):
    consultant = get_user_model().objects.create_user(
        "c1", is_staff=True, last_name="相談", first_name="一郎"
    )
    consultant.groups.add(Group.objects.get(name="相談員"))
    busy = TouringSessionFactory(
        venue=VenueFactory(slug="elsewhere", ward="minato"), date=date(2027, 2, 9)
    )
    busy.consultants.add(consultant)
    response = client.post(ADD, session_form(venue, consultants=[consultant.pk]))
    assert response.status_code == 200
    assert "相談員 相談 一郎 は 2027年2月9日(火)" in response.content.decode()
    response = client.post(ADD, session_form(venue))
    assert response.status_code == 302


def test_cancel_view_needs_a_reason_and_then_cancels(client, scheduler, venue):
    session = TouringSessionFactory(venue=venue)
    url = f"/admin/schedule/sessions/{session.pk}/cancel/"
    assert client.post(url, {"reason": ""}).status_code == 200
    session.refresh_from_db()
    assert not session.is_cancelled
    assert client.post(url, {"reason": "大雪のため"}).status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled and session.cancelled_by == scheduler


def test_day_sheet_lists_the_days_sessions_with_seat_counts(client, scheduler, venue):
    session = TouringSessionFactory(venue=venue)
    session.slots.filter(starts_at=session.slots.first().starts_at).update(taken=2)
    response = client.get(f"/admin/schedule/day-sheet/?venue={venue.pk}&day=2027-01-12")
    html = response.content.decode()
    assert response.status_code == 200
    assert "予約 2 / 定員 12" in html
    assert "10:00〜10:45" in html


def test_day_sheet_is_a_staff_page_with_its_print_stylesheet_under_the_staff_csp(
    client, scheduler, venue
):
    TouringSessionFactory(venue=venue)
    response = client.get(f"/admin/schedule/day-sheet/?venue={venue.pk}&day=2027-01-12")
    html = response.content.decode()
    assert response.status_code == 200
    # The staff page frame (templates/staff/base.html): not indexed, the staff title suffix.
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert re.search(r"<title>日別シート [^<]+ \| 職員サイト</title>", html)
    assert 'href="/static/schedule/day_sheet.css"' in html
    assert "css/site.css" not in html
    assert_strict_common_headers(response)
    # The staff CSP lets the Wagtail admin use inline styles; this page needs none.
    assert " style=" not in html and "<style" not in html and "<script" not in html


def test_staff_without_schedule_permissions_cannot_use_the_tools(client, venue):
    user = get_user_model().objects.create_user("editor2", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_verified(client, user)
    session = TouringSessionFactory(venue=venue)
    for url in [
        "/admin/schedule/series/",
        f"/admin/schedule/sessions/{session.pk}/cancel/",
        "/admin/schedule/day-sheet/",
    ]:
        assert client.get(url).status_code in (302, 403), url
