"""Staff tier: OTP-verified users only, and sessions with idle and absolute limits.

Both run on every request of the staff tier (MIDDLEWARE in portal/settings/staff.py),
so a view added later is protected without anyone remembering a decorator. The few
views open before the second factor say so themselves: `login_not_required` (Django's:
login, logout, robots.txt, the CSP report endpoint) or `verification_not_required`
(below: enrolment, for a user who has given the right password and has no device yet).
The load-balancer probes (/healthz, /readyz) are answered by portal.health before any of
this; static files by WhiteNoise.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.shortcuts import redirect

from rest_framework.views import APIView

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


def verification_not_required(view_func):
    """Open `view_func` to a logged-in user who has not passed the second factor."""
    view_func.verification_required = False
    return view_func


def _marked_open(view_func) -> bool:
    """Whether the view is marked `login_not_required` by this project, not by a library.

    Django REST framework marks every one of its views so (it expects its own permission
    classes to decide): Wagtail's admin API is built on it and must still need the
    second factor here.
    """
    if getattr(view_func, "login_required", True):
        return False
    view_class = getattr(view_func, "cls", None)
    return not (isinstance(view_class, type) and issubclass(view_class, APIView))


class VerifiedStaffRequiredMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, asking for an OTP-verified user (django-otp).

    Where it answers differently from Django's, it keeps what this gate answered before:

    - a path that matches no view is refused too, not "not found" (Django checks only
      resolved views): no one learns which staff URLs exist before the second factor;
    - a POST, or a script's request (X-Requested-With), gets 403 rather than a redirect
      to a login page it cannot follow;
    - a user who has given the right password but has no device yet is sent to enrolment;
    - everyone else goes to this tier's two-factor login (LOGIN_URL) with `next`, whatever
      login URL or redirect field a view names for itself (Wagtail's admin views name its
      own login, which takes a password alone and which this tier only redirects).
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _marked_open(view_func) or is_verified(request.user):
            return None
        if request.user.is_authenticated and not getattr(view_func, "verification_required", True):
            return None
        return self.handle_no_permission(request, view_func)

    def process_response(self, request, response):
        unresolved = response.status_code == 404 and request.resolver_match is None
        if unresolved and not is_verified(request.user):
            return self.handle_no_permission(request, None)
        return response

    def get_login_url(self, view_func):
        return super().get_login_url(None)

    def get_redirect_field_name(self, view_func):
        return self.redirect_field_name

    def handle_no_permission(self, request, view_func):
        if request.method not in ("GET", "HEAD") or request.headers.get("x-requested-with"):
            return permission_denied(request)
        if request.user.is_authenticated and not is_enrolled(request.user):
            return redirect("accounts:enrol")
        # /account/login/?next=<the path and query> (LOGIN_URL is on the same host).
        return super().handle_no_permission(request, view_func)


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
