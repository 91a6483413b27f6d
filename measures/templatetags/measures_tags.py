"""Small display helpers for measure pages and results."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@register.filter
def yen(value):
    """500000 -> "500,000円" in Japanese, "¥500,000" otherwise."""
    if value in (None, ""):
        return ""
    if (get_language() or settings.LANGUAGE_CODE) == "ja":
        return f"{int(value):,}円"
    return f"¥{int(value):,}"


@register.inclusion_tag("measures/includes/status_badge.html")
def status_badge(measure):
    return {"badge": measure.status_badge, "days_left": measure.days_left}
