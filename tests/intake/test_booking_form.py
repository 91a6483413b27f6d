"""The public booking form: validation, seats, idempotency, limits, abuse controls."""

import re
from datetime import datetime, time
from unittest import mock

from django.core import mail
from django.db import DatabaseError

import pytest

from intake import formtoken
from intake.models import Reservation
from intake.vault.models import SealedSubmission
from schedule.planning.tz import TOKYO
from tests.clock import today
from tests.intake.booking_pages import TOKEN_RE, book_url
from tests.intake.factories import BookingFormFactory, open_slot

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("booking_env"),
]


def post(client, slot, lang="", **overrides):
    return client.post(book_url(slot, lang), BookingFormFactory(slot=slot, **overrides))


def test_get_shows_form_with_signed_token_and_no_store(client):
    slot = open_slot()
    response = client.get(book_url(slot))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    token = TOKEN_RE.search(response.content.decode()).group(1)
    assert formtoken.read(token, slot.pk).slot_id == slot.pk
    assert 'href="/privacy/"' in response.content.decode()


def test_valid_submission_books_seat_seals_payload_and_redirects_to_done(client):
    slot = open_slot(capacity=2)
    response = post(client, slot)
    assert response.status_code == 302
    reservation = Reservation.objects.get()
    assert response["Location"] == f"/book/done/{reservation.reference}/"
    slot.refresh_from_db()
    assert slot.taken == 1
    sealed = SealedSubmission.objects.get(pk=reservation.submission_id)
    assert b"taro" not in bytes(sealed.ciphertext)
    assert reservation.topics == ["subsidy", "loan"]
    assert reservation.ward == "kita"
    assert len(reservation.email_key) == 64


def test_unknown_slot_is_404(client):
    assert client.get("/book/999999/").status_code == 404
    assert client.post("/book/999999/", {}).status_code == 404


BAD_INPUTS = [
    ("phone", {"phone": "12345"}, "電話番号", "phone"),
    ("phone", {"phone": "0312345678901"}, "桁数", "digits"),
    ("business_name", {"business_name": "商店\x07"}, "制御文字", "control character"),
    ("consultation", {"consultation": "あ" * 801}, "800文字以内", "800 characters"),
    (
        "contact_name_kana",
        {"contact_name_kana": "Taro"},
        "ひらがなかカタカナ",
        "hiragana or katakana",
    ),
    ("email_confirm", {"email_confirm": "other@example.jp"}, "一致しません", "do not match"),
    ("consent", {"consent": ""}, "必須", "required"),
    ("topics", {"topics": []}, "必須", "required"),
]


@pytest.mark.parametrize(("field", "bad", "ja", "en"), BAD_INPUTS)
def test_each_bad_input_is_refused_inline_in_both_languages_keeping_typed_values(
    client, field, bad, ja, en
):
    slot = open_slot()
    for lang, expected in (("", ja), ("en", en)):
        response = post(client, slot, lang=lang, **bad)
        html = response.content.decode()
        assert response.status_code == 400
        assert expected.lower() in html.lower(), (lang, field)
        assert f'id="id_{field}_error"' in html
        assert 'aria-invalid="true"' in html
        assert 'class="error-summary"' in html
        # Everything else typed is still there.
        assert 'value="若葉テスト商店"' in html or field == "business_name"
        assert "家賃の支払いについて相談したい。" in html or field == "consultation"
    assert Reservation.objects.count() == 0


def test_error_summary_links_to_the_field(client):
    slot = open_slot()
    html = post(client, slot, phone="abc").content.decode()
    assert 'href="#id_phone"' in html
    assert 'aria-describedby="id_phone_helptext id_phone_error"' in html


