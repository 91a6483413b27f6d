"""Idle and absolute session limits, and deactivation ending a user's sessions."""

from django.contrib.sessions.models import Session
from django.test import override_settings

import pytest

from portal.accounts import middleware
from portal.accounts.models import StaffAuditEntry
from tests.accounts.login import current_code, post_login, totp_device

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, start=1_800_000_000.0):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(middleware, "now", fake)
    return fake


def logged_in(client, user):
    post_login(client, user.username, code=current_code(totp_device(user)))
    assert client.get("/admin/").status_code == 200
    return client


@override_settings(STAFF_SESSION_IDLE_TIMEOUT=30 * 60)
def test_idle_session_ends_after_the_idle_timeout(client, staff_user, clock):
    logged_in(client, staff_user)
    clock.now += 29 * 60
    assert client.get("/admin/").status_code == 200  # activity restarts the idle clock
    clock.now += 29 * 60
    assert client.get("/admin/").status_code == 200
    clock.now += 31 * 60
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    entry = StaffAuditEntry.objects.get(event="session_expired")
    assert (entry.username, entry.detail) == ("tanaka", "idle")


@override_settings(STAFF_SESSION_IDLE_TIMEOUT=30 * 60, STAFF_SESSION_ABSOLUTE_TIMEOUT=10 * 3600)
def test_active_session_ends_at_the_absolute_timeout(client, staff_user, clock):
    logged_in(client, staff_user)
    for _ in range(10 * 3 - 1):  # a request every 20 minutes for just under 10 hours
        clock.now += 20 * 60
        assert client.get("/admin/").status_code == 200
    clock.now += 21 * 60
    assert client.get("/admin/").status_code == 302
    assert StaffAuditEntry.objects.get(event="session_expired").detail == "absolute"


def test_timeouts_come_from_settings(client, staff_user, clock):
    with override_settings(STAFF_SESSION_IDLE_TIMEOUT=60):
        logged_in(client, staff_user)
        clock.now += 61
        assert client.get("/admin/").status_code == 302


def test_deactivating_a_user_deletes_their_sessions(client, staff_user, superuser):
    logged_in(client, staff_user)
    assert Session.objects.count() == 1
    staff_user.is_active = False
    staff_user.save()
    assert Session.objects.count() == 0
    assert client.get("/admin/").status_code == 302
    assert StaffAuditEntry.objects.filter(event="deactivated", username="tanaka").exists()
