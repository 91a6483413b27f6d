"""Remove a user's two-factor devices and end their sessions; they enrol again at login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.accounts import audit, devices
from portal.accounts.sessions import end_sessions_for


class Command(BaseCommand):
    help = "Reset a staff user's two-factor devices (they must enrol again)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as error:
            raise CommandError(f"No user {username!r}.") from error
        removed = devices.reset_devices(user)
        ended = end_sessions_for(user)
        audit.record(audit.Event.DEVICE_RESET, username=username, actor="manage.py reset_2fa")
        self.stdout.write(
            f"Removed {removed} device(s) and ended {ended} session(s) of {username}; "
            "they will enrol again at their next login."
        )
