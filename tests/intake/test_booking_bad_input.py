"""Bad input to the booking form gets a clear 4xx in the user's language, never a 500:
a body in another charset, a value that is not among the choices, a name that shows
nothing or holds U+FFFD."""

from urllib.parse import urlencode

import pytest

from intake.models import Reservation
from tests.intake.booking_pages import book_url
from tests.intake.factories import BookingFormFactory, open_slot

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("booking_env"),
]

LANGUAGES = [
    ("", "送信された内容を受け付けられませんでした", "ja"),
    ("en", "What was sent could not be accepted", "en"),
]


def post(client, slot, lang="", **overrides):
    return client.post(book_url(slot, lang), BookingFormFactory(slot=slot, **overrides))


@pytest.mark.parametrize(("lang", "title", "code"), LANGUAGES)
@pytest.mark.parametrize("charset", ["shift_jis", "Shift_JIS", "euc-jp", "iso-2022-jp", "latin-1"])
def test_a_booking_body_in_another_charset_gets_a_clear_400_page(
    client, lang, title, code, charset
):
    slot = open_slot()
    body = urlencode(BookingFormFactory(slot=slot), doseq=True, encoding="utf-8")
    for content_type in (
        f"application/x-www-form-urlencoded; charset={charset}",
        f'application/x-www-form-urlencoded; charset="{charset}"',
        f"multipart/form-data; boundary=x; charset={charset}",
    ):
        response = client.post(book_url(slot, lang), body, content_type=content_type)
        html = response.content.decode()
        assert response.status_code == 400, content_type
        assert title in html
        assert f'<html lang="{code}">' in html
    assert Reservation.objects.count() == 0


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
def test_a_booking_body_declared_as_utf8_is_accepted(client, charset):
    slot = open_slot()
    body = urlencode(BookingFormFactory(slot=slot), doseq=True, encoding="utf-8")
    response = client.post(
        book_url(slot),
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 302
    assert Reservation.objects.get().ward == "kita"


HOSTILE_VALUES = {
    "a megabyte": "x" * (1024 * 1024),
    "bidi overrides": "kita\u202ecilbup\u202c\u2066",
    "escape characters": "\x1b[31mred\x1b[0m\x00\x07",
    "markup": '"><script>alert(1)</script>',
}
CHOICE_FIELDS = ["ward", "industry", "employee_band", "sales_decline_band", "subsidy_status"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("", "選択肢の中から選んでください"), ("en", "Please choose one of the options")],
)
@pytest.mark.parametrize("name", HOSTILE_VALUES)
def test_a_value_that_is_not_a_choice_gets_a_generic_message_without_the_value(
    client, lang, message, name
):
    value = HOSTILE_VALUES[name]
    slot = open_slot()
    # Six megabytes would pass DATA_UPLOAD_MAX_MEMORY_SIZE (another 400): one field then.
    fields = {field: value for field in (CHOICE_FIELDS if len(value) < 1000 else ["ward"])}
    response = post(client, slot, lang=lang, topics=["subsidy", value], **fields)
    html = response.content.decode()
    assert response.status_code == 400
    for field in [*fields, "topics"]:
        assert f'id="id_{field}_error"' in html, field
    assert html.count(message) >= len(fields) + 1
    assert len(html) < 200_000
    for needle in (value[:40], value[-20:], "\u202e", "\x1b", "<script>alert"):
        assert needle not in html, needle
    assert Reservation.objects.count() == 0


INVISIBLE_NAMES = {
    "zero-width spaces": "\u200b\u200b\u200b",
    "zero-width joiners": "\u200c\u200d",
    "word joiner and BOM": "\u2060\ufeff",
    "soft hyphen": "\u00ad",
    "Hangul filler": "\u3164\u3164",
    "combining mark alone": "\u0301",
    "tag characters": "\U000e0041\U000e0042",
    "variation selector": "\ufe0f",
}
NAME_FIELDS = ["business_name", "contact_name", "contact_name_kana"]


@pytest.mark.parametrize(
    ("lang", "message"), [("", "目に見える文字が入っていません"), ("en", "no visible characters")]
)
@pytest.mark.parametrize("field", NAME_FIELDS)
def test_a_name_of_only_invisible_characters_is_refused_with_a_message(
    client, lang, message, field
):
    slot = open_slot()
    for label, value in INVISIBLE_NAMES.items():
        response = post(client, slot, lang=lang, **{field: value})
        html = response.content.decode()
        assert response.status_code == 400, label
        assert f'id="id_{field}_error"' in html, label
        assert message in html, label
    assert Reservation.objects.count() == 0


@pytest.mark.parametrize(
    ("lang", "message"),
    [("", "読み取れない文字（\ufffd）が含まれています"), ("en", "could not be read")],
)
@pytest.mark.parametrize("field", NAME_FIELDS)
def test_a_name_holding_the_replacement_character_is_refused_with_a_message(
    client, lang, message, field
):
    slot = open_slot()
    value = "ワカバ\ufffdタロウ" if field == "contact_name_kana" else "若葉\ufffd商店"
    response = post(client, slot, lang=lang, **{field: value})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert Reservation.objects.count() == 0


def test_names_with_visible_characters_around_a_joiner_are_accepted(client):
    slot = open_slot()
    response = post(client, slot, business_name="若葉\u200d商店", contact_name="Ｗａｋａｂａ")
    assert response.status_code == 302
