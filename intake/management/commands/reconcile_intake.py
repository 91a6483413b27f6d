"""Report bookings and sealed payloads that do not match (staff tier).

- reservations whose SealedSubmission is missing (and was not purged by the
  retention job): the owner has a seat but staff cannot read the booking;
- sealed submissions no reservation points to: e.g. the default database's
  COMMIT failed after the intake insert (see intake/booking.py).

Prints counts, reservation references and submission UUIDs only. Exits 1 if
anything is out of step, so a scheduler can alert on it.
"""

from django.core.management.base import BaseCommand, CommandError

from intake import tier_keys
from intake.models import Reservation
from intake.vault.models import SealedSubmission


class Command(BaseCommand):
    help = "Report reservations without a sealed submission and sealed submissions without one."

    def handle(self, *args, **options):
        if tier_keys.tier() != "staff":
            raise CommandError("Run reconcile_intake on the staff tier (it reads the intake DB).")
        links = dict(
            Reservation.objects.filter(payload_purged_at__isnull=True).values_list(
                "submission_id", "reference"
            )
        )
        purged = set(
            Reservation.objects.filter(payload_purged_at__isnull=False).values_list(
                "submission_id", flat=True
            )
        )
        stored = set(SealedSubmission.objects.using("intake").values_list("id", flat=True))
        missing = sorted(links[sid] for sid in set(links) - stored)
        orphans = sorted(str(sid) for sid in stored - set(links) - purged)
        self.stdout.write(f"Reservations without a sealed submission: {len(missing)}")
        for reference in missing:
            self.stdout.write(f"  {reference}")
        self.stdout.write(f"Sealed submissions without a reservation: {len(orphans)}")
        for sid in orphans:
            self.stdout.write(f"  {sid}")
        if missing or orphans:
            raise SystemExit(1)
