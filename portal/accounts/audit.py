"""Write staff audit entries. Callers pass fixed event names, never credentials."""

from .models import StaffAuditEntry

Event = StaffAuditEntry.Event


def client_ip(request):
    if request is None:
        return None
    # Behind the proxy django-axes already resolved the address (AXES_IPWARE_* settings).
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


def record(event, *, username="", request=None, actor="", detail=""):
    return StaffAuditEntry.objects.create(
        event=event,
        username=(username or "")[:150],
        actor=(actor or "")[:150],
        ip_address=client_ip(request),
        detail=detail[:200],
    )
