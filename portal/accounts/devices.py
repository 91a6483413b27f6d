"""Two-factor devices: TOTP enrolment, backup codes, reset, and the local QR code.

The QR code is drawn here with segno and sent as a data: URI, so the secret
never leaves the staff tier for a third-party QR service. Seeds are stored
sealed and backup codes hashed (models.EncryptedTOTPDevice, models.BackupCodeDevice).
"""

import base64
import secrets

from django.conf import settings
from django.db import transaction

import segno

from .models import BackupCodeDevice, EncryptedTOTPDevice

TOTPDevice = EncryptedTOTPDevice  # the only TOTP device model the project writes

TOTP_NAME = "totp"
BACKUP_NAME = "backup"


def is_enrolled(user) -> bool:
    # By id: request.user is a lazy wrapper that the database router cannot inspect.
    return any(
        model.objects.filter(user_id=user.pk, confirmed=True).exists()
        for model in (TOTPDevice, BackupCodeDevice)
    )


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    """An SVG QR code of the provisioning URI, inline as a data: URI."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def confirm_enrolment(device: TOTPDevice) -> list[str]:
    """Confirm the TOTP device and issue fresh backup codes, returned to be shown once."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return issue_backup_codes(device.user)


def issue_backup_codes(user) -> list[str]:
    BackupCodeDevice.objects.filter(user=user).delete()
    device = BackupCodeDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [_backup_code() for _ in range(settings.BACKUP_CODE_COUNT)]
    device.set_codes(codes)
    return codes


def _backup_code() -> str:
    # 10 characters from an unambiguous alphabet: about 50 bits each.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@transaction.atomic
def reset_devices(user) -> int:
    """Remove every device of the user; they must enrol again at their next login."""
    totp, _ = TOTPDevice.objects.filter(user=user).delete()
    static, _ = BackupCodeDevice.objects.filter(user=user).delete()
    return totp + static


def provision_totp(user, seed: bytes | None = None) -> TOTPDevice:
    """A confirmed TOTP device (bootstrap and demo accounts), replacing any other.

    Without a seed, a random one is generated.
    """
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(user=user, name=TOTP_NAME, confirmed=True)
    if seed is not None:
        device.set_seed(seed)
    device.save()
    return device


def has_totp_seed(user, seed: bytes) -> bool:
    """Whether the user's confirmed TOTP device has this seed (the demo loader's check)."""
    return any(
        device.bin_key == seed
        for device in TOTPDevice.objects.filter(user_id=user.pk, confirmed=True)
    )
