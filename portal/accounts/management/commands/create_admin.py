"""Bootstrap the first administrator: a superuser with a TOTP device.

The provisioning secret and the backup codes are printed once and stored nowhere
else in plain form; run this on the staff host and keep the output off shared logs.
"""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.accounts import audit, devices, roles


class Command(BaseCommand):
    help = "Create a superuser with a TOTP device; print its secret and backup codes once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )

    def handle(self, username, email, password_stdin, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"User {username!r} already exists.")
        password = self.read_password(password_stdin)
        user = User(username=username, email=email, is_staff=True, is_superuser=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get_or_create(name=roles.ADMINISTRATORS)[0])
            device = devices.provision_totp(user)
            codes = devices.issue_backup_codes(user)
            audit.record(audit.Event.ENROLLED, username=username, actor="create_admin")
        self.stdout.write(f"Created superuser {username}.")
        self.stdout.write(f"TOTP secret (base32): {devices.base32_secret(device)}")
        self.stdout.write(f"Provisioning URI: {device.config_url}")
        self.stdout.write("Backup codes (each works once; shown only now):")
        for code in codes:
            self.stdout.write(f"  {code}")

    def read_password(self, from_stdin):
        if from_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        if not password:
            raise CommandError("A password is required.")
        return password
