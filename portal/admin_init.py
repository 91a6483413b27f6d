"""Wagtail admin widgets without inline scripts, for the staff tier's CSP.

Wagtail's choosers end their HTML with ``<script>new SnippetChooser(id, opts)</script>``;
the staff Content-Security-Policy allows scripts from the site and with the
request's nonce only, so the browser blocks it and the chooser never opens.
`start_marker` renders the same call as data, and portal/static/portal/admin-init.js
(included on every admin page by a hook in portal/wagtail_hooks.py) makes it.
The date, time and inline-panel templates under portal/templates/wagtailadmin/
do the same, and wagtail-localize's translation editor gets its chooser URLs
from portal/static/portal/chooser-urls.js.
"""

import json

from django.utils.html import format_html


def start_marker(name: str, *args, construct: bool = False) -> str:
    """A hidden element that admin-init.js turns into `name(*args)` (or `new name(*args)`)."""
    return format_html(
        '<span hidden data-portal-init="{}" data-portal-args="{}"{}></span>',
        name,
        json.dumps(list(args)),
        " data-portal-new" if construct else "",
    )


def patch_choosers() -> None:
    """Make Wagtail's BaseChooser render a start marker instead of an inline script."""
    from django.utils.safestring import mark_safe

    from wagtail.admin.widgets import BaseChooser

    original_render = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        if type(self).render_js_init is not BaseChooser.render_js_init:
            # A chooser with its own starter (the workflow task chooser) keeps it.
            return original_render(self, name, value, attrs, renderer)
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
        value_data = self.get_value_data(value)
        html = self.render_html(name, value_data, attrs)
        options = self.get_js_init_options(id_, name, value_data)
        marker = start_marker(self.js_constructor, id_, options, construct=True)
        return mark_safe(f"{html}{marker}")  # noqa: S308 - both parts are escaped HTML

    BaseChooser.render = render
