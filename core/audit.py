"""What both audit logs (staff: portal.accounts, intake: intake.vault) record of a request."""


def client_ip(request):
    if request is None:
        return None
    # Behind the proxy django-axes already resolved the address (AXES_IPWARE_* settings).
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None
