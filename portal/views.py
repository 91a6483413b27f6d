"""Site-wide views: robots.txt, error pages and the CSRF failure page."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=3600, public=True)
def public_robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /book/\nDisallow: /search/\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@login_not_required
@require_GET
def staff_robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain; charset=utf-8")


def _error_template(name: str) -> str:
    # The staff tier has none of the public site's navigation, so it gets its own pages.
    return f"staff/{name}" if getattr(settings, "PORTAL_TIER", "public") == "staff" else name


def bad_request(request, exception=None):
    if isinstance(exception, DisallowedHost):
        # The site's pages build links from the host, which is the thing refused.
        return HttpResponseBadRequest(
            "<!DOCTYPE html><title>400</title><h1>不正なリクエストです / Bad request</h1>"
        )
    return render(request, _error_template("400.html"), status=400)


def page_not_found(request, exception=None):
    return render(request, _error_template("404.html"), status=404)


def permission_denied(request, exception=None):
    return render(request, _error_template("403.html"), status=403)


def server_error(request):
    # No context processors, no database: the error may be the database itself.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
