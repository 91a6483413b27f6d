"""Filters for content blocks."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import accessibility

register = template.Library()


@register.filter
def fill_placeholders(html):
    """Fill ``{test_date}`` and the other accessibility-record placeholders (escaped)."""
    html = str(html)
    if "{" not in html:
        return mark_safe(html)  # noqa: S308 - the input is already-rendered rich text
    values = {name: escape(value) for name, value in accessibility.placeholders().items()}
    for name, value in values.items():
        html = html.replace("{" + name + "}", value)
    return mark_safe(html)  # noqa: S308 - rich text with escaped values filled in
