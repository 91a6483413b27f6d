"""Serves anonymous GET/HEAD requests of the public tier from the shared page cache.

It sits before the session, locale, CSRF and auth middleware, so a hit touches
no database: one cache read for the entry and one for its tags' versions.
A response is stored only when every one of these holds (docs/performance.md):

- the request is a GET without a session cookie or Authorization header, on a
  path that is not under /book/ or /documents/, with no query string or one
  its path explicitly allows (the finder's facets);
- the view tagged it (a served Wagtail page of a cacheable type, or a view in
  ``tags.VIEW_TAGS``);
- the status is 200, it is not streamed, sets no cookie, used no CSRF token,
  and its Cache-Control says nothing of private, no-cache or no-store.
"""

import hashlib
import logging
import secrets
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string

from . import store, tags, tiercache

logger = logging.getLogger(__name__)
HEADER = "X-Page-Cache"
CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
NOT_STORED_HEADERS = {"set-cookie", HEADER.lower(), "cache-control", "content-length"}


def _option(name, default):
    return getattr(settings, name, default)


def seconds_to_midnight(now: datetime | None = None) -> int:
    """Seconds until the next local midnight: measure statuses change then."""
    local = timezone.localtime(now or timezone.now())
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - local).total_seconds()))


def normalized_query(request) -> str | None:
    """ "" without a query string, a canonical one if its path allows it, else None."""
    if not request.META.get("QUERY_STRING"):
        return ""
    for pattern, predicate in tags.QUERY_RULES:
        if pattern.match(request.path) and import_string(predicate)(request.GET):
            pairs = sorted((k, v) for k in request.GET for v in request.GET.getlist(k) if v)
            return "&".join(f"{k}={v}" for k, v in pairs)
    return None


def request_key(request) -> str | None:
    """The cache key of a request, or None when it must bypass the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    if tags.NEVER_CACHED.match(request.path):
        return None
    query = normalized_query(request)
    if query is None:
        return None
    raw = "|".join(
        [request.get_host(), request.path, query, timezone.localdate().isoformat()]
    ).encode()
    return hashlib.sha256(raw).hexdigest()


def cdn_cache_control(response) -> None:
    """Cacheable for a CDN (s-maxage), revalidated by browsers, stale allowed on errors."""
    patch_cache_control(
        response,
        public=True,
        max_age=_option("PAGE_CACHE_BROWSER_MAX_AGE", 0),
        s_maxage=min(_option("PAGE_CACHE_CDN_MAX_AGE", 300), seconds_to_midnight()),
        stale_while_revalidate=_option("PAGE_CACHE_STALE_WHILE_REVALIDATE", 30),
        stale_if_error=_option("PAGE_CACHE_STALE_IF_ERROR", 86400),
    )


def storable(request, response) -> bool:
    if request.method != "GET" or getattr(request, "page_cache_skip", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return "*" not in response.get("Vary", "")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _option("PAGE_CACHE_ENABLED", True):
            return self.render(request)
        key = request_key(request)
        if key is None:
            response = self.render(request)
            response.setdefault(HEADER, "bypass")
            return response
        entry = store.lookup(key)
        if entry is not None:
            return self.hit(request, entry)
        started = time.time()
        response = self.render(request)
        page_tags = getattr(request, "page_cache_tags", None) or tags.view_tags(request.path)
        if page_tags and storable(request, response):
            self.store(request, response, key, page_tags, started)
            cdn_cache_control(response)
            response[HEADER] = "miss"
        else:
            response.setdefault(HEADER, "bypass")
        return response

    def render(self, request):
        """Render, after picking up staff changes to this tier's ``default`` cache."""
        try:
            tiercache.sync()
        except Exception:
            # The shared cache is down: render with the generation last seen.
            logger.warning("page cache unreachable: default-cache generation not synced")
        return self.get_response(request)

    def store(self, request, response, key, page_tags, started):
        nonce = getattr(request, "_csp_nonce", None)
        entry = store.CachedResponse(
            status=response.status_code,
            headers=[
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_STORED_HEADERS
            ],
            content=response.content,
            nonce=str(nonce) if nonce else None,
        )
        timeout = min(_option("PAGE_CACHE_TIMEOUT", 86400), seconds_to_midnight())
        store.store(key, entry, page_tags, started, timeout)

    def hit(self, request, entry):
        content, headers = entry.content, entry.headers
        if entry.nonce:
            # A fresh nonce per response, as if rendered now (same length).
            fresh = secrets.token_urlsafe(16)
            content = content.replace(entry.nonce.encode(), fresh.encode())
            headers = [
                (name, value.replace(entry.nonce, fresh) if name in CSP_HEADERS else value)
                for name, value in headers
            ]
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=entry.status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        cdn_cache_control(response)
        response[HEADER] = "hit"
        return response
