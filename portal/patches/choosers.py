"""Wagtail's BaseChooser.render, without its inline script (registry: "chooser-render").

Wagtail's choosers end their HTML with ``<script>new SnippetChooser(id, opts)</script>``;
the staff Content-Security-Policy allows scripts from the site and with the
request's nonce only, so the browser blocks it and the chooser never opens.
The replacement renders the same call as a start marker (portal/admin_init.py)
that portal/static/portal/admin-init.js makes.
"""

from django.utils.safestring import mark_safe

from wagtail.admin.widgets import BaseChooser

from portal.admin_init import start_marker


def patch_choosers() -> None:
    """Make Wagtail's BaseChooser render a start marker instead of an inline script."""
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
