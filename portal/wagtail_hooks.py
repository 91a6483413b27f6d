"""Wagtail hooks of the portal app: tags a served page for the public page cache, keeps
restricted pages off the public tier (documents: portal/documents/wagtail_hooks.py), and
starts the admin's widgets without inline scripts."""

from django.conf import settings
from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks

from portal.pagecache.tags import page_tags


@hooks.register("before_serve_page")
def tag_page_for_cache(page, request, serve_args, serve_kwargs):
    tags = page_tags(page)
    if tags is None:
        request.page_cache_skip = True
    else:
        request.page_cache_tags = tags


# The public tier has no login and no sessions (docs/security.md), so it can neither check
# a view restriction's password nor show a login form: what is restricted is not found there.
# Before Wagtail's own restriction checks, which would need a session or a login URL.
@hooks.register("before_serve_page", order=-1)
def hide_restricted_page_on_public_tier(page, request, serve_args, serve_kwargs):
    if settings.PORTAL_TIER == "public" and page.get_view_restrictions().exists():
        raise Http404


@hooks.register("insert_global_admin_js")
def start_admin_widgets():
    """Starts the widgets whose inline scripts the staff CSP blocks (portal/admin_init.py)."""
    return format_html('<script src="{}"></script>', static("portal/admin-init.js"))
