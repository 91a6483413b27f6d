"""Headers that differ by tier, and the UTF-8 rule for request bodies."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.utils.http import parse_header_parameters
from django.utils.log import log_response

from portal.views import bad_request


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


_BODILESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class RequireUtf8BodyMiddleware:
    """A request body declared in another charset than UTF-8 gets the 400 page.

    Django would decode a multipart body in the declared charset (Shift_JIS, say) and
    refuses only form-urlencoded ones, so text typed into a form could arrive as something
    else than what was typed. Only "utf-8" is accepted, as Django itself spells it. Every
    page of both tiers sends UTF-8, so nothing legitimate is refused. It comes after
    LocaleMiddleware, so the 400 page is in the user's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in _BODILESS_METHODS:
            _type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
            charset = params.get("charset")
            if charset is not None and charset.strip().lower() != "utf-8":
                # Answered here rather than raised: Django's DEBUG error page would read
                # request.POST in that charset and fail with a 500 (`make run`).
                response = bad_request(request, BadRequest("Request body charset is not UTF-8"))
                log_response(
                    "Bad request: body charset %s", charset, response=response, request=request
                )
                return response
        return self.get_response(request)
