"""Headers that differ by tier."""

from django.conf import settings


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
