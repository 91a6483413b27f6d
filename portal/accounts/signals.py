"""Audit entries for authentication events, and ending a deactivated user's sessions."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.db.models.signals import post_migrate, pre_save
from django.dispatch import receiver

from axes.signals import user_locked_out

from . import audit
from .roles import sync_roles
from .sessions import end_sessions_for


@receiver(user_login_failed, dispatch_uid="accounts_login_failed")
def login_failed(sender, credentials, request=None, reason="password", **kwargs):
    if getattr(request, "axes_locked_out", False) and reason == "password":
        reason = "locked"
    audit.record(
        audit.Event.LOGIN_FAILED,
        username=credentials.get("username", ""),
        request=request,
        detail=reason,
    )


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    audit.record(audit.Event.LOCKOUT, username=username or "", request=request)


@receiver(user_logged_out, dispatch_uid="accounts_logged_out")
def logged_out(sender, request=None, user=None, **kwargs):
    if user is None or getattr(request, "staff_session_expired", False):
        return
    audit.record(audit.Event.LOGOUT, username=user.get_username(), request=request)


@receiver(pre_save, sender=get_user_model(), dispatch_uid="accounts_user_deactivated")
def end_sessions_on_deactivation(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.is_active:
        return
    was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        end_sessions_for(instance)
        audit.record(audit.Event.DEACTIVATED, username=instance.get_username())


@receiver(post_migrate, dispatch_uid="accounts_sync_roles")
def sync_roles_after_migrate(sender, using="default", **kwargs):
    # Permissions are created app by app on post_migrate, so wait for the last app.
    if using != "default" or sender is not list(apps.get_app_configs())[-1]:
        return
    sync_roles()
