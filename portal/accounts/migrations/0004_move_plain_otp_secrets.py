"""Move django-otp's plain TOTP seeds and backup codes into the sealed models, then delete them.

Forward: each ``otp_totp.TOTPDevice`` becomes an ``EncryptedTOTPDevice`` (its seed
sealed to the user) and each ``otp_static.StaticDevice`` a ``BackupCodeDevice``
with a keyed hash of every remaining token. The plain rows are deleted. The staff
OTP key is needed only when there are rows to move (run migrate on the staff tier).

Backward: seeds are decrypted back into ``TOTPDevice`` rows. Backup codes cannot
be recovered from their hashes: they are dropped, and the users get new ones
with ``manage.py reset_2fa`` or by enrolling again.

Sessions verified with a device of the old models end: the device id they hold
no longer exists, so those users log in again.
"""

import binascii

from django.db import migrations

from portal.accounts import otpkeys

DEVICE_FIELDS = (
    "name",
    "confirmed",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "created_at",
    "last_used_at",
)
TOTP_FIELDS = ("step", "t0", "digits", "tolerance", "drift", "last_t")


def copy_fields(source, names):
    return {name: getattr(source, name) for name in names}


def keep_created_at(model, moved, original, db):
    # created_at is auto_now_add: put the original time back.
    model.objects.using(db).filter(pk=moved.pk).update(created_at=original.created_at)


def move_plain_rows(apps, schema_editor):
    db = schema_editor.connection.alias
    PlainTOTP = apps.get_model("otp_totp", "TOTPDevice")
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    StaticToken = apps.get_model("otp_static", "StaticToken")
    SealedTOTP = apps.get_model("accounts", "EncryptedTOTPDevice")
    BackupCodeDevice = apps.get_model("accounts", "BackupCodeDevice")
    BackupCode = apps.get_model("accounts", "BackupCode")

    plain_totp = list(PlainTOTP.objects.using(db).order_by("pk"))
    static_devices = list(StaticDevice.objects.using(db).order_by("pk"))
    if not plain_totp and not static_devices:
        return
    ring = otpkeys.keyring()  # refuses clearly off the staff tier or without a key
    for device in plain_totp:
        seed = binascii.unhexlify(device.key.encode("ascii"))
        moved = SealedTOTP.objects.using(db).create(
            user_id=device.user_id,
            sealed_key=otpkeys.seal_seed(seed, device.user_id, ring),
            **copy_fields(device, DEVICE_FIELDS + TOTP_FIELDS),
        )
        keep_created_at(SealedTOTP, moved, device, db)
    for device in static_devices:
        moved = BackupCodeDevice.objects.using(db).create(
            user_id=device.user_id, **copy_fields(device, DEVICE_FIELDS)
        )
        keep_created_at(BackupCodeDevice, moved, device, db)
        tokens = StaticToken.objects.using(db).filter(device_id=device.pk)
        BackupCode.objects.using(db).bulk_create(
            BackupCode(
                device=moved,
                code_hash=otpkeys.hash_backup_code(
                    token.token.strip().lower(), device.user_id, ring
                ),
            )
            for token in tokens
        )
    StaticToken.objects.using(db).all().delete()
    StaticDevice.objects.using(db).all().delete()
    PlainTOTP.objects.using(db).all().delete()


def restore_plain_seeds(apps, schema_editor):
    db = schema_editor.connection.alias
    PlainTOTP = apps.get_model("otp_totp", "TOTPDevice")
    SealedTOTP = apps.get_model("accounts", "EncryptedTOTPDevice")
    BackupCodeDevice = apps.get_model("accounts", "BackupCodeDevice")
    sealed = list(SealedTOTP.objects.using(db).order_by("pk"))
    if sealed:
        ring = otpkeys.keyring()
        for device in sealed:
            seed = otpkeys.open_seed(device.sealed_key, device.user_id, ring)
            restored = PlainTOTP.objects.using(db).create(
                user_id=device.user_id,
                key=seed.hex(),
                **copy_fields(device, DEVICE_FIELDS + TOTP_FIELDS),
            )
            keep_created_at(PlainTOTP, restored, device, db)
    SealedTOTP.objects.using(db).all().delete()
    BackupCodeDevice.objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_encrypted_otp_devices"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(move_plain_rows, restore_plain_seeds)]
