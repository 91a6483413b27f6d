"""Paging shared by every paged list (site search, the schedule list, the finder, the API).

One rule for the `page` query parameter, so every list answers the same:

- absent, empty, not a whole number written in ASCII digits, or below 1: the first page
  (an odd value typed by hand still shows the list);
- a number past the last page, however large: 404. A number too large for a SQL integer
  never reaches the database (it answered 500 on SQLite and PostgreSQL).

The open-data API is stricter (`strict=True`): anything but a page that exists is 404.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404

# Far beyond any list here, and page × page size stays well inside a 64-bit SQL integer.
MAX_PAGE = 1_000_000


def page_number(raw, *, strict: bool = False) -> int:
    """The page asked for, from 1 to MAX_PAGE; raises Http404 for a page past MAX_PAGE.

    Anything but ASCII digits (a sign, spaces, full-width or other scripts' digits, "1_0")
    and 0 are the first page, or 404 when `strict`. (Django's Paginator.get_page shows the
    last page for 0 or a negative number, and int() reads "٣" and "1_0".)
    """
    if raw is None or raw == "":
        return 1
    text = str(raw)
    if not text.isascii() or not text.isdigit():
        if strict:
            raise Http404("Invalid page")
        return 1
    if len(text) > len(str(MAX_PAGE)) or int(text) > MAX_PAGE:
        raise Http404("Page out of range")
    number = int(text)
    if number < 1:
        if strict:
            raise Http404("Invalid page")
        return 1
    return number


def get_page(paginator: Paginator, raw, *, strict: bool = False) -> Page:
    """The page of `paginator` asked for by the raw `page` value; Http404 past the last one."""
    try:
        return paginator.page(page_number(raw, strict=strict))
    except EmptyPage:
        raise Http404("Page out of range") from None


# Pages shown on each side of the current page and at each end; the rest become "…".
# Django's defaults (3 and 2) make 15 items, two lines on a phone; these make at most 9.
ON_EACH_SIDE = 2
ON_ENDS = 1


@dataclass(frozen=True)
class PageLink:
    """A page's link, or (``number`` None) the "…" that stands for the pages left out."""

    number: int | None
    url: str | None
    current: bool


@dataclass(frozen=True)
class Pages:
    links: list[PageLink]
    previous: str | None
    next: str | None


def page_links(number: int, count: int, url: Callable[[int], str]) -> Pages | None:
    """Links around page `number` of `count`, or None when one page holds the list.

    Django's ``Paginator.get_elided_page_range`` chooses the pages: the first and last,
    those next to `number`, and "…" for the gaps. A short list shows every page.
    Rendered by templates/components/pagination.html.
    """
    if count <= 1:
        return None
    # One item per page: the paginator only needs the count (range() holds no list).
    elided = Paginator(range(count), 1).get_elided_page_range(
        number, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
    )
    return Pages(
        links=[
            PageLink(n, url(n), n == number) if isinstance(n, int) else PageLink(None, None, False)
            for n in elided
        ],
        previous=url(number - 1) if number > 1 else None,
        next=url(number + 1) if number < count else None,
    )
