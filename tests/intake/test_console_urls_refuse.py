"""Every URL of the intake console refuses whoever may not see it.

The patterns are enumerated from intake/urls/staff.py; each must have an
entry in TARGETS (a new pattern without one fails the first test). For each
pattern: anonymous and password-only users are refused, a verified content
editor and scheduler get 403, and a verified consultant is refused for
another consultant's session and for their own session outside the window.
"""

from django.urls import get_resolver

import pytest

from tests.accounts.factories import ConsultantFactory, EditorFactory, SchedulerFactory
from tests.accounts.login import login_password_only, login_verified
from tests.accounts.urlsamples import iter_url_patterns
from tests.clock import days_from_today
from tests.intake.factories import ConsoleSessionFactory, ReservationFactory

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys", "staff_tier"),
]


def _session_kwargs(session, booking):
    d = session.date
    return {
        "sessions": {},
        "session": {"pk": session.pk},
        "session_export": {"pk": session.pk},
        "day_sheet": {"venue_id": session.venue_id, "year": d.year, "month": d.month, "day": d.day},
        "booking": {"reference": booking.reference},
        "consultation": {"reference": booking.reference},
        "cancel": {"reference": booking.reference},
        "stats": {},
        "stats_export": {},
    }


# URLs not tied to one session: a consultant is refused by permission or sees only their own.
NOT_SESSION_SCOPED = {"sessions", "stats", "stats_export"}


def console_patterns():
    resolver = get_resolver("intake.urls.staff")
    return [pattern for _sample, pattern in iter_url_patterns(resolver)]


def url_for(name, kwargs):
    from django.urls import reverse

    return reverse(f"intake_console:{name}", kwargs=kwargs)


@pytest.fixture
def world():
    me = ConsultantFactory(username="me")
    other = ConsultantFactory(username="other")
    mine_in_window = ConsoleSessionFactory(
        date=days_from_today(0), venue__slug="mine-now", consultants=[me]
    )
    others = ConsoleSessionFactory(
        date=days_from_today(0), venue__slug="others-now", consultants=[other]
    )
    mine_too_old = ConsoleSessionFactory(
        date=days_from_today(-8), venue__slug="mine-old", consultants=[me]
    )
    mine_too_early = ConsoleSessionFactory(
        date=days_from_today(2), venue__slug="mine-early", consultants=[me]
    )
    bookings = {
        s.pk: ReservationFactory(slot=s.slots.get())
        for s in (mine_in_window, others, mine_too_old, mine_too_early)
    }
    return {
        "me": me,
        "mine": (mine_in_window, bookings[mine_in_window.pk]),
        "out_of_scope": [(s, bookings[s.pk]) for s in (others, mine_too_old, mine_too_early)],
    }


def all_urls(session, booking):
    kwargs = _session_kwargs(session, booking)
    return [(p.name, url_for(p.name, kwargs[p.name])) for p in console_patterns()]


def assert_refused_login(response, where):
    assert response.status_code in (302, 403), where
    if response.status_code == 302:
        assert response["Location"].startswith(("/account/login/", "/account/enrol/")), where


TARGET_NAMES = {
    "sessions",
    "session",
    "session_export",
    "day_sheet",
    "booking",
    "consultation",
    "cancel",
    "stats",
    "stats_export",
}


def test_every_console_pattern_has_a_target():
    names = [p.name for p in console_patterns()]
    assert len(names) == len(set(names))
    assert set(names) == TARGET_NAMES


def test_anonymous_and_password_only_are_refused_everywhere(client, world):
    session, booking = world["mine"]
    for name, url in all_urls(session, booking):
        assert_refused_login(client.get(url), f"anonymous GET {name}")
        assert_refused_login(client.post(url), f"anonymous POST {name}")
    login_password_only(client, world["me"])
    for name, url in all_urls(session, booking):
        assert_refused_login(client.get(url), f"unverified GET {name}")
        assert_refused_login(client.post(url), f"unverified POST {name}")


@pytest.mark.parametrize("make_user", [EditorFactory, SchedulerFactory])
def test_verified_editor_or_scheduler_gets_403_everywhere(client, world, make_user):
    session, booking = world["mine"]
    user = make_user()
    session.consultants.add(user)  # even if someone assigned them
    login_verified(client, user)
    for name, url in all_urls(session, booking):
        assert client.get(url).status_code == 403, f"GET {name}"
        assert client.post(url).status_code == 403, f"POST {name}"


def test_consultant_is_refused_out_of_scope_sessions_through_every_url(client, world):
    login_verified(client, world["me"])
    for session, booking in world["out_of_scope"]:
        for name, url in all_urls(session, booking):
            get, post = client.get(url), client.post(url)
            if name == "sessions":
                assert get.status_code == 200
                assert f"/intake/sessions/{session.pk}/" not in get.content.decode()
                continue
            assert get.status_code == 403, f"GET {name} {session.date}"
            assert post.status_code in (403, 405), f"POST {name} {session.date}"
    # Nothing out of scope was decrypted, so nothing was audited as opened.
    from intake.vault.models import AuditEntry

    assert not AuditEntry.objects.exclude(record_count=0).exists()


def test_consultant_reaches_their_own_session_in_the_window(client, world):
    session, booking = world["mine"]
    login_verified(client, world["me"])
    for name, url in all_urls(session, booking):
        status = client.get(url).status_code
        if name in NOT_SESSION_SCOPED - {"sessions"} or name in {"session_export", "cancel"}:
            assert status == 403, name  # permissions the consultant role does not have
        else:
            assert status == 200, name


@pytest.mark.parametrize("offset", [-7, 1])
def test_consultant_opens_their_own_session_at_the_window_edges(client, offset):
    me = ConsultantFactory(username="edge")
    session = ConsoleSessionFactory(
        date=days_from_today(offset), venue__slug="edge", consultants=[me]
    )
    booking = ReservationFactory(slot=session.slots.get())
    login_verified(client, me)
    assert client.get(f"/intake/sessions/{session.pk}/").status_code == 200
    assert client.get(f"/intake/bookings/{booking.reference}/").status_code == 200
