"""The consultant's 相談票: what it holds and how it is sealed and stored.

A 相談票 is sealed to the current intake public key on the staff tier and
stored as a ``SealedConsultationRecord`` in the intake database, linked to
the booking by ``submission_id`` (the same UUID as
``Reservation.submission_id``). One record per booking: saving again
re-seals and replaces the ciphertext.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import tier_keys
from .crypto.sealing import seal
from .vault.models import SealedConsultationRecord

CONSULTATION_KIND_CHOICES = [
    ("first", _("初回相談")),
    ("follow_up", _("継続相談")),
    ("information", _("情報提供のみ")),
    ("referral", _("他機関への紹介")),
]

TROUBLE_CHOICES = [
    ("cash_flow", _("資金繰り")),
    ("subsidy_application", _("補助金・助成金の申請")),
    ("benefit_application", _("給付金の申請")),
    ("loan", _("融資")),
    ("tax", _("税務・納税の猶予")),
    ("labour", _("雇用・労務")),
    ("sales", _("売上・販路")),
    ("succession", _("事業承継・廃業")),
    ("other", _("その他")),
]

NOTES_MAX_LENGTH = 4000


def record_payload(cleaned: dict, author, now: datetime) -> dict:
    return {
        "kind": cleaned["kind"],
        "troubles": list(cleaned["troubles"]),
        "notes": cleaned["notes"],
        "author": author.get_username(),
        "recorded_at": now.isoformat(),
    }


def save_record(submission_id, payload: dict, now: datetime) -> SealedConsultationRecord:
    """Seal and store (or replace) the booking's 相談票."""
    blob = seal(payload, tier_keys.public_keyring())
    with transaction.atomic(using="intake"):
        record = (
            SealedConsultationRecord.objects.select_for_update()
            .filter(submission_id=submission_id)
            .order_by("-updated_at")
            .first()
        )
        if record is None:
            record = SealedConsultationRecord(submission_id=submission_id, created_at=now)
        record.kid = blob.kid
        record.ciphertext = blob.ciphertext
        record.updated_at = now
        record.save(using="intake")
    return record
