"""Repeated failures lock out an account, and separately an address (django-axes)."""

from django.test import override_settings

import pytest

from portal.accounts.models import StaffAuditEntry
from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import current_code, post_login, totp_device

pytestmark = pytest.mark.django_db
LIMIT = 3


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wrong_passwords_lock_the_account_even_with_the_right_code_later(client, staff_user):
    for _ in range(LIMIT - 1):
        assert post_login(client, "tanaka", password="wrong").status_code == 401
    assert post_login(client, "tanaka", password="wrong").status_code == 429
    response = post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    assert response.status_code == 429
    assert "一時的に制限" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert StaffAuditEntry.objects.filter(event="lockout", username="tanaka").exists()


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_wrong_codes_count_toward_the_lockout(client, staff_user):
    for _ in range(LIMIT):
        post_login(client, "tanaka", code="123456")
    response = post_login(client, "tanaka", code=current_code(totp_device(staff_user)))
    assert response.status_code == 429
    failures = StaffAuditEntry.objects.filter(event="login_failed", username="tanaka")
    assert failures.filter(detail="otp").count() == LIMIT


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_lockout_is_per_account_across_addresses(client, staff_user):
    for number in range(LIMIT):
        post_login(client, "tanaka", password="wrong", REMOTE_ADDR=f"10.0.0.{number + 1}")
    response = post_login(
        client, "tanaka", code=current_code(totp_device(staff_user)), REMOTE_ADDR="10.0.9.9"
    )
    assert response.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=LIMIT)
def test_lockout_is_per_address_across_accounts(client, staff_user):
    for number in range(LIMIT):
        post_login(client, f"guess{number}", password="wrong", REMOTE_ADDR="10.1.1.1")
    code = current_code(totp_device(staff_user))
    assert post_login(client, "tanaka", code=code, REMOTE_ADDR="10.1.1.1").status_code == 429
    other = StaffUserFactory(username="suzuki", superuser=True)
    code = current_code(totp_device(other))
    assert post_login(client, "suzuki", code=code, REMOTE_ADDR="10.2.2.2").status_code == 302


def test_no_password_or_code_is_stored_by_the_lockout_or_the_audit(client, staff_user):
    from axes.models import AccessAttempt

    post_login(client, "tanaka", password="hunter2-secret", code="654321")
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    stored += " ".join(str(entry.__dict__) for entry in StaffAuditEntry.objects.all())
    assert "hunter2-secret" not in stored
    assert "654321" not in stored
