"""Wagtail admin widgets without inline scripts, for the staff tier's CSP.

Wagtail's choosers end their HTML with ``<script>new SnippetChooser(id, opts)</script>``;
the staff Content-Security-Policy allows scripts from the site and with the
request's nonce only, so the browser blocks it and the chooser never opens.
`start_marker` renders the same call as data, and portal/static/portal/admin-init.js
(included on every admin page by a hook in portal/wagtail_hooks.py) makes it;
portal/patches/choosers.py makes BaseChooser render one.
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
