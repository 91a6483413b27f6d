"""Emails to people who booked, sent on the staff tier (the only tier that can
read an address).

``notify_session_cancelled(reservations)`` is the hook the session-cancelled
receiver (intake/receivers.py) calls after the cancellation commits, with the
reservations it has just cancelled. Sending needs each address, which means
opening the sealed payloads on the staff tier and writing an audit entry;
that is the staff console's job.

TODO(intake console): open each reservation's SealedSubmission with
``intake.keyring.private_keyring()``, audit it, and send the notice (reference,
date, time, venue, the session's public cancel reason; nothing else).
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def notify_session_cancelled(reservations) -> None:
    # Counts only: never log who was affected.
    logger.info(
        "Session cancelled: %d reservation(s) to notify (notification not implemented yet)",
        len(reservations),
    )
