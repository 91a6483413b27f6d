"""The staff audit log, and the two-factor devices whose secrets are not stored in plain form.

Audit entries are append-only through the application: saving an existing entry,
deleting one and bulk update/delete all raise. Nothing here ever holds a
password or a one-time code; `detail` is a short fixed text chosen by the code.

Devices (docs/security.md, "Secrets at rest"): django-otp's own TOTP and static
devices keep the seed in hex and the backup codes as typed. These replace them:

- ``EncryptedTOTPDevice``: django-otp's TOTP verification, with the seed sealed
  under the staff OTP key (``otpkeys``) and bound to the user's id;
- ``BackupCodeDevice`` with ``BackupCode`` rows: a keyed hash of each code, each
  code consumed once.

Both are ordinary django-otp devices, so ``match_token``, ``django_otp.login``,
``OTPMiddleware`` and ``user.is_verified()`` work unchanged.
"""

import logging

from django.db import models
from django.utils.translation import gettext_lazy as _

import nacl.utils
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.appendonly import AppendOnlyModel

from . import otpkeys

logger = logging.getLogger(__name__)


class StaffAuditEntry(AppendOnlyModel):
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

    append_only_message = "The staff audit log is append-only."

    class Meta:
        verbose_name = _("職員監査ログ")
        verbose_name_plural = _("職員監査ログ")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)
        permissions = [("reset_staff_device", _("職員の二要素認証をリセットできる"))]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.event} {self.username}"


SEED_BYTES = 20  # what django-otp's TOTPDevice generates (160 bits, RFC 4226's recommendation)


class EncryptedTOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """A TOTP device whose seed is stored sealed (``otpkeys.seal_seed``).

    The fields other than the seed are those of django-otp's ``TOTPDevice``, and
    its verification, throttling and provisioning URI are reused as they are:
    they only read the seed through ``bin_key``, which decrypts here.
    """

    sealed_key = models.TextField(editable=False)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("TOTPデバイス (暗号化)")
        verbose_name_plural = _("TOTPデバイス (暗号化)")
        default_permissions = ()

    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings

    def verify_token(self, token) -> bool:
        try:
            return TOTPDevice.verify_token(self, token)
        except otpkeys.SealedSeedError:
            # A configuration fault (key removed too early) or a copied row: refuse, and say so.
            logger.error("TOTP device %s: the sealed seed does not open", self.pk)
            return False

    @property
    def bin_key(self) -> bytes:
        return otpkeys.open_seed(self.sealed_key, self.user_id)

    def set_seed(self, seed: bytes) -> None:
        if self.user_id is None:
            raise ValueError("A seed is sealed to its user: set the user first.")
        self.sealed_key = otpkeys.seal_seed(seed, self.user_id)

    def save(self, *args, **kwargs):
        if not self.sealed_key:
            self.set_seed(nacl.utils.random(SEED_BYTES))
        super().save(*args, **kwargs)


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """Backup codes: each stored as a keyed hash, each accepted once."""

    class Meta(Device.Meta):
        verbose_name = _("バックアップコード")
        verbose_name_plural = _("バックアップコード")
        default_permissions = ()

    def get_throttle_factor(self):
        return 1

    def set_codes(self, codes) -> None:
        self.codes.all().delete()
        BackupCode.objects.bulk_create(
            BackupCode(device=self, code_hash=otpkeys.hash_backup_code(code, self.user_id))
            for code in codes
        )

    def verify_token(self, token) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        token = str(token).strip().lower()
        match = None
        # Compare with every code (no early exit), each in constant time.
        for row in self.codes.all():
            if otpkeys.backup_code_matches(row.code_hash, token, self.user_id) and match is None:
                match = row
        if match is None:
            self.throttle_increment()
            return False
        # Delete by primary key and check the count: of two concurrent uses, one wins.
        deleted, _ = BackupCode.objects.filter(pk=match.pk).delete()
        if not deleted:
            self.throttle_increment()
            return False
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, related_name="codes", on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("バックアップコード")
        verbose_name_plural = _("バックアップコード")
        default_permissions = ()

    def __str__(self):  # never the hash
        return f"BackupCode {self.pk} of device {self.device_id}"
