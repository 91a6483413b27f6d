"""Send the day-before reminder to each of tomorrow's bookings, once (staff tier).

  manage.py send_reminders

Run daily (docs/operations.md). Re-running the same day sends nothing twice:
each reservation is marked (``reminder_sent_at``) before its email goes out.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from intake import notifications, tier_keys


class Command(BaseCommand):
    help = "Email tomorrow's bookings a reminder (staff tier only; it opens the addresses)."

    def handle(self, *args, **options):
        if tier_keys.tier() != "staff":
            raise CommandError("send_reminders runs on the staff tier only.")
        sent, failed = notifications.send_reminders()
        self.stdout.write(f"Reminders sent: {sent}, failed: {failed}")
        if failed:
            raise CommandError(
                f"{failed} reminder(s) failed; they will be retried on the next run."
            )
