"""One login form (password + code), enrolment with a local QR code, backup codes."""

import base64
import re

from django.contrib.auth import get_user_model

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from portal.accounts import otpkeys
from portal.accounts.models import BackupCode, StaffAuditEntry
from portal.accounts.models import EncryptedTOTPDevice as TOTPDevice
from tests.accounts.factories import PASSWORD, StaffUserFactory
from tests.accounts.login import current_code, post_login, totp_device

pytestmark = pytest.mark.django_db
Event = StaffAuditEntry.Event


def test_password_and_code_on_one_form_log_in_verified(client, staff_user):
    response = post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session[DEVICE_ID_SESSION_KEY]
    assert client.get("/admin/").status_code == 200


def test_right_password_without_code_does_not_log_in(client, staff_user):
    response = post_login(client, "tanaka")
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
    assert "確認コードが正しくありません" in response.content.decode()


def test_wrong_code_gives_the_same_message_as_a_wrong_password(client, staff_user):
    wrong_code = post_login(client, "tanaka", code="000000").content.decode()
    wrong_password = post_login(client, "tanaka", password="nope", code="000000").content.decode()
    message = "ユーザー名、パスワードまたは確認コードが正しくありません。"
    assert message in wrong_code
    assert message in wrong_password
    assert "_auth_user_id" not in client.session


def test_login_rotates_the_session_key(client, staff_user):
    client.get("/account/login/")
    session = client.session
    session["marker"] = "before"
    session.save()
    before = session.session_key
    post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    assert client.session.session_key != before


def test_next_parameter_is_followed_only_within_the_site(client, staff_user):
    code = current_code(totp_device(staff_user))
    response = client.post(
        "/account/login/?next=https://evil.example/",
        {"username": "tanaka", "password": PASSWORD, "otp_token": code},
    )
    assert response["Location"] == "/admin/"


def test_enrolment_end_to_end_with_local_qr_and_backup_codes(client):
    user = StaffUserFactory(username="newbie", superuser=True, enrolled=False)

    # A correct password without a device leads straight to enrolment, nowhere else.
    response = post_login(client, "newbie")
    assert response["Location"] == "/account/enrol/"
    assert client.get("/admin/")["Location"] == "/account/enrol/"

    page = client.get("/account/enrol/")
    html = page.content.decode()
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret in html  # the secret as text
    qr = re.search(r'<img class="qr" src="(data:image/svg\+xml[^"]+)"', html)
    assert qr, "the QR code is an inline SVG drawn by the server"
    assert "http" not in qr.group(1).split(",", 1)[0]
    assert "otpauth" not in html.split('src="data:', 1)[0]  # no third-party QR service URL

    # A wrong code is refused and changes nothing.
    assert client.post("/account/enrol/", {"code": "000000"}).status_code == 400
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    # django-otp throttles a device for a second after a wrong code; a person waits that out.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post("/account/enrol/", {"code": current_code(device)})
    html = response.content.decode()
    codes = re.findall(r"<li>([a-z0-9]{10})</li>", html)
    assert len(codes) == 10 == len(set(codes))
    stored = list(BackupCode.objects.filter(device__user=user).values_list("code_hash", flat=True))
    assert len(stored) == 10
    for code in codes:  # each code matches exactly one stored hash, and none is stored as typed
        assert sum(otpkeys.backup_code_matches(h, code, user.pk) for h in stored) == 1
        assert not any(code in h for h in stored)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200  # verified by the enrolment code

    # Shown once: enrolment is over, the page now sends the user on.
    assert client.get("/account/enrol/").status_code == 302
    assert StaffAuditEntry.objects.filter(event=Event.ENROLLED, username="newbie").exists()


def test_backup_code_logs_in_once_and_is_audited(client, staff_user):
    from portal.accounts.devices import issue_backup_codes

    code = issue_backup_codes(staff_user)[0]
    assert post_login(client, "tanaka", code=code).status_code == 302
    assert StaffAuditEntry.objects.filter(event=Event.BACKUP_CODE_USED, username="tanaka").exists()
    client.post("/account/logout/")
    assert post_login(client, "tanaka", code=code).status_code == 401


def test_logout_ends_the_session(client, staff_user):
    post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    client.post("/account/logout/")
    assert client.get("/admin/").status_code == 302
    assert StaffAuditEntry.objects.filter(event=Event.LOGOUT, username="tanaka").exists()


def test_inactive_user_cannot_log_in(client, staff_user):
    get_user_model().objects.filter(pk=staff_user.pk).update(is_active=False)
    response = post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    assert response.status_code == 401


def test_intake_staff_sent_back_from_the_admin_land_on_the_console_without_a_loop(client):
    intake = StaffUserFactory(username="uketsuke", groups=["相談受付担当"])
    response = post_login(client, "uketsuke", code=current_code(totp_device(intake)))
    assert response["Location"] == "/intake/"
    # The admin refuses them and sends them to login with next=/admin/; login must not
    # send them back there.
    again = client.get("/account/login/?next=/admin/")
    assert again.status_code == 302
    assert again["Location"] == "/intake/"
    assert client.get("/intake/").status_code == 200
