"""Write intake audit entries (intake database, append-only).

An entry says who did what to which booking or session, from where, and how
many records it touched. ``object_ref`` and ``references`` are reservation
reference codes or session ids; callers never pass anything typed by a
person who booked, nor anything decrypted.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.audit import client_ip

from .vault.models import AuditAction, AuditEntry

Action = AuditAction
SYSTEM_ACTOR = "system"


def record(
    action: str,
    *,
    request=None,
    user=None,
    actor: str = "",
    object_type: str = "",
    object_ref: str | int = "",
    references: Iterable[str] = (),
    count: int | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """One entry; ``references`` (codes only) go into ``detail`` and set the count."""
    user = user if user is not None else getattr(request, "user", None)
    references = list(references)
    detail = dict(detail or {})
    if references:
        detail["references"] = references
    if user is not None and user.is_authenticated:
        username, user_id = user.get_username(), user.pk
    else:
        username, user_id = actor or SYSTEM_ACTOR, None
    return AuditEntry.objects.create(
        action=action,
        actor_username=username[:150],
        actor_id=user_id,
        object_type=object_type,
        object_ref=str(object_ref)[:64],
        ip=client_ip(request),
        record_count=len(references) if count is None else count,
        detail=detail,
    )
