"""Sealed personal data. These tables live only in the ``intake`` database.

Every model here:
- has a UUID primary key set client-side, so an INSERT needs no
  ``RETURNING`` (the public tier's database role may only INSERT into
  ``intake_vault_sealedsubmission``; PostgreSQL refuses ``RETURNING`` without
  SELECT);
- has no foreign keys: links to the default database are plain UUIDs or
  references, and nothing in clear here says who a record is about.

``ciphertext`` is a libsodium sealed box made by ``intake.crypto.sealing.seal``;
``kid`` names the key that opens it.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyModel
from intake.crypto.sealing import SealedBlob


class SealedQuerySet(models.QuerySet):
    def not_under(self, kid: str):
        """Rows sealed to a key other than ``kid`` (to re-seal after rotation)."""
        return self.exclude(kid=kid)


class SealedModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kid = models.CharField(_("鍵ID"), max_length=32, db_index=True)
    ciphertext = models.BinaryField(_("暗号文"))
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now, db_index=True)

    objects = SealedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} kid={self.kid}>"

    def blob(self):
        return SealedBlob(kid=self.kid, ciphertext=bytes(self.ciphertext))


class SealedSubmission(SealedModel):
    """One booking's personal data, sealed by the public tier.

    ``Reservation.submission_id`` (default DB) holds this row's ``id``.
    """

    class Meta:
        verbose_name = _("封緘された予約内容")
        verbose_name_plural = _("封緘された予約内容")

    def __str__(self):
        return str(self.id)


class SealedConsultationRecord(SealedModel):
    """A consultant's 相談票, sealed the same way, written on the staff tier.

    ``submission_id`` is the ``SealedSubmission.id`` (and so
    ``Reservation.submission_id``) of the booking it belongs to.
    """

    submission_id = models.UUIDField(_("予約内容ID"), db_index=True)
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)

    class Meta:
        verbose_name = _("封緘された相談票")
        verbose_name_plural = _("封緘された相談票")

    def __str__(self):
        return str(self.id)


class AuditAction(models.TextChoices):
    VIEW_SESSION = "view_session", _("相談会の予約を表示")
    VIEW_BOOKING = "view_booking", _("予約の詳細を表示")
    PRINT_DAY_SHEET = "print_day_sheet", _("当日名簿を表示")
    EXPORT_SESSION = "export_session", _("予約をCSVで書き出し")
    SAVE_CONSULTATION = "save_consultation", _("相談票を保存")
    CANCEL_BOOKING = "cancel_booking", _("職員による予約のキャンセル")
    NOTIFY_SESSION_CANCELLED = "notify_session_cancelled", _("相談会中止のお知らせを送信")
    SEND_REMINDERS = "send_reminders", _("前日のお知らせを送信")
    PURGE = "purge", _("保存期間を過ぎた個人情報を削除")
    VIEW_STATS = "view_stats", _("統計を表示")
    EXPORT_STATS = "export_stats", _("統計をCSVで書き出し")


class AuditEntry(AppendOnlyModel):
    """Who opened, exported or changed intake data: append-only, no personal data.

    ``object_ref`` is a reservation reference code, a session id or a
    SealedSubmission UUID: never a name, phone, address or free text.
    ``detail`` is a small JSON object of the same kind (e.g. ``{"format": "csv"}``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(_("日時"), default=timezone.now, db_index=True)
    actor_username = models.CharField(_("職員のユーザー名"), max_length=150)
    actor_id = models.BigIntegerField(_("職員ID"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=40, db_index=True, choices=AuditAction.choices)
    object_type = models.CharField(_("対象の種類"), max_length=40, blank=True)
    object_ref = models.CharField(_("対象"), max_length=64, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)
    record_count = models.PositiveIntegerField(_("件数"), default=0)
    detail = models.JSONField(_("詳細"), default=dict, blank=True)

    append_only_message = "The intake audit log is append-only."

    class Meta:
        verbose_name = _("監査ログ")
        verbose_name_plural = _("監査ログ")
        ordering = ["-at"]
        # Read only for everyone, administrators included: no add/change/delete permission.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action} {self.object_ref}"