def test_double_submit_of_the_same_form_books_once(client):
    slot = open_slot(capacity=3)
    data = BookingFormFactory(slot=slot)
    first = client.post(book_url(slot), data)
    second = client.post(book_url(slot), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Reservation.objects.count() == 1
    slot.refresh_from_db()
    assert slot.taken == 1
    assert len(mail.outbox) == 1


def test_per_email_limit_on_future_bookings(client, settings):
    settings.INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL = 2
    slot = open_slot(capacity=5)
    for _ in range(2):
        assert post(client, slot).status_code == 302
    # Same person, different case and full-width @: still the same address.
    response = post(client, slot, email="TARO＠example.jp", email_confirm="TARO＠example.jp")
    assert response.status_code == 409
    assert "これ以上予約できません" in response.content.decode()
    assert 'value="若葉テスト商店"' in response.content.decode()
    assert Reservation.objects.count() == 2


def only_these_sessions_bookable(*slots):
    """The session-scoped demo data may hold sooner open slots; take them out of the list."""
    from schedule.models import TouringSession

    keep = [slot.session_id for slot in slots]
    TouringSession.objects.exclude(pk__in=keep).update(status=TouringSession.Status.CANCELLED)


def test_full_slot_gets_a_clear_message_and_next_free_slots(client):
    slot = open_slot(capacity=1)
    other = open_slot(capacity=1, slug="other-hall", days_ahead=12)
    only_these_sessions_bookable(slot, other)
    assert post(client, slot).status_code == 302
    response = post(client, slot, email="b@example.jp", email_confirm="b@example.jp")
    html = response.content.decode()
    assert response.status_code == 409
    assert "満席" in html
    assert f'href="/book/{other.pk}/"' in html
    assert Reservation.objects.count() == 1
    # The GET says so too, in English under /en/.
    html_en = client.get(book_url(slot, "en")).content.decode()
    assert "full" in html_en.lower()
    assert f'href="/en/book/{other.pk}/"' in html_en


def test_slot_past_its_cutoff_is_refused_with_next_slots(client, frozen_clock):
    # Today's 23:00 slot seen at noon: past its cut-off (the day before), not yet started.
    frozen_clock.move_to(datetime.combine(today(), time(12, 0), tzinfo=TOKYO))
    late = open_slot(days_ahead=0, start=time(23, 0))
    other = open_slot(slug="later-hall", days_ahead=9)
    only_these_sessions_bookable(late, other)
    response = client.get(book_url(late))
    html = response.content.decode()
    assert "締め切りました" in html
    assert f'href="/book/{other.pk}/"' in html
    assert post(client, late).status_code == 409
    assert Reservation.objects.count() == 0


def test_cancelled_session_cannot_be_booked(client):
    slot = open_slot()
    slot.session.cancel("台風のため")
    response = post(client, slot)
    assert response.status_code == 409
    assert "中止" in response.content.decode()


def test_honeypot_filled_is_refused(client):
    slot = open_slot()
    response = post(client, slot, website="http://spam.example")
    assert response.status_code == 400
    assert Reservation.objects.count() == 0


def test_submitting_faster_than_the_minimum_fill_time_is_refused(client, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 30
    slot = open_slot()
    response = post(client, slot)
    assert response.status_code == 400
    html = response.content.decode()
    assert "早すぎます" in html
    assert 'value="若葉テスト商店"' in html
    assert Reservation.objects.count() == 0


def test_tampered_or_moved_token_is_refused(client):
    slot = open_slot()
    other = open_slot(slug="other-hall")
    token = formtoken.issue(slot.pk)
    for bad in (token[:-2] + "xx", formtoken.issue(other.pk), ""):
        response = post(client, slot, form_token=bad)
        assert response.status_code == 400
        assert "正しくありません" in response.content.decode()
    assert Reservation.objects.count() == 0


def test_expired_token_asks_to_submit_again_keeping_values(client, settings):
    settings.INTAKE_FORM_MAX_AGE_SECONDS = 10
    slot = open_slot()
    with mock.patch("time.time", return_value=1_000_000.0):
        token = formtoken.issue(slot.pk)
    response = post(client, slot, form_token=token)
    assert response.status_code == 400
    html = response.content.decode()
    assert "もう一度送信してください" in html
    assert 'value="若葉テスト商店"' in html


def test_rate_limit_per_ip(client, settings):
    settings.INTAKE_RATELIMIT_IP = "3/h"
    slot = open_slot(capacity=5)
    codes = [post(client, slot, phone="x").status_code for _ in range(4)]
    assert codes[:3] == [400, 400, 400]
    assert codes[3] == 429


def test_rate_limit_per_email_across_ips(client, settings):
    settings.INTAKE_RATELIMIT_EMAIL = "2/h"
    settings.INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL = 10
    slot = open_slot(capacity=5)
    codes = [
        client.post(
            book_url(slot), BookingFormFactory(slot=slot), REMOTE_ADDR=f"10.0.0.{i}"
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]


def test_intake_insert_failure_releases_seat_and_leaves_no_reservation(client):
    slot = open_slot(capacity=1)
    with mock.patch(
        "intake.vault.models.SealedSubmission.save", side_effect=DatabaseError("disk full")
    ):
        response = post(client, slot)
    assert response.status_code == 503
    html = response.content.decode()
    assert "予約はまだ完了していません" in html
    assert 'value="若葉テスト商店"' in html
    slot.refresh_from_db()
    assert slot.taken == 0
    assert Reservation.objects.count() == 0
    assert SealedSubmission.objects.count() == 0
    assert mail.outbox == []
    # The user can retry with the same form and gets the seat.
    assert post(client, slot).status_code == 302


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e"])
def test_a_control_character_in_a_name_gets_the_control_character_message_and_is_not_echoed(
    client, char
):
    slot = open_slot()
    response = post(client, slot, contact_name=f"太郎{char}")
    html = response.content.decode()
    assert response.status_code == 400
    assert "入力できない制御文字が含まれています。" in html
    assert "何か文字を入力してください" not in html
    assert 'value="太郎"' in html
    assert char not in html and "\ufffd" not in html
    assert Reservation.objects.count() == 0


def test_topic_checkboxes_in_error_are_described_by_the_groups_error(client):
    slot = open_slot()
    html = post(client, slot, topics=[]).content.decode()
    assert '<fieldset aria-describedby="id_topics_helptext id_topics_error">' in html
    assert '<ul class="errorlist" id="id_topics_error">' in html
    boxes = re.findall(r'<input type="checkbox" name="topics"[^>]*>', html)
    assert boxes
    for box in boxes:
        assert 'aria-invalid="true"' in box
        assert 'aria-describedby="id_topics_helptext id_topics_error"' in box


@pytest.mark.parametrize("state", ["full", "cancelled"])
def test_opening_an_unbookable_slot_says_it_cannot_be_booked_not_that_a_booking_failed(
    client, state
):
    slot = open_slot(capacity=1)
    other = open_slot(capacity=1, slug="other-hall", days_ahead=12)
    only_these_sessions_bookable(slot, other)
    if state == "full":
        assert post(client, slot).status_code == 302
    else:
        slot.session.cancel("台風のため")
    html = client.get(book_url(slot)).content.decode()
    assert "この枠は予約できません" in html
    assert "予約は完了していません" not in html
    assert f'href="/book/{other.pk}/"' in html
    html_en = client.get(book_url(slot, "en")).content.decode()
    assert "booking was not made" not in html_en
    assert "Please choose another slot below." in html_en
