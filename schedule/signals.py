"""Signals other apps connect to.

``session_cancelled(session=...)`` is sent by ``TouringSession.cancel`` after the
cancellation is saved; the intake app connects to it to notify the bookings.
Receivers run inside the caller's transaction, so a receiver that sends mail
should defer it with ``transaction.on_commit``.
"""

from django.dispatch import Signal

session_cancelled = Signal()
