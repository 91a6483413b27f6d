"""Template tags for the site chrome: language switcher, localized links, breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from core.breadcrumbs import page_trail
from core.i18n import localized_path

register = template.Library()


@register.simple_tag(takes_context=True)
def lpath(context, path):
    return localized_path(path)


def _page_in(page, language):
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.live:
        return translation
    return None


# A longer query string is not one the site's own forms make: not echoed back in links.
MAX_KEPT_QUERY = 2000


def _beyond_page(page, request) -> str:
    """What the request adds to the page's own URL: a sub-route of a routable page
    (/schedule/venues/x/) and the query string (finder filters), kept on switching
    unless it is longer than MAX_KEPT_QUERY."""
    if request is None:
        return ""
    page_url = page.get_url(request) or ""
    suffix = request.path[len(page_url) :] if request.path.startswith(page_url) else ""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_KEPT_QUERY:
        query = ""
    return suffix + (f"?{query}" if query else "")


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each other language (the home page if untranslated)."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = None
        if isinstance(page, Page):
            translation = _page_in(page, code)
            if translation is not None:
                url = translation.get_url(request) + _beyond_page(page, request)
        elif request is not None:
            long_query = len(request.META.get("QUERY_STRING", "")) > MAX_KEPT_QUERY
            url = translate_url(request.path if long_query else request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url or localized_path("/", code)})
    return {"links": links}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, trail=None):
    """The trail given, or the trail of the page in the context (core/breadcrumbs.py)."""
    if trail is None:
        page = context.get("page")
        trail = page_trail(page, context.get("request")) if isinstance(page, Page) else []
    return {"items": list(trail)}
