"""Breadcrumbs: one trail format, built one way, rendered by one tag.

A trail is a list of ``(title, url)``; the last item is where the reader is, with no URL
(templates/components/breadcrumbs.html marks it ``aria-current="page"``).

- A Wagtail page: ``page_trail(page, request)``, its ancestors below the locale root, then
  itself. ``{% breadcrumbs %}`` in templates/base.html does this for the page in the context.
- A view under a page (a routable sub-route of the schedule, the measures checker):
  ``page_trail(page, request, "title")``: the page becomes a link, ``title`` is last.
- A view outside the page tree (site search, booking): a literal list.

Templates render any trail with ``{% breadcrumbs trail %}`` (portal/templatetags/portal_tags.py).
"""

from wagtail.models import Page

Trail = list[tuple[str, str | None]]


def page_trail(page: Page, request, current: str | None = None) -> Trail:
    """``page``'s ancestors below the locale root and ``page``; then ``current`` if given."""
    # Titles and URLs are on the base Page: no `.specific()`, which costs a query per type.
    ancestors = page.get_ancestors().filter(depth__gt=1)
    items = [(a.title, a.get_url(request)) for a in ancestors]
    if current is None:
        return [*items, (page.title, None)]
    return [*items, (page.title, page.get_url(request)), (current, None)]
