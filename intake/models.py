"""Reservations: who holds which seat, without saying who they are.

A ``Reservation`` lives in the default database. It holds no name, phone,
email address or free text: only the reference code, the slot, the status,
the hash of the cancellation token, the link to the sealed submission (a UUID)
and the non-identifying categories kept for statistics. Everything personal is
in ``intake.vault.models.SealedSubmission`` (intake database), sealed.

``email_key`` is the one pseudonymous value: HMAC-SHA256 of the normalised
email address under ``settings.INTAKE_EMAIL_PEPPER``. It exists only so the
public tier can enforce the per-address limit on future bookings without
being able to read any booking back. Trade-off (docs/security.md): whoever
holds both the default database and the pepper can test whether a *guessed*
address has a booking; without the pepper the key reveals nothing. It is
cleared (with ``payload_purged_at`` set) when the sealed payload is purged.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import (
    EMPLOYEE_BAND_CHOICES,
    INDUSTRY_CHOICES,
    SALES_DECLINE_CHOICES,
    SUBSIDY_STATUS_CHOICES,
    WARD_CHOICES,
)


class ReservationQuerySet(models.QuerySet):
    def booked(self):
        return self.filter(status=Reservation.Status.BOOKED)

    def future(self, now=None):
        return self.filter(slot__starts_at__gt=now or timezone.now())

    def for_session(self, session):
        return self.filter(slot__session=session)


class Reservation(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("予約済み")
        CANCELLED = "cancelled", _("キャンセル")

    class CancelledBy(models.TextChoices):
        OWNER = "owner", _("予約者")
        STAFF = "staff", _("職員")
        SESSION_CANCELLED = "session_cancelled", _("相談会の中止")

    reference = models.CharField(_("予約番号"), max_length=12, unique=True)
    slot = models.ForeignKey(
        "schedule.Slot",
        verbose_name=_("予約枠"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    cancelled_by = models.CharField(
        _("キャンセルした人"), max_length=20, choices=CancelledBy.choices, blank=True
    )
    cancelled_at = models.DateTimeField(_("キャンセル日時"), null=True, blank=True)
    cancel_token_hash = models.CharField(_("キャンセル用トークンのハッシュ"), max_length=64)
    idempotency_key = models.CharField(_("二重送信防止キー"), max_length=64, unique=True)
    submission_id = models.UUIDField(_("封緘された予約内容のID"), unique=True)
    email_key = models.CharField(_("メールアドレスの仮名キー"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("受付日時"), default=timezone.now)
    # Set by the retention purge when the sealed payload is deleted; a
    # reservation with it set is expected to have no SealedSubmission.
    payload_purged_at = models.DateTimeField(_("個人情報を削除した日時"), null=True, blank=True)
    # Set when the day-before reminder is claimed for sending (send_reminders),
    # so a re-run or a second timer never sends it twice.
    reminder_sent_at = models.DateTimeField(_("前日のお知らせを送った日時"), null=True, blank=True)

    # Non-identifying categories, kept after the sealed payload is purged.
    ward = models.CharField(_("行政区"), max_length=20, choices=WARD_CHOICES)
    industry = models.CharField(_("業種"), max_length=30, choices=INDUSTRY_CHOICES)
    employee_band = models.CharField(_("従業員数"), max_length=10, choices=EMPLOYEE_BAND_CHOICES)
    topics = models.JSONField(_("相談したい内容のトピック"), default=list)
    sales_decline_band = models.CharField(
        _("売上減少の程度"), max_length=10, choices=SALES_DECLINE_CHOICES
    )
    subsidy_status = models.CharField(
        _("補助金・融資の申請状況"), max_length=10, choices=SUBSIDY_STATUS_CHOICES
    )

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("予約")
        verbose_name_plural = _("予約")
        ordering = ["slot__starts_at", "created_at"]
        # The intake console's permissions (intake/access.py); roles in portal/accounts/roles.py.
        permissions = [
            ("view_all_bookings", _("すべての相談会の予約を見られる")),
            ("view_assigned_bookings", _("担当する相談会の予約を見られる（前日から7日後まで）")),
            ("export_bookings", _("相談会の予約をCSVで書き出せる")),
            ("record_consultation", _("相談票を記録できる")),
            ("cancel_booking", _("予約を職員としてキャンセルできる")),
            ("view_intake_stats", _("相談の統計を見られる")),
        ]
        indexes = [
            models.Index(fields=["email_key", "status"]),
            models.Index(fields=["cancel_token_hash"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="booked", cancelled_by="")
                | Q(status="cancelled", cancelled_at__isnull=False),
                name="reservation_cancel_fields_consistent",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def is_booked(self) -> bool:
        return self.status == self.Status.BOOKED
