"""Delete sealed booking payloads and 相談票 past the retention period (staff tier).

  manage.py purge_intake [--dry-run]

Run daily (docs/operations.md). Prints and logs counts only.
"""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from intake import audit, retention

logger = logging.getLogger("intake.retention")


class Command(BaseCommand):
    help = "Delete sealed intake payloads whose session ended more than INTAKE_RETENTION_DAYS ago."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        result = retention.purge(now, dry_run=dry_run)
        summary = (
            f"{'Would purge' if dry_run else 'Purged'} {result.reservations} booking(s): "
            f"{result.submissions} sealed submission(s), "
            f"{result.consultation_records} 相談票 "
            f"(retention {retention.retention_days()} days)"
        )
        logger.info(summary)
        self.stdout.write(summary)
        if not dry_run and result.reservations:
            audit.record(
                audit.Action.PURGE,
                actor="system:purge_intake",
                object_type="retention",
                object_ref=timezone.localdate(now).isoformat(),  # the Tokyo date, not UTC
                count=result.reservations,
                detail={
                    "submissions": result.submissions,
                    "consultation_records": result.consultation_records,
                },
            )
