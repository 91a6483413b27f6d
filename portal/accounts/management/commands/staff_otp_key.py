"""The staff OTP key: make a dev key, generate one, show its state, re-seal after rotation.

  manage.py staff_otp_key ensure-dev          create PORTAL_DATA_DIR/keys/staff-otp.secret if
                                              missing (development only; run by make migrate)
  manage.py staff_otp_key generate            print a new base64 key (for the secret store)
  manage.py staff_otp_key status              staff tier: key ids, and devices and backup
                                              codes per key id
  manage.py staff_otp_key reseal [--dry-run]  staff tier: seal every seed under the current key

Apart from `generate`, the output names key ids, never key material.
See docs/operations.md.
"""

from __future__ import annotations

import os
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.accounts import otpkeys
from portal.accounts.models import BackupCode, EncryptedTOTPDevice


class Command(BaseCommand):
    help = "Create, inspect and rotate the staff OTP key (TOTP seeds, backup-code hashes)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("ensure-dev")
        sub.add_parser("generate")
        sub.add_parser("status")
        p = sub.add_parser("reseal")
        p.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")

    def handle(self, *args, action, **options):
        try:
            getattr(self, action.replace("-", "_"))(**options)
        except otpkeys.StaffOTPKeyError as error:
            raise CommandError(str(error)) from None

    def ensure_dev(self, **options):
        if settings.PORTAL_ENV == "production":
            raise CommandError("ensure-dev is for development: production keys come from the env.")
        path = settings.STAFF_OTP_DEV_KEY_FILE
        if path.exists():
            self.stdout.write(f"Dev staff OTP key present at {path}.")
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(otpkeys.generate_key() + "\n")
        self.stdout.write(f"Created dev staff OTP key at {path}.")

    def generate(self, **options):
        self.stderr.write(
            "A new staff OTP key (base64). Store it in the staff tier's secret store only; "
            "put it first in STAFF_OTP_KEY and keep the old key after it until reseal is done."
        )
        self.stdout.write(otpkeys.generate_key())

    def status(self, **options):
        ring = otpkeys.keyring()
        seeds = Counter(
            otpkeys.sealed_kid(v)
            for v in EncryptedTOTPDevice.objects.values_list("sealed_key", flat=True)
        )
        codes = Counter(
            otpkeys.sealed_kid(v) for v in BackupCode.objects.values_list("code_hash", flat=True)
        )
        for position, key in enumerate(ring.keys):
            label = "current" if position == 0 else "old"
            self.stdout.write(
                f"{key.kid} ({label}): {seeds.pop(key.kid, 0)} TOTP seed(s), "
                f"{codes.pop(key.kid, 0)} backup code(s)"
            )
        for kid in sorted(set(seeds) | set(codes)):
            self.stdout.write(
                f"{kid} (NOT CONFIGURED): {seeds[kid]} TOTP seed(s), {codes[kid]} backup code(s)"
            )

    def reseal(self, dry_run=False, **options):
        ring = otpkeys.keyring()
        current = ring.current.kid
        moved = 0
        with transaction.atomic():
            devices = EncryptedTOTPDevice.objects.select_for_update().order_by("pk")
            for device in devices:
                if otpkeys.sealed_kid(device.sealed_key) == current:
                    continue
                moved += 1
                if not dry_run:
                    seed = otpkeys.open_seed(device.sealed_key, device.user_id, ring)
                    device.sealed_key = otpkeys.seal_seed(seed, device.user_id, ring)
                    device.save(update_fields=["sealed_key"])
        old_codes = BackupCode.objects.exclude(
            code_hash__startswith=f"{otpkeys.VERSION}${current}$"
        )
        users = old_codes.values("device__user_id").distinct().count()
        verb = "would re-seal" if dry_run else "re-sealed"
        self.stdout.write(f"{verb} {moved} TOTP seed(s) under key {current}.")
        self.stdout.write(
            f"{old_codes.count()} backup code(s) of {users} user(s) are hashed under an older key: "
            "they keep working while that key stays configured (hashes cannot be re-keyed)."
        )
