"""Headers that differ by tier."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser


class _HeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        self.add_headers(request, response)
        return response

    def add_headers(self, request, response):
        raise NotImplementedError


class PublicHeadersMiddleware(_HeadersMiddleware):
    def add_headers(self, request, response):
        pass


class StaffHeadersMiddleware(_HeadersMiddleware):
    """The staff tier is never indexed and never cached, whatever a view says."""

    def add_headers(self, request, response):
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"


class AnonymousVisitorMiddleware:
    """The public tier's stand-in for the session and authentication middleware.

    The public tier has no login, so every visitor is an AnonymousUser and no request
    reads django_session or auth_user (its database role may not; portal/sql/roles.sql).
    Code that asks for `request.user` (Wagtail's page serving, templates) still gets one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = AnonymousUser()
        return self.get_response(request)
