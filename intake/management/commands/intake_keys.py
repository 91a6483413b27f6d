"""Intake key pairs: generate, ensure a dev pair, rotate, re-seal.

  manage.py intake_keys generate [--dir DIR]   write a new key pair (default: the dev key dir)
  manage.py intake_keys ensure-dev             create a dev pair under PORTAL_DATA_DIR/keys if none
  manage.py intake_keys rotate [--dir DIR]     a new pair that becomes current (newest)
  manage.py intake_keys reseal [--dry-run]     staff tier: re-seal every sealed row not
                                               under the current key

Output names kids and files, never key material. See docs/operations.md.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake import tier_keys
from intake.crypto.keys import PRIVATE_SUFFIX, PUBLIC_SUFFIX, KeyConfigurationError, write_keypair
from intake.crypto.sealing import SealingError, reseal
from intake.vault.models import SealedConsultationRecord, SealedSubmission

SEALED_MODELS = (SealedSubmission, SealedConsultationRecord)


class Command(BaseCommand):
    help = "Generate, rotate and re-seal the intake key pairs."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("generate", "rotate"):
            p = sub.add_parser(name)
            p.add_argument("--dir", help="Directory for the key files (default: dev key dir).")
        sub.add_parser("ensure-dev")
        p = sub.add_parser("reseal")
        p.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")
        p.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, action, **options):
        try:
            if action in ("generate", "rotate"):
                self.generate(options.get("dir"), rotate=action == "rotate")
            elif action == "ensure-dev":
                self.ensure_dev()
            else:
                self.reseal(options["dry_run"], options["batch_size"])
        except KeyConfigurationError as exc:
            raise CommandError(str(exc)) from None

    def _directory(self, given) -> Path:
        directory = Path(given) if given else tier_keys.dev_key_dir()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        return directory

    def generate(self, given_dir, rotate=False):
        directory = self._directory(given_dir)
        kid, public_path, private_path = write_keypair(directory)
        tier_keys.clear_cache()
        self.stdout.write(f"kid {kid}: {public_path.name} (public), {private_path.name} (private)")
        self.stdout.write(f"in {directory}")
        if rotate:
            self.stdout.write(
                "New submissions are sealed to this key once the public tier reloads it "
                "(dev: newest .pub; production: set INTAKE_PUBLIC_KEY). "
                "Keep the old private key on the staff tier, then run `intake_keys reseal`."
            )

    def ensure_dev(self):
        directory = self._directory(None)
        has_public = any(directory.glob(f"*{PUBLIC_SUFFIX}"))
        has_private = any(directory.glob(f"*{PRIVATE_SUFFIX}"))
        if has_public and has_private:
            self.stdout.write(f"Dev intake keys present in {directory}.")
            return
        kid, _public, _private = write_keypair(directory)
        os.chmod(directory, 0o700)
        self.stdout.write(f"Created dev intake key pair {kid} in {directory}.")

    def reseal(self, dry_run: bool, batch_size: int):
        if tier_keys.tier() != "staff":
            raise CommandError("Re-sealing needs the private keys: run it on the staff tier.")
        private = tier_keys.private_keyring()
        current = tier_keys.public_keyring()
        for model in SEALED_MODELS:
            stale = model.objects.using("intake").not_under(current.kid)
            total = stale.count()
            if dry_run:
                self.stdout.write(f"{model.__name__}: {total} to re-seal under {current.kid}")
                continue
            pks = list(stale.order_by("pk").values_list("pk", flat=True))
            done = failed = 0
            for start in range(0, len(pks), batch_size):
                rows = model.objects.using("intake").filter(pk__in=pks[start : start + batch_size])
                for row in rows:
                    try:
                        blob = reseal(row.blob(), private, current)
                    except SealingError as exc:
                        failed += 1
                        self.stderr.write(f"{model.__name__} {row.pk}: {type(exc).__name__}")
                        continue
                    # Conditional on the old kid: a concurrent re-seal is not redone.
                    done += (
                        model.objects.using("intake")
                        .filter(pk=row.pk, kid=row.kid)
                        .update(kid=blob.kid, ciphertext=blob.ciphertext)
                    )
            self.stdout.write(
                f"{model.__name__}: re-sealed {done} of {total} under {current.kid}; "
                f"{failed} failed"
            )
