"""The audit log is append-only and readable by administrators; devices can be reset."""

from io import StringIO

from django.contrib.sessions.models import Session
from django.core.management import call_command

import pytest

from core.appendonly import AppendOnlyError
from portal.accounts import audit, roles
from portal.accounts.models import EncryptedTOTPDevice as TOTPDevice
from portal.accounts.models import StaffAuditEntry
from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import current_code, login_verified, post_login, totp_device

pytestmark = pytest.mark.django_db


def test_a_login_round_trip_writes_each_event(client, staff_user):
    post_login(client, "tanaka", password="wrong")
    post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    client.post("/account/logout/")
    events = list(StaffAuditEntry.objects.order_by("pk").values_list("event", "username", "detail"))
    assert events == [
        ("login_failed", "tanaka", "password"),
        ("login", "tanaka", "totp"),
        ("logout", "tanaka", ""),
    ]
    assert StaffAuditEntry.objects.first().ip_address == "127.0.0.1"


def test_audit_entries_cannot_be_changed_or_deleted():
    entry = audit.record(audit.Event.LOGIN, username="x")
    entry.detail = "edited"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        StaffAuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        StaffAuditEntry.objects.update(detail="edited")


def test_administrators_read_the_audit_report_and_editors_cannot(client, staff_user):
    audit.record(audit.Event.LOCKOUT, username="someone")
    admin = StaffUserFactory(username="kanri", groups=[roles.ADMINISTRATORS])
    login_verified(client, admin)
    response = client.get("/admin/staff-audit/")
    assert response.status_code == 200
    assert "someone" in response.content.decode()
    client.logout()
    login_verified(client, staff_user)
    assert client.get("/admin/staff-audit/").status_code in (302, 403)


def test_administrator_resets_a_users_device_in_the_admin(client, staff_user):
    other = StaffUserFactory(username="victim", groups=[roles.EDITORS])
    victim_client = type(client)()
    post_login(victim_client, "victim", code=current_code(totp_device(other)))
    admin = StaffUserFactory(username="kanri", groups=[roles.ADMINISTRATORS])
    login_verified(client, admin)

    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/users/{other.pk}/reset-2fa/" in listing
    assert client.get(f"/admin/users/{other.pk}/reset-2fa/").status_code == 200
    assert client.post(f"/admin/users/{other.pk}/reset-2fa/").status_code == 302

    assert not TOTPDevice.objects.filter(user=other).exists()
    assert victim_client.get("/admin/").status_code == 302  # their session ended
    entry = StaffAuditEntry.objects.get(event="device_reset")
    assert (entry.username, entry.actor) == ("victim", "kanri")
    # At the next login the password leads to enrolment again.
    assert post_login(victim_client, "victim")["Location"] == "/account/enrol/"


def test_editor_cannot_reset_devices(client, staff_user):
    other = StaffUserFactory(username="victim")
    login_verified(client, staff_user)
    assert client.post(f"/admin/users/{other.pk}/reset-2fa/").status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=other).exists()


def test_reset_2fa_command(client, staff_user):
    post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    out = StringIO()
    call_command("reset_2fa", "tanaka", stdout=out)
    assert "tanaka" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=staff_user).exists()
    assert Session.objects.count() == 0
    assert StaffAuditEntry.objects.filter(event="device_reset", username="tanaka").exists()


def test_create_admin_bootstraps_a_superuser_with_a_device(client, monkeypatch):
    import base64

    from django_otp.oath import totp

    monkeypatch.setattr("sys.stdin", StringIO("a long enough bootstrap passphrase\n"))
    out = StringIO()
    call_command(
        "create_admin", "root", "--email", "root@example.jp", "--password-stdin", stdout=out
    )
    text = out.getvalue()
    secret = text.split("TOTP secret (base32): ")[1].split()[0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    codes = [line.strip() for line in text.splitlines() if line.startswith("  ")]
    assert len(codes) == 10
    response = post_login(
        client, "root", password="a long enough bootstrap passphrase", code=f"{totp(key):06d}"
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
