"""The marker test's second half: what was typed into the public form is shown,
decrypted, in the staff console to an authorised user, and the opening is audited
without any of it."""

import pytest

from intake.models import Reservation
from intake.vault.models import AuditEntry
from tests.accounts.factories import IntakeClerkFactory
from tests.accounts.login import login_verified
from tests.intake.booking_pages import book_url
from tests.intake.factories import BookingFormFactory, open_slot
from tests.tiers import use_tier

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("booking_env"),
]

MARKERS = {
    "business_name": "MKBIZ7Q4商店",
    "contact_name": "MKNAME8R2 太郎",
    "contact_name_kana": "マーカー タロウ",
    "phone": "090-7311-4492",
    "email": "mkmail5t9@example.jp",
    "email_confirm": "mkmail5t9@example.jp",
    "consultation": "MKTEXT3W6 家賃の支払いについて",
}


def test_markers_typed_in_the_public_form_are_shown_decrypted_in_the_console(client):
    with use_tier("public"):
        slot = open_slot()
        response = client.post(book_url(slot), BookingFormFactory(slot=slot, **MARKERS))
        assert response.status_code == 302
    reservation = Reservation.objects.get()
    with use_tier("staff"):
        login_verified(client, IntakeClerkFactory())
        html = client.get(f"/intake/sessions/{slot.session_id}/").content.decode()
        detail = client.get(f"/intake/bookings/{reservation.reference}/").content.decode()
    for name, marker in MARKERS.items():
        if name != "email_confirm":
            assert marker in html, name
            assert marker in detail, name
    entries = list(AuditEntry.objects.order_by("at"))
    assert [e.action for e in entries] == ["view_session", "view_booking"]
    assert entries[0].detail["references"] == [reservation.reference]
    stored = " ".join(str(vars(e)) for e in entries)
    for marker in MARKERS.values():
        assert marker not in stored
