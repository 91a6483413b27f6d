"""Wagtail hooks of the portal app: tags a served page for the public page cache and
starts the admin's widgets without inline scripts. Restricted pages are kept off the
public tier by Wagtail's own restriction check, patched (portal/patches/view_restrictions.py;
documents: portal/documents/wagtail_hooks.py)."""

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


@hooks.register("insert_global_admin_js")
def start_admin_widgets():
    """Starts the widgets whose inline scripts the staff CSP blocks (portal/admin_init.py)."""
    return format_html('<script src="{}"></script>', static("portal/admin-init.js"))
