"""Write staff audit entries. Callers pass fixed event names, never credentials."""

from core.audit import client_ip

from .models import StaffAuditEntry

Event = StaffAuditEntry.Event


def record(event, *, username="", request=None, actor="", detail=""):
    return StaffAuditEntry.objects.create(
        event=event,
        username=(username or "")[:150],
        actor=(actor or "")[:150],
        ip_address=client_ip(request),
        detail=detail[:200],
    )
