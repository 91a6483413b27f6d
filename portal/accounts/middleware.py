"""Staff tier: OTP-verified users only, and sessions with idle and absolute limits.

Both run on every request of the staff tier (portal.settings.tiers.STAFF_MIDDLEWARE),
so a view added later is protected without anyone remembering a decorator.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from portal.views import permission_denied

from . import audit
from .devices import is_enrolled

LOGIN_AT = "staff_login_at"
SEEN_AT = "staff_seen_at"
# Writing the session on every request is wasteful; this much idle drift is harmless.
SEEN_AT_RESOLUTION = 30


def now() -> float:
    return time.time()


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and check is not None and check())


class RequireVerifiedStaffMiddleware:
    """Refuse every path to a user who is not OTP-verified, except a short allowlist."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_verified(request.user) or self.is_open(request):
            return self.get_response(request)
        return self.refuse(request)

    @staticmethod
    def open_paths():
        return {
            reverse("accounts:login"),
            reverse("accounts:logout"),
            "/robots.txt",
            # Load-balancer probes (portal.health answers them before this middleware;
            # listed here too so moving that middleware cannot lock the probes out).
            # They reveal nothing: "ok", or which check failed.
            "/healthz",
            "/readyz",
            # Browsers send CSP reports for the login page too; the view stores nothing.
            reverse("csp_report"),
        }

    def is_open(self, request):
        path = request.path_info
        if path in self.open_paths() or path.startswith(settings.STATIC_URL):
            return True
        # Enrolment is for a user who has just given the right password and has no device.
        return path == reverse("accounts:enrol") and request.user.is_authenticated

    def refuse(self, request):
        if request.method not in ("GET", "HEAD") or request.headers.get("x-requested-with"):
            return permission_denied(request)
        if request.user.is_authenticated and not is_enrolled(request.user):
            return redirect("accounts:enrol")
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))


class StaffSessionTimeoutMiddleware:
    """Log out a session idle for too long or older than the absolute limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        current = now()
        login_at = session.setdefault(LOGIN_AT, current)
        seen_at = session.setdefault(SEEN_AT, current)
        idle = current - seen_at > settings.STAFF_SESSION_IDLE_TIMEOUT
        too_old = current - login_at > settings.STAFF_SESSION_ABSOLUTE_TIMEOUT
        if idle or too_old:
            audit.record(
                audit.Event.SESSION_EXPIRED,
                username=request.user.get_username(),
                request=request,
                detail="idle" if idle else "absolute",
            )
            request.staff_session_expired = True
            logout(request)
        elif current - seen_at >= SEEN_AT_RESOLUTION:
            session[SEEN_AT] = current


def start_session_clock(request):
    """Called at login, after the session key has been rotated."""
    current = now()
    request.session[LOGIN_AT] = current
    request.session[SEEN_AT] = current
