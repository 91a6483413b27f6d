"""The public tier serves no document of a private (restricted) collection: 404.

The public tier has no login, so Wagtail's own restriction check (which would
redirect to a login page) must not be reached there; this hook runs first.
"""

from django.conf import settings
from django.http import Http404

from wagtail import hooks

from . import policy


@hooks.register("before_serve_document", order=-100)
def refuse_private_documents_on_public_tier(document, request):
    if getattr(settings, "PORTAL_TIER", None) == "public" and policy.is_private(
        document.collection
    ):
        raise Http404
