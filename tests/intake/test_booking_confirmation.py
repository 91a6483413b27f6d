"""After booking: the confirmation page and email, cancellation by link, session cancellation."""

import re
from unittest import mock

from django.core import mail
from django.test import TestCase

import pytest

from intake.models import Reservation
from tests.intake.booking_pages import book_url
from tests.intake.factories import BookingFormFactory, open_slot

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("booking_env"),
]

TYPED = ["若葉テスト商店", "若葉 太郎", "ワカバ タロウ", "090-1234-5678", "家賃の支払い", "taro@"]
CANCEL_RE = re.compile(r"http://[^\s]+/book/cancel/([A-Za-z0-9_\-]+)/")


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def booked(client, slot, lang=""):
    response = client.post(book_url(slot, lang), BookingFormFactory(slot=slot))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Reservation.objects.latest("created_at"), response["Location"]


def cancel_path(message):
    token = CANCEL_RE.search(message.body).group(1)
    return token


def test_done_page_shows_reference_time_venue_and_nothing_typed(client):
    slot = open_slot()
    reservation, location = booked(client, slot)
    response = client.get(location)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert reservation.reference in html
    assert "テスト会館" in html
    assert "10:00" in html
    assert "当日お持ちいただくもの" in html
    assert "キャンセル" in html
    for typed in TYPED:
        assert typed not in html


def test_done_page_accepts_reference_typed_loosely_and_404s_unknown(client):
    slot = open_slot()
    reservation, _ = booked(client, slot)
    loose = reservation.reference.lower().replace("-", "")
    assert client.get(f"/book/done/{loose}/").status_code == 200
    assert client.get("/book/done/AAA-AAAAA/").status_code == 404
    assert client.get("/book/done/not-a-ref/").status_code == 404


def test_confirmation_email_has_reference_place_and_cancel_link_only(client):
    slot = open_slot()
    reservation, _ = booked(client, slot)
    (message,) = mail.outbox
    assert message.to == ["taro@example.jp"]
    text = message.subject + message.body
    assert reservation.reference in text
    assert "テスト会館" in text and "10:00" in text
    assert CANCEL_RE.search(message.body)
    for typed in TYPED:
        assert typed not in text
    assert message.attachments == []


def test_confirmation_email_in_english_for_english_bookings(client):
    slot = open_slot()
    booked(client, slot, lang="en")
    (message,) = mail.outbox
    assert "Consultation booked" in message.subject
    assert "/en/book/cancel/" in message.body


def test_email_failure_does_not_lose_the_booking(client):
    slot = open_slot()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("smtp down")):
        reservation, location = booked(client, slot)
    assert client.get(location).status_code == 200
    assert reservation.is_booked


def test_cancel_link_confirms_then_cancels_idempotently_and_releases_the_seat(client):
    slot = open_slot(capacity=1)
    reservation, _ = booked(client, slot)
    token = cancel_path(mail.outbox[0])
    url = f"/book/cancel/{token}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    # Never the token-bearing path in a Referer; not "no-referrer", under which Chromium sends
    # "Origin: null" with the cancel POST and Django's CSRF check refuses it.
    assert page["Referrer-Policy"] == "strict-origin"
    assert "予約をキャンセルする" in page.content.decode()
    reservation.refresh_from_db()
    assert reservation.is_booked  # a GET (link preview, scanner) changes nothing
    for _ in range(2):
        response = client.post(url)
        assert response.status_code == 200
        assert "キャンセルされました" in response.content.decode()
    reservation.refresh_from_db()
    slot.refresh_from_db()
    assert reservation.status == "cancelled"
    assert reservation.cancelled_by == "owner"
    assert slot.taken == 0
    # The seat is free again for someone else.
    other = BookingFormFactory(slot=slot, email="b@example.jp", email_confirm="b@example.jp")
    assert client.post(book_url(slot), other).status_code == 302


def test_wrong_or_expired_token_gets_the_same_polite_refusal(client):
    slot = open_slot()
    reservation, _ = booked(client, slot)
    token = cancel_path(mail.outbox[0])
    wrong = client.post("/book/cancel/" + "x" * 43 + "/")
    with mock.patch("intake.cancellation.token_expired", return_value=True):
        expired = client.post(f"/book/cancel/{token}/")
    assert wrong.status_code == expired.status_code == 404
    assert main(wrong) == main(expired)
    assert "キャンセルできません" in wrong.content.decode()
    assert reservation.reference not in wrong.content.decode()
    reservation.refresh_from_db()
    assert reservation.is_booked


def test_cancelling_the_session_cancels_its_reservations_and_hooks_notification(client):
    slot = open_slot(capacity=2)
    booked(client, slot)
    second_data = BookingFormFactory(slot=slot, email="b@example.jp", email_confirm="b@example.jp")
    client.post(book_url(slot), second_data)
    with (
        mock.patch("intake.notifications.notify_session_cancelled") as notify,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        slot.session.cancel("会場の都合により中止します。")
    statuses = set(Reservation.objects.values_list("status", "cancelled_by"))
    assert statuses == {("cancelled", "session_cancelled")}
    (call,) = notify.call_args_list
    assert {r.pk for r in call.args[0]} == set(Reservation.objects.values_list("pk", flat=True))
    slot.refresh_from_db()
    assert slot.taken == 0
    # The owner's link now says it is cancelled, not an error.
    token = cancel_path(mail.outbox[0])
    assert "中止になったため" in client.get(f"/book/cancel/{token}/").content.decode()


def test_english_pages_and_email_bracket_the_room_in_ascii(client):
    slot = open_slot()
    room = slot.session.room or slot.session.venue.room
    assert room, "the helper venue has a room"
    _, done = booked(client, slot, lang="en")
    pages = [main(client.get(done)), main(client.get(book_url(open_slot(slug="hall-2"), "en")))]
    for html in [*pages, mail.outbox[0].body]:
        assert f" ({room})" in html
        assert "（" not in html and "）" not in html
    # Japanese keeps its full-width brackets.
    assert f"（{room}）" in main(client.get(book_url(open_slot(slug="hall-3"))))
