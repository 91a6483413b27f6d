"""The staff audit log: who logged in, failed, was locked out, enrolled or was reset.

Entries are append-only through the application: saving an existing entry,
deleting one and bulk update/delete all raise. Nothing here ever holds a
password or a one-time code; `detail` is a short fixed text chosen by the code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class StaffAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The staff audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The staff audit log is append-only.")


class StaffAuditEntry(models.Model):
    class Event(models.TextChoices):
        LOGIN = "login", _("ログイン")
        LOGIN_FAILED = "login_failed", _("ログイン失敗")
        LOCKOUT = "lockout", _("ロックアウト")
        ENROLLED = "enrolled", _("二要素認証の登録")
        BACKUP_CODE_USED = "backup_code_used", _("バックアップコードの使用")
        DEVICE_RESET = "device_reset", _("二要素認証のリセット")
        LOGOUT = "logout", _("ログアウト")
        SESSION_EXPIRED = "session_expired", _("セッションの期限切れ")
        DEACTIVATED = "deactivated", _("アカウントの無効化")

    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    event = models.CharField(_("種類"), max_length=32, choices=Event.choices, db_index=True)
    # Usernames, not foreign keys: the entry must outlive the account unchanged.
    username = models.CharField(_("対象アカウント"), max_length=150, blank=True, db_index=True)
    actor = models.CharField(_("操作者"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)
    detail = models.CharField(_("詳細"), max_length=200, blank=True)

    objects = StaffAuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("職員監査ログ")
        verbose_name_plural = _("職員監査ログ")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("reset_staff_device", _("職員の二要素認証をリセットできる"))]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.event} {self.username}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The staff audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The staff audit log is append-only.")
