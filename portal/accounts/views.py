"""Staff login (password and one-time code on one form), enrolment and logout."""

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from django_otp import login as otp_login
from django_otp import match_token

from . import audit, devices
from .forms import EnrolForm, LoginForm
from .middleware import is_verified, start_session_clock, verification_not_required
from .models import BackupCodeDevice

FAILED_MESSAGE = gettext_lazy("ユーザー名、パスワードまたは確認コードが正しくありません。")


def _next_url(request, user=None):
    can_use_admin = user is None or user.has_perm("wagtailadmin.access_admin")
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    safe = candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # The admin sends a user it refuses back to login with next=/admin/…; following
    # that again would loop, so such a user lands on their own start page instead.
    if safe and (can_use_admin or not candidate.startswith("/admin/")):
        return candidate
    if not can_use_admin:
        return "/intake/"
    return settings.LOGIN_REDIRECT_URL


def _otp_failed(request, username):
    # The same signal as a wrong password, so django-axes counts it toward the lockout.
    user_login_failed.send(
        sender=__name__, credentials={"username": username}, request=request, reason="otp"
    )


@login_not_required
@sensitive_post_parameters("password", "otp_token")
@csrf_protect
@require_http_methods(["GET", "POST"])
def login_view(request):
    if is_verified(request.user):
        return redirect(_next_url(request, request.user))
    form = LoginForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = authenticate(request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            return render_login(request, form, FAILED_MESSAGE, status=429)
        if user is not None and not devices.is_enrolled(user):
            login(request, user)
            start_session_clock(request)
            audit.record(
                audit.Event.LOGIN, username=user.get_username(), request=request, detail="enrol"
            )
            return redirect("accounts:enrol")
        device = match_token(user, data["otp_token"]) if user and data["otp_token"] else None
        if user is not None and device is None:
            _otp_failed(request, data["username"])
        if device is not None:
            login(request, user)
            otp_login(request, device)
            start_session_clock(request)
            used_backup = isinstance(device, BackupCodeDevice)
            audit.record(
                audit.Event.LOGIN,
                username=user.get_username(),
                request=request,
                detail="backup code" if used_backup else "totp",
            )
            if used_backup:
                audit.record(
                    audit.Event.BACKUP_CODE_USED, username=user.get_username(), request=request
                )
            return redirect(_next_url(request, user))
        error = FAILED_MESSAGE
    return render_login(request, form, error, status=200 if error is None else 401)


def render_login(request, form, error, status):
    context = {"form": form, "error": error, "next": _next_url(request)}
    return render(request, "accounts/login.html", context, status=status)


@verification_not_required
@csrf_protect
@require_http_methods(["GET", "POST"])
def enrol_view(request):
    user = request.user
    if devices.is_enrolled(user):
        return redirect(_next_url(request, user) if is_verified(user) else "accounts:login")
    device = devices.pending_totp_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = devices.confirm_enrolment(device)
            otp_login(request, device)
            audit.record(audit.Event.ENROLLED, username=user.get_username(), request=request)
            context = {"codes": codes, "continue_url": _next_url(request, user)}
            return render(request, "accounts/backup_codes.html", context)
        _otp_failed(request, user.get_username())
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return redirect("accounts:login")
        form.add_error(
            "code", _("確認コードが正しくありません。時刻が合っているか確認してください。")
        )
    context = {
        "form": form,
        "qr_data_uri": devices.qr_data_uri(device),
        "secret": devices.base32_secret(device),
    }
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


@login_not_required
@csrf_protect
@require_http_methods(["GET", "POST"])
def logout_view(request):
    if request.method == "POST":
        logout(request)
        return redirect("accounts:login")
    return render(request, "accounts/logout.html")


def locked_out(request, response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a plain page, status 429."""
    return render(request, "accounts/locked_out.html", status=429)
