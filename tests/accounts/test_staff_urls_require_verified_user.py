"""Every URL of the staff tier refuses anyone who has not passed the second factor.

The enumeration walks the whole staff URLconf (Wagtail's admin included), fills
each path converter with a plausible value and checks GET and POST.
"""

from django.urls import get_resolver, resolve

import pytest

from tests.accounts.factories import StaffUserFactory
from tests.accounts.login import login_password_only, login_verified

from .urlsamples import iter_url_patterns

# The only views a visitor may reach without a verified second factor.
# The CSP report endpoint is open on purpose: it accepts reports and stores nothing
# (tests/portal/test_csp_report.py).
OPEN_PATHS = {"/account/login/", "/account/logout/", "/robots.txt", "/csp-report/"}
ENROLMENT = "/account/enrol/"


def staff_paths():
    paths = [path for path, _pattern in iter_url_patterns(get_resolver("portal.urls.staff"))]
    return sorted(set(paths))


def assert_refused(response, path, method):
    where = f"{method} {path}"
    assert response.status_code in (302, 403, 404), f"{where} gave {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith(("/account/login/", "/account/enrol/")), where


def test_enumeration_covers_the_whole_staff_urlconf():
    paths = staff_paths()
    # Wagtail's admin alone has a couple of hundred patterns; a short list means the walk broke.
    assert len(paths) > 200
    for path in paths:
        resolve(path, "portal.urls.staff")  # every sample path really reaches its pattern
    assert {"/admin/", "/admin/pages/1/edit/", "/documents/1/sample"} <= set(paths)


def _check_every_path(client, skip):
    checked = 0
    for path in staff_paths():
        if path in skip:
            continue
        assert_refused(client.get(path), path, "GET")
        assert_refused(client.post(path), path, "POST")
        checked += 1
    return checked


@pytest.mark.django_db
def test_anonymous_is_refused_on_every_staff_url(client):
    assert _check_every_path(client, skip=OPEN_PATHS) > 200


@pytest.mark.django_db
def test_password_only_user_is_refused_on_every_staff_url(client):
    user = StaffUserFactory(username="half", superuser=True)
    login_password_only(client, user)
    assert _check_every_path(client, skip=OPEN_PATHS | {ENROLMENT}) > 200


@pytest.mark.django_db
def test_anonymous_cannot_open_enrolment(client):
    response = client.get(ENROLMENT)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


@pytest.mark.django_db
def test_verified_user_reaches_the_admin(client):
    user = StaffUserFactory(username="whole", superuser=True)
    login_verified(client, user)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_refusal_of_a_page_sends_the_user_to_login_with_next(client):
    response = client.get("/admin/pages/")
    assert response["Location"] == "/account/login/?next=/admin/pages/"


@pytest.mark.django_db
def test_wagtails_own_login_never_takes_a_password(client):
    user = StaffUserFactory(username="direct", superuser=True)
    response = client.post("/admin/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
