"""Which tags a cached response carries, and which query strings may be cached.

Tags (see docs/performance.md):

- ``chrome``: every HTML page (the notice banner and footer come from
  CenterInfo and SiteSettings);
- ``p:<translation_key>``: the response of a page, in every language;
- ``a:<tree path>``: responses of the pages below that tree path (their
  breadcrumbs show the ancestor's title and URL);
- ``measures``: everything listing measures or their facets (finder, checker
  form, feeds, open-data API);
- ``sitemap`` and ``search``.
"""

import re

CHROME = "chrome"
MEASURES = "measures"
SITEMAP = "sitemap"
SEARCH = "search"

# Page types whose responses must not be cached, and why.
UNCACHED_PAGE_TYPES = {
    # Shows remaining seats (残席数), which change on every booking; see docs/performance.md.
    "schedule.schedulepage": "live seat counts",
}
# Extra tags per page type: what else the page lists.
PAGE_TYPE_TAGS = {
    "measures.measureindexpage": {MEASURES},
}

_LANG = r"(?:/[a-z]{2}(?:-[a-z]+)?)?"

# Views that are not Wagtail pages: path pattern -> tags. Anything else is not cached.
VIEW_TAGS = [
    (re.compile(rf"^{_LANG}/feeds/(?:measures/|deadlines\.ics)$"), {MEASURES}),
    (re.compile(rf"^{_LANG}/api/measures/(?:[^/]+/)?$"), {MEASURES}),
    (re.compile(r"^/sitemap\.xml$"), {SITEMAP}),
    (re.compile(rf"^{_LANG}/search/$"), {SEARCH, CHROME}),
]

# Paths never looked up nor stored, whatever they return.
NEVER_CACHED = re.compile(rf"^{_LANG}/(?:book|documents|media|static)/")

# Query strings that may be cached, per path: a predicate over request.GET.
# Everything else with a query string (search words, checker answers,
# employee counts ...) bypasses the cache entirely.
QUERY_RULES = [
    (re.compile(rf"^{_LANG}/measures/$"), "measures.filters.is_cacheable_query"),
]


def page_tags(page) -> set[str] | None:
    """Tags of a served page, or None when its type is never cached."""
    label = page._meta.label_lower
    if label in UNCACHED_PAGE_TYPES:
        return None
    steplen = page.steplen
    ancestors = {f"a:{page.path[: steplen * depth]}" for depth in range(2, page.depth)}
    return {CHROME, f"p:{page.translation_key}", *ancestors, *PAGE_TYPE_TAGS.get(label, ())}


def view_tags(path: str) -> set[str]:
    for pattern, tags in VIEW_TAGS:
        if pattern.match(path):
            return set(tags)
    return set()
