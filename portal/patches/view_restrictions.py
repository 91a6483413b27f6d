"""Wagtail's view-restriction check, answering 404 on the public tier (registry:
"view-restrictions-hook").

The public tier has no login and no sessions (docs/security.md), so it can neither check
a view restriction's password nor show a login form: a restricted page is not found there.
Wagtail checks restrictions in its `on_serve_page` hook
`wagtail.wagtail_hooks.check_view_restrictions`; a hook of our own beside it would read
the page's restrictions a second time (two queries: the ancestors, then the restrictions).
So ours takes its place in Wagtail's hook registry: on the public tier it reads them once
and answers 404 when there are any; on the staff tier it is Wagtail's check unchanged.
The tier is read per request, since tests switch it in one process (tests/tiers.py).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from wagtail import hooks
from wagtail import wagtail_hooks as wagtail_core_hooks

HOOK = "on_serve_page"


def check_view_restrictions(callback):
    """The `on_serve_page` hook in place of Wagtail's check_view_restrictions."""
    wagtails_check = wagtail_core_hooks.check_view_restrictions(callback)

    def inner(page, request, serve_args, serve_kwargs):
        if settings.PORTAL_TIER != "public":
            return wagtails_check(page, request, serve_args, serve_kwargs)
        if page.get_view_restrictions().exists():
            raise Http404
        return callback(page, request, serve_args, serve_kwargs)

    return inner


def replace_wagtails_check() -> None:
    """Put check_view_restrictions above in the place (and order) of Wagtail's own."""
    registered = hooks._hooks.get(HOOK, [])
    for index, (function, order) in enumerate(registered):
        if function is wagtail_core_hooks.check_view_restrictions:
            registered[index] = (check_view_restrictions, order)
            return
    if not any(function is check_view_restrictions for function, _order in registered):
        raise ImproperlyConfigured(
            f"Wagtail's check_view_restrictions is no longer an {HOOK} hook: re-read "
            "portal/patches/view_restrictions.py against the installed Wagtail."
        )
