"""The intake console for authorised users: decrypted bookings, audit, export, 相談票, cancel."""

import csv
import io

from django.http import StreamingHttpResponse

import pytest

from intake.export_marker import MARKER
from intake.models import Reservation
from intake.vault.models import AuditEntry, SealedConsultationRecord
from tests.accounts.factories import AdministratorFactory, ConsultantFactory, IntakeClerkFactory
from tests.accounts.login import login_verified
from tests.clock import days_from_today
from tests.intake.factories import PERSONAL, ConsoleSessionFactory, ReservationFactory

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys", "staff_tier"),
]


def audit_text():
    return " ".join(
        f"{e.actor_username} {e.action} {e.object_type} {e.object_ref} {e.detail}"
        for e in AuditEntry.objects.all()
    )


def assert_no_personal_data_in_audit():
    text = audit_text()
    for value in PERSONAL.values():
        assert value not in text


@pytest.fixture
def booked_session():
    session = ConsoleSessionFactory(date=days_from_today(0))
    slot = session.slots.get()
    return session, ReservationFactory(slot=slot)


def test_clerk_sees_a_sessions_bookings_decrypted_and_it_is_audited(client, booked_session):
    session, reservation = booked_session
    login_verified(client, IntakeClerkFactory())
    response = client.get(f"/intake/sessions/{session.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for value in PERSONAL.values():
        assert value in html
    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    (entry,) = AuditEntry.objects.all()
    assert (entry.action, entry.object_ref, entry.record_count) == (
        "view_session",
        str(session.pk),
        1,
    )
    assert entry.actor_username == "t-clerk"
    assert entry.ip == "127.0.0.1"
    assert entry.detail["references"] == [reservation.reference]
    assert_no_personal_data_in_audit()


def test_session_list_shows_booking_counts(client, booked_session):
    session, _reservation = booked_session
    login_verified(client, IntakeClerkFactory())
    response = client.get("/intake/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/intake/sessions/{session.pk}/" in html
    assert '<td class="num">1</td>' in html
    assert PERSONAL["business_name"] not in html


def test_booking_detail_and_day_sheet_are_decrypted_and_audited(client, booked_session):
    session, reservation = booked_session
    login_verified(client, IntakeClerkFactory())
    detail = client.get(f"/intake/bookings/{reservation.reference}/")
    assert detail.status_code == 200 and PERSONAL["consultation"] in detail.content.decode()
    d = session.date
    sheet = client.get(f"/intake/day-sheet/{session.venue_id}/{d.year}/{d.month}/{d.day}/")
    assert sheet.status_code == 200
    assert PERSONAL["contact_name"] in sheet.content.decode()
    assert sheet["Cache-Control"] == "no-store"
    actions = sorted(AuditEntry.objects.values_list("action", flat=True))
    assert actions == ["print_day_sheet", "view_booking"]
    assert_no_personal_data_in_audit()


def test_export_is_streamed_injection_safe_with_bom_and_audited(client):
    session = ConsoleSessionFactory(date=days_from_today(0))
    slot = session.slots.get()
    ReservationFactory(
        slot=slot, business_name='=HYPERLINK("http://evil")', contact_name="+81 担当", phone="-1"
    )
    login_verified(client, IntakeClerkFactory())
    response = client.get(f"/intake/sessions/{session.pk}/export.csv")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == MARKER
    assert rows[1][0] == "予約番号"
    cells = rows[2]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'+81 担当" in cells and "'-1" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    (entry,) = AuditEntry.objects.filter(action="export_session")
    assert entry.record_count == 1 and entry.object_ref == str(session.pk)
    assert "HYPERLINK" not in audit_text()


def test_export_needs_the_export_permission(client, booked_session):
    session, _ = booked_session
    user = ConsultantFactory()
    session.consultants.add(user)
    login_verified(client, user)
    assert client.get(f"/intake/sessions/{session.pk}/").status_code == 200
    assert client.get(f"/intake/sessions/{session.pk}/export.csv").status_code == 403


def test_consultant_records_a_sealed_consultation_visible_under_the_same_rules(
    client, booked_session
):
    session, reservation = booked_session
    user = ConsultantFactory()
    session.consultants.add(user)
    login_verified(client, user)
    url = f"/intake/bookings/{reservation.reference}/consultation/"
    assert client.get(url).status_code == 200
    notes = "相談票マーカー-NOTES-7781"
    response = client.post(
        url, {"kind": "first", "troubles": ["cash_flow", "loan"], "notes": notes}
    )
    assert response.status_code == 302
    (record,) = SealedConsultationRecord.objects.all()
    assert record.submission_id == reservation.submission_id
    assert notes.encode() not in bytes(record.ciphertext)
    detail = client.get(f"/intake/bookings/{reservation.reference}/").content.decode()
    assert notes in detail and "資金繰り" in detail and "初回相談" in detail
    # Saving again replaces the one record.
    client.post(url, {"kind": "follow_up", "troubles": ["tax"], "notes": "二回目"})
    assert SealedConsultationRecord.objects.count() == 1
    assert AuditEntry.objects.filter(action="save_consultation").count() == 2
    assert notes not in audit_text()
    # The clerk sees it too; another consultant does not.
    login_verified(client, IntakeClerkFactory())
    assert "二回目" in client.get(f"/intake/bookings/{reservation.reference}/").content.decode()
    login_verified(client, ConsultantFactory(username="other"))
    assert client.get(f"/intake/bookings/{reservation.reference}/").status_code == 403


def test_consultation_form_errors_are_tied_to_their_fields(client, booked_session):
    session, reservation = booked_session
    user = ConsultantFactory()
    session.consultants.add(user)
    login_verified(client, user)
    response = client.post(
        f"/intake/bookings/{reservation.reference}/consultation/", {"notes": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_kind_error"' in html and 'aria-describedby="id_kind_error"' in html
    assert "x</textarea>" in html
    assert not SealedConsultationRecord.objects.exists()


def test_clerk_cannot_record_a_consultation(client, booked_session):
    _session, reservation = booked_session
    login_verified(client, IntakeClerkFactory())
    url = f"/intake/bookings/{reservation.reference}/consultation/"
    assert client.post(url, {"kind": "first", "troubles": ["tax"]}).status_code == 403


def test_staff_cancel_releases_the_seat_once_and_is_audited(client, booked_session):
    _session, reservation = booked_session
    slot = reservation.slot
    login_verified(client, IntakeClerkFactory())
    url = f"/intake/bookings/{reservation.reference}/cancel/"
    assert client.post(url, {}).status_code == 400  # not confirmed
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert client.post(url, {"confirm": "on"}).status_code == 302
    reservation.refresh_from_db()
    slot.refresh_from_db()
    assert (reservation.status, reservation.cancelled_by) == ("cancelled", "staff")
    assert slot.taken == 0
    assert AuditEntry.objects.filter(action="cancel_booking").count() == 1


def test_administrator_reads_the_audit_log_in_the_admin(client, booked_session):
    session, _ = booked_session
    login_verified(client, IntakeClerkFactory())
    client.get(f"/intake/sessions/{session.pk}/")
    login_verified(client, AdministratorFactory())
    response = client.get("/admin/intake-audit/")
    assert response.status_code == 200
    assert (
        "view_session" in response.content.decode()
        or "相談会の予約を表示" in response.content.decode()
    )
    login_verified(client, IntakeClerkFactory(username="clerk2"))
    assert client.get("/admin/intake-audit/").status_code in (302, 403)


def test_console_opens_payloads_sealed_under_an_old_key(client, intake_keys):
    """Rotation: the staff keyring holds both private keys; the console opens both."""
    from intake import tier_keys
    from intake.crypto.keys import write_keypair

    session = ConsoleSessionFactory(date=days_from_today(0))
    slot = session.slots.get()
    old = ReservationFactory(slot=slot, business_name="旧鍵の商店")
    write_keypair(intake_keys)  # rotate: the newest .pub becomes current
    tier_keys.clear_cache()
    new = ReservationFactory(slot=slot, business_name="新鍵の商店")
    assert old.submission_id != new.submission_id
    from intake.vault.models import SealedSubmission

    kids = set(SealedSubmission.objects.values_list("kid", flat=True))
    assert len(kids) == 2
    login_verified(client, IntakeClerkFactory())
    html = client.get(f"/intake/sessions/{session.pk}/").content.decode()
    assert "旧鍵の商店" in html and "新鍵の商店" in html
    assert AuditEntry.objects.get().record_count == 2


def test_purged_booking_says_so_and_opens_nothing(client, booked_session):
    from django.utils import timezone

    session, reservation = booked_session
    Reservation.objects.filter(pk=reservation.pk).update(payload_purged_at=timezone.now())
    login_verified(client, IntakeClerkFactory())
    html = client.get(f"/intake/sessions/{session.pk}/").content.decode()
    assert "個人情報は削除されています" in html
    assert AuditEntry.objects.get().record_count == 0


def test_audit_log_is_append_only():
    from core.appendonly import AppendOnlyError
    from intake import audit

    entry = audit.record(audit.Action.VIEW_STATS, actor="tester", object_ref="2027")
    entry.actor_username = "someone-else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(actor_username="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().actor_username == "tester"


def test_nobody_holds_a_permission_to_change_the_audit_log():
    from django.contrib.auth.models import Permission

    codenames = set(
        Permission.objects.filter(
            content_type__app_label="intake_vault", content_type__model="auditentry"
        ).values_list("codename", flat=True)
    )
    assert codenames == {"view_auditentry"}
